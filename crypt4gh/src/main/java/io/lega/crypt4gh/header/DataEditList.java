package io.lega.crypt4gh.header;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A {@code data_edit_list} packet: alternating lengths of plaintext to skip and to keep, starting
 * with a skip. An odd number of lengths ends with a skip, after which everything is kept (as the
 * reference implementation does); an even number discards everything after the last keep.
 */
public final class DataEditList implements PacketContent {
  public static final int TYPE = 1;

  private final long[] lengths;

  private DataEditList(long[] lengths) {
    this.lengths = lengths;
  }

  /** An edit list of the given lengths; none may be negative. */
  public static DataEditList of(long... lengths) {
    if (lengths.length > HeaderLimits.MAX_EDIT_LIST_LENGTHS) {
      throw new IllegalArgumentException(
          "an edit list holds at most " + HeaderLimits.MAX_EDIT_LIST_LENGTHS + " lengths");
    }
    for (long length : lengths) {
      if (length < 0) {
        throw new IllegalArgumentException(
            "edit list lengths are unsigned 64-bit values below 2^63");
      }
    }
    return new DataEditList(lengths.clone());
  }

  /** A copy of the lengths. */
  public long[] lengths() {
    return lengths.clone();
  }

  /** Number of lengths in the list. */
  public int size() {
    return lengths.length;
  }

  /** The length at {@code index}. */
  public long length(int index) {
    return lengths[index];
  }

  @Override
  public int typeCode() {
    return TYPE;
  }

  @Override
  public byte[] encode() {
    ByteBuffer buffer =
        ByteBuffer.allocate(8 + lengths.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putInt(TYPE).putInt(lengths.length);
    for (long length : lengths) {
      buffer.putLong(length);
    }
    return buffer.array();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DataEditList that && Arrays.equals(lengths, that.lengths);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(lengths);
  }

  @Override
  public String toString() {
    return "DataEditList" + Arrays.toString(lengths);
  }
}
