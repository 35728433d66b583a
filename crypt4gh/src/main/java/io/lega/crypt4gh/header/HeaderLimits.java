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

  /** Most lengths accepted in one edit list. */
  public static final int MAX_EDIT_LIST_LENGTHS = (MAX_PACKET_LENGTH - 64) / Long.BYTES;

  private HeaderLimits() {}
}
