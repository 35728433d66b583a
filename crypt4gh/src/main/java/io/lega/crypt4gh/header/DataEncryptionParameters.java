package io.lega.crypt4gh.header;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A {@code data_encryption_parameters} packet: the body's data key, for ChaCha20-Poly1305 (the only
 * method the specification defines, code 0).
 */
public final class DataEncryptionParameters implements PacketContent {
  public static final int TYPE = 0;
  public static final int METHOD_CHACHA20_IETF_POLY1305 = 0;
  public static final int KEY_LENGTH = 32;

  private final byte[] dataKey;

  private DataEncryptionParameters(byte[] dataKey) {
    this.dataKey = dataKey;
  }

  /** Wraps a copy of a 32-byte ChaCha20-Poly1305 data key. */
  public static DataEncryptionParameters of(byte[] dataKey) {
    if (dataKey.length != KEY_LENGTH) {
      throw new IllegalArgumentException("a data key is " + KEY_LENGTH + " bytes");
    }
    return new DataEncryptionParameters(dataKey.clone());
  }

  /** A copy of the data key. */
  public byte[] dataKey() {
    return dataKey.clone();
  }

  @Override
  public int typeCode() {
    return TYPE;
  }

  @Override
  public byte[] encode() {
    return ByteBuffer.allocate(8 + KEY_LENGTH)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putInt(TYPE)
        .putInt(METHOD_CHACHA20_IETF_POLY1305)
        .put(dataKey)
        .array();
  }

  @Override
  public String toString() {
    return "DataEncryptionParameters[chacha20_ietf_poly1305]";
  }
}
