package io.lega.crypt4gh.error;

/**
 * No header packet decrypts with the reader's key: the file was encrypted for someone else, or the
 * packets meant for this reader are damaged. Without a packet there is no data key.
 */
public final class NoDecryptablePacketException extends Crypt4ghException {
  public NoDecryptablePacketException(String message) {
    super(message);
  }
}
