package io.lega.crypt4gh.header;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One header packet exactly as it stands in the file: its length field, encryption method, and the
 * encrypted payload. Packets another reader would open are kept byte for byte.
 */
public final class RawPacket {
  /** Packet encryption method 0: X25519 key exchange and ChaCha20-Poly1305. */
  public static final int METHOD_X25519_CHACHA20_IETF_POLY1305 = 0;

  /** Length field and method field. */
  static final int PREFIX_LENGTH = 8;

  private final byte[] bytes;

  private RawPacket(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps the complete bytes of a packet, length field included (no copy: callers own none). */
  static RawPacket wrap(byte[] bytes) {
    return new RawPacket(bytes);
  }

  /** Builds a packet from its method and the bytes that follow the method field. */
  static RawPacket of(int method, byte[] body) {
    ByteBuffer buffer =
        ByteBuffer.allocate(PREFIX_LENGTH + body.length).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putInt(PREFIX_LENGTH + body.length).putInt(method).put(body);
    return new RawPacket(buffer.array());
  }

  /** The packet's encryption method. */
  public int method() {
    return ByteBuffer.wrap(bytes, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
  }

  /** Total length of the packet in bytes, length field included. */
  public int length() {
    return bytes.length;
  }

  /** The bytes after the method field: for method 0, writer key, nonce, ciphertext and tag. */
  byte[] body() {
    return Arrays.copyOfRange(bytes, PREFIX_LENGTH, bytes.length);
  }

  /** A copy of the complete packet bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  void writeTo(ByteBuffer out) {
    out.put(bytes);
  }
}
