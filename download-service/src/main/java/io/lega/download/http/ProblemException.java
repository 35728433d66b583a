package io.lega.download.http;

import java.util.Map;

/**
 * A request the service answers with an error, as {@code application/problem+json} (RFC 9457): its
 * status, a short title and a detail safe to show the caller (it never tells whether a file or
 * dataset the caller may not read exists).
 */
public class ProblemException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String title;
  private final transient Map<String, String> headers;

  /**
   * @param status the HTTP status
   * @param title what kind of problem (the same for every occurrence)
   * @param detail this occurrence, for the caller
   * @param headers headers to send with it (e.g. {@code Content-Range} with a 416)
   */
  public ProblemException(int status, String title, String detail, Map<String, String> headers) {
    super(detail);
    this.status = status;
    this.title = title;
    this.headers = Map.copyOf(headers);
  }

  /** 401: no Passport, or one that is not valid. */
  public static ProblemException unauthorized(String detail) {
    return new ProblemException(
        401, "Unauthorized", detail, Map.of("WWW-Authenticate", "Bearer realm=\"lega-download\""));
  }

  /**
   * 403: the caller may not read it, and the same answer whether or not it exists, so that nothing
   * leaks its existence.
   */
  public static ProblemException forbidden() {
    return new ProblemException(
        403,
        "Forbidden",
        "no valid visa of this Passport grants access to it, or it does not exist",
        Map.of());
  }

  /** 400: a malformed request (public key, range, paging). */
  public static ProblemException badRequest(String detail) {
    return new ProblemException(400, "Bad Request", detail, Map.of());
  }

  /** 416: a range that starts past the end of the plaintext. */
  public static ProblemException rangeNotSatisfiable(long size) {
    return new ProblemException(
        416,
        "Range Not Satisfiable",
        "a requested range starts at or after the end of the file (" + size + " bytes)",
        Map.of("Content-Range", "bytes */" + size));
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
