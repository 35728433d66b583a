package io.lega.crypt4gh.header;

import io.lega.crypt4gh.cipher.ChaCha20Poly1305;
import io.lega.crypt4gh.error.MalformedHeaderException;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.keys.Crypt4ghPublicKey;
import io.lega.crypt4gh.keys.X25519;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;

/** Encrypts packet contents for a recipient, and decrypts packets with a reader's key. */
public final class PacketCrypto {
  private PacketCrypto() {}

  /** Encrypts {@code content} for {@code recipient}, signed by {@code writer}'s key exchange. */
  public static RawPacket seal(
      PacketContent content, Crypt4ghPrivateKey writer, Crypt4ghPublicKey recipient) {
    byte[] key =
        SharedKey.forWriter(writer, recipient)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the recipient's public key is invalid (low order)"));
    byte[] writerKey = writer.publicKey().bytes();
    byte[] sealed = ChaCha20Poly1305.sealWithNonce(key, content.encode());
    byte[] body = new byte[X25519.KEY_LENGTH + sealed.length];
    System.arraycopy(writerKey, 0, body, 0, X25519.KEY_LENGTH);
    System.arraycopy(sealed, 0, body, X25519.KEY_LENGTH, sealed.length);
    return RawPacket.of(RawPacket.METHOD_X25519_CHACHA20_IETF_POLY1305, body);
  }

  /**
   * Decrypts {@code packet} with {@code reader}'s key. Empty when the packet is not for this
   * reader, uses an unknown encryption method, or holds an unknown packet type or data encryption
   * method: such packets are skipped, never fatal.
   *
   * @throws MalformedHeaderException if the packet decrypts but its content is inconsistent
   */
  public static Optional<OpenedPacket> open(RawPacket packet, Crypt4ghPrivateKey reader)
      throws MalformedHeaderException {
    if (packet.method() != RawPacket.METHOD_X25519_CHACHA20_IETF_POLY1305) {
      return Optional.empty();
    }
    byte[] body = packet.body();
    int minimum = X25519.KEY_LENGTH + ChaCha20Poly1305.NONCE_LENGTH + ChaCha20Poly1305.TAG_LENGTH;
    if (body.length < minimum) {
      return Optional.empty();
    }
    Crypt4ghPublicKey writer = Crypt4ghPublicKey.of(Arrays.copyOf(body, X25519.KEY_LENGTH));
    Optional<byte[]> plaintext =
        SharedKey.forReader(reader, writer)
            .flatMap(
                key ->
                    ChaCha20Poly1305.openWithNonce(
                        key, body, X25519.KEY_LENGTH, body.length - X25519.KEY_LENGTH));
    if (plaintext.isEmpty()) {
      return Optional.empty();
    }
    return parseContent(plaintext.get()).map(content -> new OpenedPacket(content, writer));
  }

  private static Optional<PacketContent> parseContent(byte[] plain)
      throws MalformedHeaderException {
    if (plain.length < 4) {
      throw new MalformedHeaderException("a header packet is too short to hold its type");
    }
    ByteBuffer in = ByteBuffer.wrap(plain).order(ByteOrder.LITTLE_ENDIAN);
    long type = Integer.toUnsignedLong(in.getInt());
    if (type == DataEncryptionParameters.TYPE) {
      return parseEncryptionParameters(in);
    }
    if (type == DataEditList.TYPE) {
      return Optional.of(parseEditList(in));
    }
    return Optional.empty();
  }

  private static Optional<PacketContent> parseEncryptionParameters(ByteBuffer in)
      throws MalformedHeaderException {
    if (in.remaining() < 4) {
      throw new MalformedHeaderException(
          "a data encryption packet is too short to hold its method");
    }
    int method = in.getInt();
    if (method != DataEncryptionParameters.METHOD_CHACHA20_IETF_POLY1305) {
      return Optional.empty();
    }
    if (in.remaining() != DataEncryptionParameters.KEY_LENGTH) {
      throw new MalformedHeaderException(
          "a data encryption packet holds " + in.remaining() + " key bytes; 32 were expected");
    }
    byte[] key = new byte[DataEncryptionParameters.KEY_LENGTH];
    in.get(key);
    return Optional.of(DataEncryptionParameters.of(key));
  }

  private static DataEditList parseEditList(ByteBuffer in) throws MalformedHeaderException {
    if (in.remaining() < 4) {
      throw new MalformedHeaderException("an edit list packet is too short to hold its count");
    }
    long count = Integer.toUnsignedLong(in.getInt());
    if (count > HeaderLimits.MAX_EDIT_LIST_LENGTHS || in.remaining() != count * Long.BYTES) {
      throw new MalformedHeaderException(
          "an edit list packet declares "
              + count
              + " lengths but holds "
              + in.remaining() / Long.BYTES);
    }
    long[] lengths = new long[(int) count];
    for (int i = 0; i < lengths.length; i++) {
      lengths[i] = in.getLong();
      if (lengths[i] < 0) {
        throw new MalformedHeaderException("an edit list length exceeds 2^63 - 1 bytes");
      }
    }
    return DataEditList.of(lengths);
  }
}
