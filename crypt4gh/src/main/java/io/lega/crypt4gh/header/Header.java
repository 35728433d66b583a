package io.lega.crypt4gh.header;

import io.lega.crypt4gh.error.MalformedHeaderException;
import io.lega.crypt4gh.error.NotCrypt4ghException;
import io.lega.crypt4gh.error.UnsupportedVersionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A Crypt4GH header: magic, version 1, and its packets (still encrypted). Parsing checks every
 * count and length against {@link HeaderLimits} before allocating.
 */
public final class Header {
  public static final byte[] MAGIC = "crypt4gh".getBytes(StandardCharsets.US_ASCII);
  public static final int VERSION = 1;

  /** Magic, version and packet count. */
  public static final int PREAMBLE_LENGTH = 16;

  private final List<RawPacket> packets;

  public Header(List<RawPacket> packets) {
    if (packets.size() > HeaderLimits.MAX_PACKETS) {
      throw new IllegalArgumentException(
          "a header holds at most " + HeaderLimits.MAX_PACKETS + " packets");
    }
    this.packets = List.copyOf(packets);
  }

  public List<RawPacket> packets() {
    return packets;
  }

  /** Length of the encoded header in bytes: where the body starts in the file. */
  public int length() {
    int length = PREAMBLE_LENGTH;
    for (RawPacket packet : packets) {
      length += packet.length();
    }
    return length;
  }

  /** The header's bytes, as they begin a Crypt4GH file. */
  public byte[] encode() {
    ByteBuffer out = ByteBuffer.allocate(length()).order(ByteOrder.LITTLE_ENDIAN);
    out.put(MAGIC).putInt(VERSION).putInt(packets.size());
    packets.forEach(packet -> packet.writeTo(out));
    return out.array();
  }

  public void writeTo(OutputStream out) throws IOException {
    out.write(encode());
  }

  /**
   * Reads a header from the start of {@code in}, leaving the stream at the first byte of the body.
   *
   * @throws NotCrypt4ghException if the input does not start with the magic bytes
   * @throws UnsupportedVersionException if the version is not 1
   * @throws MalformedHeaderException if the header is truncated or a count or length is out of
   *     range
   */
  public static Header read(InputStream in) throws IOException {
    byte[] preamble = new byte[PREAMBLE_LENGTH];
    int got = in.readNBytes(preamble, 0, PREAMBLE_LENGTH);
    if (got < MAGIC.length || !startsWithMagic(preamble)) {
      throw new NotCrypt4ghException(
          "not a Crypt4GH file: it does not start with the magic bytes \"crypt4gh\"");
    }
    if (got < PREAMBLE_LENGTH) {
      throw new MalformedHeaderException(
          "the header is truncated: the file ends after " + got + " bytes");
    }
    ByteBuffer fields = ByteBuffer.wrap(preamble, 8, 8).order(ByteOrder.LITTLE_ENDIAN);
    long version = Integer.toUnsignedLong(fields.getInt());
    if (version != VERSION) {
      throw new UnsupportedVersionException(version);
    }
    long count = Integer.toUnsignedLong(fields.getInt());
    if (count > HeaderLimits.MAX_PACKETS) {
      throw new MalformedHeaderException(
          "the header declares "
              + count
              + " packets; at most "
              + HeaderLimits.MAX_PACKETS
              + " are accepted");
    }
    List<RawPacket> packets = new ArrayList<>((int) count);
    long total = PREAMBLE_LENGTH;
    for (int i = 0; i < count; i++) {
      RawPacket packet = readPacket(in, i, HeaderLimits.MAX_HEADER_LENGTH - total);
      total += packet.length();
      packets.add(packet);
    }
    return new Header(packets);
  }

  /** Whether {@code bytes} begins with the Crypt4GH magic. */
  public static boolean startsWithMagic(byte[] bytes) {
    if (bytes.length < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  private static RawPacket readPacket(InputStream in, int index, long room) throws IOException {
    byte[] lengthField = in.readNBytes(4);
    if (lengthField.length < 4) {
      throw new MalformedHeaderException("the header is truncated before packet " + index);
    }
    long length =
        Integer.toUnsignedLong(
            ByteBuffer.wrap(lengthField).order(ByteOrder.LITTLE_ENDIAN).getInt());
    if (length > room) {
      throw new MalformedHeaderException(
          "the header is larger than "
              + HeaderLimits.MAX_HEADER_LENGTH
              + " bytes at packet "
              + index
              + "; it is refused");
    }
    if (length < RawPacket.PREFIX_LENGTH || length > HeaderLimits.MAX_PACKET_LENGTH) {
      throw new MalformedHeaderException(
          "header packet "
              + index
              + " declares a length of "
              + length
              + " bytes; it must be between "
              + RawPacket.PREFIX_LENGTH
              + " and "
              + HeaderLimits.MAX_PACKET_LENGTH);
    }
    byte[] bytes = new byte[(int) length];
    System.arraycopy(lengthField, 0, bytes, 0, 4);
    int rest = (int) length - 4;
    if (in.readNBytes(bytes, 4, rest) < rest) {
      throw new MalformedHeaderException("the header is truncated inside packet " + index);
    }
    return RawPacket.wrap(bytes);
  }
}
