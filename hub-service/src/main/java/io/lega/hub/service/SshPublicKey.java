package io.lega.hub.service;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.EllipticCurve;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One OpenSSH public key, parsed from an {@code authorized_keys} line ({@code <type> <base64>
 * [comment]}) and checked: the type is one the hub accepts, the base64 decodes to a key blob of
 * that same type (RFC 4253 §6.6, RFC 5656 §3.1, RFC 8709 §4), the key's numbers are sane (an
 * Ed25519 key has 32 bytes, an RSA key a large enough modulus and an odd exponent, an ECDSA point
 * lies on its curve), and nothing follows the key in the blob.
 *
 * @param type the key type, e.g. {@code ssh-ed25519}
 * @param line the key as stored and handed to the inboxes: type, base64 blob and comment (if any),
 *     separated by one space
 * @param fingerprint {@code SHA256:} and the unpadded base64 SHA-256 of the blob, as {@code
 *     ssh-keygen -l} prints it
 * @param bits the key size in bits, as {@code ssh-keygen -l} prints it
 */
public record SshPublicKey(String type, String line, String fingerprint, int bits) {

  /** The longest line accepted (a 16384-bit RSA key with a long comment fits). */
  public static final int MAX_LINE_LENGTH = 16_384;

  /** The largest RSA modulus accepted, in bits (OpenSSH's own limit). */
  public static final int MAX_RSA_BITS = 16_384;

  private static final Pattern FIELDS = Pattern.compile("[ \t]+");

  /** The accepted key types, and for ECDSA the curve each names. */
  private static final Map<String, Curve> ECDSA =
      Map.of(
          "ecdsa-sha2-nistp256", new Curve("nistp256", "secp256r1", 32),
          "ecdsa-sha2-nistp384", new Curve("nistp384", "secp384r1", 48),
          "ecdsa-sha2-nistp521", new Curve("nistp521", "secp521r1", 66));

  private static final String ED25519 = "ssh-ed25519";
  private static final String RSA = "ssh-rsa";

  /** Every accepted type, for messages. */
  public static final List<String> TYPES =
      List.of(ED25519, RSA, "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521");

  private record Curve(String identifier, String jcaName, int fieldBytes) {}

  /**
   * Parses and checks one {@code authorized_keys} line.
   *
   * @param text the line; surrounding white space is ignored
   * @param minRsaBits the smallest RSA modulus accepted
   * @throws InvalidRequestException saying what is wrong with it
   */
  public static SshPublicKey parse(String text, int minRsaBits) {
    if (text == null || text.isBlank()) {
      throw new InvalidRequestException("an SSH public key is empty");
    }
    String trimmed = text.strip();
    if (trimmed.length() > MAX_LINE_LENGTH) {
      throw new InvalidRequestException(
          "an SSH public key is longer than " + MAX_LINE_LENGTH + " characters");
    }
    if (trimmed.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
      throw new InvalidRequestException(
          "an SSH public key contains a line break or control character: give one key per entry");
    }
    String[] fields = FIELDS.split(trimmed, 3);
    String type = fields[0];
    if (!TYPES.contains(type)) {
      throw new InvalidRequestException(unknownType(type));
    }
    if (fields.length < 2) {
      throw new InvalidRequestException("the " + type + " key has no key data after its type");
    }
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(fields[1]);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("the " + type + " key's data is not valid base64");
    }
    int bits = check(type, blob, minRsaBits);
    String encoded = Base64.getEncoder().encodeToString(blob);
    String comment = fields.length > 2 ? fields[2].strip() : "";
    String line = comment.isEmpty() ? type + " " + encoded : type + " " + encoded + " " + comment;
    return new SshPublicKey(type, line, fingerprint(blob), bits);
  }

  /** {@code SHA256:<base64 without padding>} of a key blob. */
  public static String fingerprint(byte[] blob) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static String unknownType(String type) {
    String shown = Text.shorten(type);
    if (type.contains("=") || type.contains("\"") || type.contains(",")) {
      return "an SSH public key starts with '"
          + shown
          + "': authorized_keys options are not accepted, give the key alone ("
          + String.join(", ", TYPES)
          + ")";
    }
    return "unsupported SSH key type '" + shown + "' (accepted: " + String.join(", ", TYPES) + ")";
  }

  /** Checks the blob against its declared type; returns the key size in bits. */
  private static int check(String type, byte[] blob, int minRsaBits) {
    Reader in = new Reader(blob, type);
    String inner = in.string();
    if (!inner.equals(type)) {
      throw new InvalidRequestException(
          "the key data is of type '" + Text.shorten(inner) + "' but the line says " + type);
    }
    int bits;
    if (type.equals(ED25519)) {
      byte[] point = in.bytes();
      if (point.length != 32) {
        throw new InvalidRequestException(
            "the ssh-ed25519 key has " + point.length + " bytes instead of 32");
      }
      bits = 256;
    } else if (type.equals(RSA)) {
      BigInteger exponent = in.mpint();
      BigInteger modulus = in.mpint();
      if (exponent.signum() <= 0
          || !exponent.testBit(0)
          || exponent.compareTo(BigInteger.TWO) <= 0) {
        throw new InvalidRequestException("the ssh-rsa key's public exponent is not valid");
      }
      if (modulus.signum() <= 0 || !modulus.testBit(0)) {
        throw new InvalidRequestException("the ssh-rsa key's modulus is not valid");
      }
      bits = modulus.bitLength();
      if (bits < minRsaBits) {
        throw new InvalidRequestException(
            "the ssh-rsa key has " + bits + " bits; at least " + minRsaBits + " are required");
      }
      if (bits > MAX_RSA_BITS) {
        throw new InvalidRequestException(
            "the ssh-rsa key has " + bits + " bits; at most " + MAX_RSA_BITS + " are accepted");
      }
    } else {
      Curve curve = ECDSA.get(type);
      String identifier = in.string();
      if (!identifier.equals(curve.identifier())) {
        throw new InvalidRequestException(
            "the " + type + " key names another curve than " + curve.identifier());
      }
      checkPoint(type, curve, in.bytes());
      bits = type.equals("ecdsa-sha2-nistp521") ? 521 : curve.fieldBytes() * 8;
    }
    if (in.remaining() != 0) {
      throw new InvalidRequestException(
          "the " + type + " key data has " + in.remaining() + " bytes after the key");
    }
    return bits;
  }

  /** An uncompressed point (0x04 || X || Y) that satisfies y² = x³ + ax + b mod p. */
  private static void checkPoint(String type, Curve curve, byte[] point) {
    int n = curve.fieldBytes();
    if (point.length != 1 + 2 * n || point[0] != 0x04) {
      throw new InvalidRequestException(
          "the " + type + " key's point is not an uncompressed point of " + curve.identifier());
    }
    BigInteger x = new BigInteger(1, java.util.Arrays.copyOfRange(point, 1, 1 + n));
    BigInteger y = new BigInteger(1, java.util.Arrays.copyOfRange(point, 1 + n, 1 + 2 * n));
    EllipticCurve ec = parameters(curve).getCurve();
    BigInteger p = ((ECFieldFp) ec.getField()).getP();
    if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
      throw new InvalidRequestException("the " + type + " key's point is not on its curve");
    }
    BigInteger left = y.multiply(y).mod(p);
    BigInteger right = x.pow(3).add(ec.getA().multiply(x)).add(ec.getB()).mod(p);
    if (!left.equals(right)) {
      throw new InvalidRequestException("the " + type + " key's point is not on its curve");
    }
  }

  private static ECParameterSpec parameters(Curve curve) {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec(curve.jcaName()));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("curve " + curve.jcaName() + " is missing from this JVM", e);
    }
  }

  /** Reads the SSH wire encoding (RFC 4251 §5): uint32-length-prefixed strings and mpints. */
  private static final class Reader {
    private final byte[] data;
    private final String type;
    private int position;

    Reader(byte[] data, String type) {
      this.data = data;
      this.type = type;
    }

    byte[] bytes() {
      if (data.length - position < 4) {
        throw truncated();
      }
      long length =
          ((data[position] & 0xffL) << 24)
              | ((data[position + 1] & 0xffL) << 16)
              | ((data[position + 2] & 0xffL) << 8)
              | (data[position + 3] & 0xffL);
      position += 4;
      if (length > data.length - position) {
        throw truncated();
      }
      byte[] value = java.util.Arrays.copyOfRange(data, position, position + (int) length);
      position += (int) length;
      return value;
    }

    String string() {
      return new String(bytes(), StandardCharsets.US_ASCII);
    }

    BigInteger mpint() {
      byte[] value = bytes();
      return value.length == 0 ? BigInteger.ZERO : new BigInteger(value);
    }

    int remaining() {
      return data.length - position;
    }

    private InvalidRequestException truncated() {
      return new InvalidRequestException("the " + type + " key's data is truncated");
    }
  }
}
