package io.lega.download.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of an error response, {@code application/problem+json} (RFC 9457).
 *
 * @param type always {@code about:blank}: the status says it all
 * @param title the status's meaning
 * @param status the HTTP status
 * @param detail this occurrence
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail) {

  /** The media type. */
  public static final String MEDIA_TYPE = "application/problem+json";

  static Problem of(int status, String title, String detail) {
    return new Problem("about:blank", title, status, detail);
  }
}
