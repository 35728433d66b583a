package io.lega.testsupport.s3;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks an AWS Signature Version 4 {@code Authorization} header against one key pair.
 *
 * <p>The payload is covered through {@code x-amz-content-sha256}: the caller compares the body's
 * SHA-256 with {@link Signed#payloadSha256()} while it streams the body (no buffering), unless the
 * client sent {@code UNSIGNED-PAYLOAD}. Chunked signing ({@code STREAMING-...}), presigned URLs and
 * signature V2 are refused.
 */
public final class SigV4 {
  static final String UNSIGNED = "UNSIGNED-PAYLOAD";
  private static final Duration MAX_SKEW = Duration.ofMinutes(15);
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern HEADER =
      Pattern.compile(
          "AWS4-HMAC-SHA256 Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/s3/aws4_request,\\s*"
              + "SignedHeaders=([a-z0-9;-]+),\\s*Signature=([0-9a-f]{64})");
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  private final String accessKey;
  private final String secretKey;

  SigV4(String accessKey, String secretKey) {
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  /**
   * What a verified request promises about its body.
   *
   * @param payloadSha256 the hex SHA-256 the body must have, or null for an unsigned payload
   */
  record Signed(String payloadSha256) {}

  /**
   * Verifies a request.
   *
   * @param method the HTTP method
   * @param rawPath the path as sent (already URI-encoded)
   * @param rawQuery the query as sent, or null
   * @param header a request header by lower-case name, or null
   * @param now the current time
   */
  Signed verify(
      String method, String rawPath, String rawQuery, Function<String, String> header, Instant now)
      throws S3Error {
    String authorization = header.apply("authorization");
    if (authorization == null) {
      throw S3Error.denied("AccessDenied", "anonymous requests are not accepted");
    }
    Matcher m = HEADER.matcher(authorization.trim());
    if (!m.matches()) {
      throw S3Error.badRequest(
          "AuthorizationHeaderMalformed", "only AWS4-HMAC-SHA256 header signatures are accepted");
    }
    if (!MessageDigest.isEqual(bytes(m.group(1)), bytes(accessKey))) {
      throw S3Error.denied("InvalidAccessKeyId", "unknown access key");
    }
    String amzDate = header.apply("x-amz-date");
    Instant signedAt;
    try {
      signedAt = Instant.from(AMZ_DATE.parse(amzDate == null ? "" : amzDate));
    } catch (DateTimeParseException e) {
      throw S3Error.denied("AccessDenied", "x-amz-date is missing or malformed");
    }
    if (!amzDate.startsWith(m.group(2))) {
      throw S3Error.denied("SignatureDoesNotMatch", "the credential date is not x-amz-date's");
    }
    if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
      throw S3Error.denied("RequestTimeTooSkewed", "the request time is too far from ours");
    }
    String payload = header.apply("x-amz-content-sha256");
    if (payload == null || !(UNSIGNED.equals(payload) || HEX64.matcher(payload).matches())) {
      throw S3Error.badRequest(
          "InvalidRequest", "x-amz-content-sha256 must be a hex SHA-256 or " + UNSIGNED);
    }
    List<String> signedHeaders = List.of(m.group(4).split(";"));
    if (!signedHeaders.contains("host") || !signedHeaders.contains("x-amz-content-sha256")) {
      throw S3Error.denied("AccessDenied", "host and x-amz-content-sha256 must be signed");
    }
    StringBuilder canonical = new StringBuilder();
    canonical.append(method).append('\n').append(rawPath).append('\n');
    canonical.append(canonicalQuery(rawQuery)).append('\n');
    for (String name : signedHeaders) {
      String value = header.apply(name);
      if (value == null) {
        throw S3Error.denied("SignatureDoesNotMatch", "signed header " + name + " is missing");
      }
      canonical.append(name).append(':').append(value.trim().replaceAll(" +", " ")).append('\n');
    }
    canonical.append('\n').append(m.group(4)).append('\n').append(payload);
    String scope = m.group(2) + "/" + m.group(3) + "/s3/aws4_request";
    String toSign =
        "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + sha256Hex(canonical.toString());
    byte[] key = hmac(bytes("AWS4" + secretKey), m.group(2));
    key = hmac(key, m.group(3));
    key = hmac(key, "s3");
    key = hmac(key, "aws4_request");
    byte[] expected = bytes(HexFormat.of().formatHex(hmac(key, toSign)));
    if (!MessageDigest.isEqual(expected, bytes(m.group(5)))) {
      throw S3Error.denied("SignatureDoesNotMatch", "the request signature does not match");
    }
    return new Signed(UNSIGNED.equals(payload) ? null : payload);
  }

  /**
   * The headers that sign a request without query parameters and with an unsigned payload, for
   * test-support's own small clients.
   *
   * @param host the Host header as sent ({@code 127.0.0.1:port})
   * @return {@code x-amz-date}, {@code x-amz-content-sha256} and {@code Authorization}
   */
  public static Map<String, String> signUnsignedPayload(
      String method,
      String rawPath,
      String host,
      String accessKey,
      String secretKey,
      String region,
      Instant now) {
    String amzDate = AMZ_DATE.format(now);
    String day = amzDate.substring(0, 8);
    String signedHeaders = "host;x-amz-content-sha256;x-amz-date";
    String canonical =
        method
            + "\n"
            + rawPath
            + "\n\nhost:"
            + host
            + "\nx-amz-content-sha256:"
            + UNSIGNED
            + "\nx-amz-date:"
            + amzDate
            + "\n\n"
            + signedHeaders
            + "\n"
            + UNSIGNED;
    String scope = day + "/" + region + "/s3/aws4_request";
    String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + sha256Hex(canonical);
    byte[] key = hmac(bytes("AWS4" + secretKey), day);
    key = hmac(key, region);
    key = hmac(key, "s3");
    key = hmac(key, "aws4_request");
    String signature = HexFormat.of().formatHex(hmac(key, toSign));
    return Map.of(
        "x-amz-date",
        amzDate,
        "x-amz-content-sha256",
        UNSIGNED,
        "Authorization",
        "AWS4-HMAC-SHA256 Credential="
            + accessKey
            + "/"
            + scope
            + ", SignedHeaders="
            + signedHeaders
            + ", Signature="
            + signature);
  }

  /** Parameters sorted by name (stable, as the SDKs sign them), each {@code name=value}. */
  private static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<Map.Entry<String, String>> params = new ArrayList<>();
    for (String param : rawQuery.split("&")) {
      int eq = param.indexOf('=');
      params.add(
          eq < 0
              ? Map.entry(param, "")
              : Map.entry(param.substring(0, eq), param.substring(eq + 1)));
    }
    params.sort(Map.Entry.comparingByKey());
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> p : params) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(p.getKey()).append('=').append(p.getValue());
    }
    return out.toString();
  }

  static String sha256Hex(String text) {
    return sha256Hex(bytes(text));
  }

  static String sha256Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(bytes(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
