package io.lega.crypt4gh.keys;

import io.lega.crypt4gh.cipher.ChaCha20Poly1305;
import io.lega.crypt4gh.error.InvalidKeyFileException;
import io.lega.crypt4gh.error.WrongPassphraseException;
import io.lega.crypt4gh.kdf.Kdf;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * The binary {@code c4gh-v1} private-key format of the reference implementation, inside the PEM
 * armour:
 *
 * <pre>
 * byte[7]  "c4gh-v1"
 * string   kdfname                   none | scrypt | bcrypt | pbkdf2_hmac_sha256
 * string   rounds (4, big-endian) || salt         only if kdfname is not none
 * string   ciphername                none | chacha20_poly1305
 * string   key material              32 raw bytes, or nonce (12) || ChaCha20-Poly1305(secret) (48)
 * string   comment                   optional
 * </pre>
 *
 * where a string is a 2-byte big-endian length and that many bytes. The AEAD has no associated
 * data. Reading is strict: a KDF without a cipher (or the reverse), a key of another length and
 * bytes after the comment are refused.
 */
final class PrivateKeyFormat {
  static final byte[] MAGIC = "c4gh-v1".getBytes(StandardCharsets.US_ASCII);
  static final String CIPHER_NONE = "none";
  static final String CIPHER_CHACHA20_POLY1305 = "chacha20_poly1305";

  static final int NONCE_LENGTH = 12;
  static final int TAG_LENGTH = 16;
  static final int SEALED_KEY_LENGTH = NONCE_LENGTH + X25519.KEY_LENGTH + TAG_LENGTH;

  private static final int MAX_NAME_LENGTH = 64;
  private static final int ROUNDS_LENGTH = 4;
  private static final int MAX_KDF_OPTIONS_LENGTH = ROUNDS_LENGTH + 1024;
  private static final int MAX_STRING_LENGTH = 0xffff;

  private static final SecureRandom RANDOM = new SecureRandom();

  private PrivateKeyFormat() {}

  /**
   * Decodes and, if protected, unlocks a private key.
   *
   * @throws InvalidKeyFileException when the content is malformed
   * @throws WrongPassphraseException when the passphrase is missing or does not unlock the key
   * @throws IOException when the passphrase supplier fails
   */
  static PrivateKeyFile decode(byte[] content, PassphraseSupplier passphrase) throws IOException {
    BlobReader reader = new BlobReader(content);
    if (!Arrays.equals(reader.readFixed(MAGIC.length, "magic word"), MAGIC)) {
      throw new InvalidKeyFileException(
          "not a Crypt4GH private key: the content does not start with \"c4gh-v1\"");
    }
    Kdf kdf = Kdf.fromName(ascii(reader.readString("KDF name", MAX_NAME_LENGTH)));
    KdfOptions options =
        kdf == Kdf.NONE
            ? null
            : KdfOptions.parse(kdf, reader.readString("KDF options", MAX_KDF_OPTIONS_LENGTH));
    String cipher = ascii(reader.readString("cipher name", MAX_NAME_LENGTH));
    byte[] material = reader.readString("key material", MAX_STRING_LENGTH);
    Optional<String> comment = Optional.empty();
    if (reader.hasRemaining()) {
      byte[] bytes = reader.readString("comment", MAX_STRING_LENGTH);
      comment = Optional.of(new String(bytes, StandardCharsets.UTF_8));
    }
    if (reader.hasRemaining()) {
      throw new InvalidKeyFileException(
          "invalid key file: " + reader.remaining() + " unexpected bytes after the comment");
    }
    byte[] secret;
    if (cipher.equals(CIPHER_NONE)) {
      if (kdf != Kdf.NONE) {
        throw new InvalidKeyFileException(
            "invalid key file: KDF is " + kdf.onDiskName() + " but the cipher is none");
      }
      secret = requireLength(material, X25519.KEY_LENGTH, "unencrypted key");
    } else if (cipher.equals(CIPHER_CHACHA20_POLY1305)) {
      if (options == null) {
        throw new InvalidKeyFileException(
            "invalid key file: the cipher is " + cipher + " but the KDF is none");
      }
      secret =
          unseal(requireLength(material, SEALED_KEY_LENGTH, "encrypted key"), options, passphrase);
    } else {
      throw new InvalidKeyFileException(
          "unsupported private-key cipher '"
              + Pem.printable(cipher)
              + "' (expected chacha20_poly1305 or none)");
    }
    try {
      return new PrivateKeyFile(Crypt4ghPrivateKey.of(secret), kdf, comment);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /** Encodes {@code secret}, sealed as {@code protection} says. */
  static byte[] encode(byte[] secret, KeyProtection protection, String comment) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(MAGIC);
    Kdf kdf = protection.kdf();
    writeString(out, ascii(kdf.onDiskName()));
    if (kdf == Kdf.NONE) {
      writeString(out, ascii(CIPHER_NONE));
      writeString(out, secret);
    } else {
      byte[] salt = new byte[kdf.defaultSaltLength()];
      RANDOM.nextBytes(salt);
      KdfOptions options = new KdfOptions(kdf, protection.rounds(), salt);
      byte[] utf8 = protection.passphraseUtf8();
      byte[] sealingKey;
      try {
        sealingKey = options.deriveKey(utf8);
      } finally {
        Arrays.fill(utf8, (byte) 0);
      }
      byte[] material;
      try {
        material = ChaCha20Poly1305.sealWithNonce(sealingKey, secret);
      } finally {
        Arrays.fill(sealingKey, (byte) 0);
      }
      writeString(out, options.encode());
      writeString(out, ascii(CIPHER_CHACHA20_POLY1305));
      writeString(out, material);
    }
    if (comment != null) {
      byte[] bytes = comment.getBytes(StandardCharsets.UTF_8);
      if (bytes.length > MAX_STRING_LENGTH) {
        throw new IllegalArgumentException(
            "the comment is " + bytes.length + " bytes in UTF-8; at most 65535 fit");
      }
      writeString(out, bytes);
    }
    return out.toByteArray();
  }

  private static byte[] unseal(byte[] material, KdfOptions options, PassphraseSupplier supplier)
      throws IOException {
    char[] passphrase = supplier == null ? null : supplier.get();
    if (passphrase == null) {
      throw new WrongPassphraseException();
    }
    byte[] utf8 = PassphraseBytes.utf8(passphrase);
    byte[] sealingKey;
    try {
      sealingKey = options.deriveKey(utf8);
    } catch (IllegalArgumentException e) {
      // Only bcrypt refuses a passphrase (an empty one): no key can have been sealed with it.
      throw new WrongPassphraseException();
    } finally {
      Arrays.fill(utf8, (byte) 0);
    }
    try {
      return ChaCha20Poly1305.openWithNonce(sealingKey, material, 0, material.length)
          .orElseThrow(WrongPassphraseException::new);
    } finally {
      Arrays.fill(sealingKey, (byte) 0);
    }
  }

  private static byte[] requireLength(byte[] field, int length, String what)
      throws InvalidKeyFileException {
    if (field.length != length) {
      throw new InvalidKeyFileException(
          "invalid key file: the " + what + " is " + field.length + " bytes, expected " + length);
    }
    return field;
  }

  private static void writeString(ByteArrayOutputStream out, byte[] value) {
    out.write(value.length >>> 8);
    out.write(value.length & 0xff);
    out.writeBytes(value);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static String ascii(byte[] bytes) {
    return new String(bytes, StandardCharsets.US_ASCII);
  }

  /** The KDF's parameters as stored in the file: 4-byte big-endian rounds, then the salt. */
  private record KdfOptions(Kdf kdf, int rounds, byte[] salt) {
    static KdfOptions parse(Kdf kdf, byte[] encoded) throws InvalidKeyFileException {
      if (encoded.length < ROUNDS_LENGTH) {
        throw new InvalidKeyFileException(
            "invalid key file: the KDF options are "
                + encoded.length
                + " bytes, less than the 4 of the rounds");
      }
      long rounds =
          ((encoded[0] & 0xffL) << 24)
              | ((encoded[1] & 0xff) << 16)
              | ((encoded[2] & 0xff) << 8)
              | (encoded[3] & 0xff);
      byte[] salt = Arrays.copyOfRange(encoded, ROUNDS_LENGTH, encoded.length);
      if (kdf != Kdf.SCRYPT && (rounds < 1 || rounds > Integer.MAX_VALUE)) {
        throw new InvalidKeyFileException(
            "invalid key file: " + kdf.onDiskName() + " with " + rounds + " rounds");
      }
      if (kdf == Kdf.BCRYPT && salt.length == 0) {
        throw new InvalidKeyFileException("invalid key file: bcrypt with an empty salt");
      }
      // scrypt ignores the rounds: keep whatever was stored, clamped to an int.
      return new KdfOptions(kdf, (int) Math.min(rounds, Integer.MAX_VALUE), salt);
    }

    byte[] encode() {
      byte[] encoded = new byte[ROUNDS_LENGTH + salt.length];
      encoded[0] = (byte) (rounds >>> 24);
      encoded[1] = (byte) (rounds >>> 16);
      encoded[2] = (byte) (rounds >>> 8);
      encoded[3] = (byte) rounds;
      System.arraycopy(salt, 0, encoded, ROUNDS_LENGTH, salt.length);
      return encoded;
    }

    byte[] deriveKey(byte[] passphraseUtf8) {
      return kdf.derive(passphraseUtf8, salt, rounds);
    }
  }
}
