package io.lega.crypt4gh.keys;

import io.lega.crypt4gh.error.InvalidKeyFileException;
import java.util.Arrays;

/**
 * Reads the binary content of a private key file: fixed-size fields and "strings" (a 2-byte
 * big-endian length, then that many bytes). Every length is checked against a limit and against the
 * bytes left before anything is allocated.
 */
final class BlobReader {
  private final byte[] data;
  private int position;

  BlobReader(byte[] data) {
    this.data = data;
  }

  /** Whether bytes are left. */
  boolean hasRemaining() {
    return position < data.length;
  }

  /** Bytes left. */
  int remaining() {
    return data.length - position;
  }

  /** The next {@code length} bytes. */
  byte[] readFixed(int length, String what) throws InvalidKeyFileException {
    requireAvailable(length, what);
    byte[] field = Arrays.copyOfRange(data, position, position + length);
    position += length;
    return field;
  }

  /**
   * The next length-prefixed string.
   *
   * @param what the field's name, for error messages
   * @param maxLength the longest value accepted
   */
  byte[] readString(String what, int maxLength) throws InvalidKeyFileException {
    requireAvailable(2, "length of the " + what);
    int length = ((data[position] & 0xff) << 8) | (data[position + 1] & 0xff);
    position += 2;
    if (length > maxLength) {
      throw new InvalidKeyFileException(
          "invalid key file: the "
              + what
              + " is "
              + length
              + " bytes long, more than the "
              + maxLength
              + " allowed");
    }
    return readFixed(length, what);
  }

  private void requireAvailable(int length, String what) throws InvalidKeyFileException {
    if (length > remaining()) {
      throw new InvalidKeyFileException(
          "truncated key file: the "
              + what
              + " needs "
              + length
              + " bytes at offset "
              + position
              + ", but only "
              + remaining()
              + " are left");
    }
  }
}
