package io.lega.crypt4gh.error;

/**
 * The header is truncated or inconsistent: a length or count out of range, a packet cut short, a
 * packet whose content does not match its type, or more than one edit list for the reader.
 */
public final class MalformedHeaderException extends Crypt4ghException {
  public MalformedHeaderException(String message) {
    super(message);
  }
}
