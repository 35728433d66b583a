package io.lega.platform.storage;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * AWS Signature Version 4 for the requests of {@link S3Uploads}, with an unsigned payload: the
 * header signature authenticates the request, and the content is protected end to end by Crypt4GH's
 * authenticated encryption and the verify step, so no pass over the body is spent on hashing it
 * (the SDK hashes each part once, and MD5s it too, over plain HTTP).
 */
final class S3Signer {
  static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final String SIGNED_HEADERS = "host;x-amz-content-sha256;x-amz-date";

  private final String accessKey;
  private final String secretKey;
  private final String region;

  S3Signer(String accessKey, String secretKey, String region) {
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.region = region;
  }

  /**
   * Adds {@code x-amz-date}, {@code x-amz-content-sha256} and {@code Authorization}.
   *
   * @param request a request whose URL's path and query are already in canonical form (each path
   *     segment percent-encoded, query parameters sorted, every one {@code name=value})
   */
  Request sign(Request request, Instant now) {
    HttpUrl url = request.url();
    String amzDate = AMZ_DATE.format(now);
    String day = amzDate.substring(0, 8);
    String canonical =
        String.join(
            "\n",
            request.method(),
            url.encodedPath(),
            url.encodedQuery() == null ? "" : url.encodedQuery(),
            "host:" + host(url),
            "x-amz-content-sha256:" + UNSIGNED_PAYLOAD,
            "x-amz-date:" + amzDate,
            "",
            SIGNED_HEADERS,
            UNSIGNED_PAYLOAD);
    String scope = day + "/" + region + "/s3/aws4_request";
    String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + sha256Hex(canonical);
    byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), day);
    key = hmac(key, region);
    key = hmac(key, "s3");
    key = hmac(key, "aws4_request");
    String signature = HexFormat.of().formatHex(hmac(key, toSign));
    return request
        .newBuilder()
        .header("x-amz-date", amzDate)
        .header("x-amz-content-sha256", UNSIGNED_PAYLOAD)
        .header(
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=%s/%s, SignedHeaders=%s, Signature=%s"
                .formatted(accessKey, scope, SIGNED_HEADERS, signature))
        .build();
  }

  /** The Host header OkHttp sends: the port only when it is not the scheme's default. */
  private static String host(HttpUrl url) {
    String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
    return url.port() == HttpUrl.defaultPort(url.scheme()) ? host : host + ":" + url.port();
  }

  /** Percent-encodes an object key for a path: every byte but unreserved characters and '/'. */
  static String encodePath(String key) {
    StringBuilder out = new StringBuilder(key.length() + 16);
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~'
          || c == '/') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return out.toString();
  }

  private static String sha256Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
