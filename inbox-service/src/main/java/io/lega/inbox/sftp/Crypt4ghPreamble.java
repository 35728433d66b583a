package io.lega.inbox.sftp;

import io.lega.crypt4gh.header.Header;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/** The inbox's check that an upload is Crypt4GH: magic {@code crypt4gh}, then version 1. */
final class Crypt4ghPreamble {

  private Crypt4ghPreamble() {}

  /**
   * @param head the file's first bytes (up to {@link Header#PREAMBLE_LENGTH})
   * @param size the file's size
   * @return why the file is not Crypt4GH, or empty if its preamble is right
   */
  static Optional<String> problem(byte[] head, long size) {
    if (size == 0) {
      return Optional.of("the file is empty");
    }
    if (!Header.startsWithMagic(head)) {
      return Optional.of("it does not start with the magic bytes \"crypt4gh\"");
    }
    if (size < Header.PREAMBLE_LENGTH) {
      return Optional.of(
          "it ends after " + size + " bytes, before the end of the Crypt4GH header's preamble");
    }
    int version =
        ByteBuffer.wrap(head, Header.MAGIC.length, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    if (version != Header.VERSION) {
      return Optional.of(
          "its Crypt4GH version is "
              + Integer.toUnsignedString(version)
              + ", only version "
              + Header.VERSION
              + " is accepted");
    }
    return Optional.empty();
  }
}
