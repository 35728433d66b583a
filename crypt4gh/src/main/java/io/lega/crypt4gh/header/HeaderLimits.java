package io.lega.crypt4gh.header;

/**
 * Hard caps applied while parsing a header, checked before anything is allocated, so that a hostile
 * header (a huge packet count or length) fails fast instead of exhausting memory.
 */
public final class HeaderLimits {
  /** Most header packets accepted in one file (the reference writes one per recipient). */
  public static final int MAX_PACKETS = 1024;

  /** Largest header packet accepted, in bytes, length field included. */
  public static final int MAX_PACKET_LENGTH = 1 << 20;

  /** Largest whole header accepted, in bytes: all packets together may not exceed it. */
  public static final int MAX_HEADER_LENGTH = 16 << 20;

  /**
   * Most lengths accepted in one edit list: as many as fit in a packet of {@link
   * #MAX_PACKET_LENGTH} once its length and method fields (8), writer key (32), nonce (12), tag
   * (16) and the list's type and count (8) are counted, so that every edit list written can be
   * read.
   */
  public static final int MAX_EDIT_LIST_LENGTHS = (MAX_PACKET_LENGTH - 76) / Long.BYTES;

  private HeaderLimits() {}
}
