package io.lega.testsupport.s3;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The S3 REST API, path-style, over {@link ObjectFiles}: bucket HEAD/PUT/GET (ListObjectsV2,
 * location, multipart uploads), object PUT/GET/HEAD/DELETE with single byte ranges, and multipart
 * create/part/complete/abort. Every request is signed (AWS SigV4); a signed payload is verified
 * while it streams to disk.
 */
final class S3Handler implements HttpHandler {
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
  private static final long MAX_PUT = 5L << 30;
  private static final int MAX_XML = 1 << 20;

  private final ObjectFiles files;
  private final SigV4 signatures;
  private final String region;
  private final Clock clock;

  S3Handler(ObjectFiles files, SigV4 signatures, String region, Clock clock) {
    this.files = files;
    this.signatures = signatures;
    this.region = region;
    this.clock = clock;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      try {
        route(exchange);
      } catch (S3Error e) {
        error(exchange, e.status(), e.code(), e.getMessage());
      } catch (IOException | RuntimeException e) {
        error(exchange, 500, "InternalError", "the server could not complete the request");
      }
    }
  }

  private void route(HttpExchange exchange) throws S3Error, IOException {
    String method = exchange.getRequestMethod();
    String rawPath = exchange.getRequestURI().getRawPath();
    String rawQuery = exchange.getRequestURI().getRawQuery();
    Headers headers = exchange.getRequestHeaders();
    SigV4.Signed signed =
        signatures.verify(
            method, rawPath, rawQuery, name -> headers.getFirst(name), clock.instant());
    Map<String, String> query = query(rawQuery);
    String path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
    if (!path.startsWith("/") || path.length() < 2) {
      throw new S3Error(405, "MethodNotAllowed", "listing buckets is not supported");
    }
    int slash = path.indexOf('/', 1);
    String bucket = slash < 0 ? path.substring(1) : path.substring(1, slash);
    String key = slash < 0 || slash == path.length() - 1 ? null : path.substring(slash + 1);
    if (key == null) {
      bucket(exchange, method, bucket, query);
    } else {
      object(exchange, method, bucket, key, query, signed);
    }
  }

  private void bucket(
      HttpExchange exchange, String method, String bucket, Map<String, String> query)
      throws S3Error, IOException {
    switch (method) {
      case "HEAD" -> {
        if (!files.bucketExists(bucket)) {
          throw S3Error.noSuchBucket(bucket);
        }
        empty(exchange, 200);
      }
      case "PUT" -> {
        if (!files.createBucket(bucket)) {
          throw new S3Error(409, "BucketAlreadyOwnedByYou", "the bucket exists");
        }
        exchange.getResponseHeaders().set("Location", "/" + bucket);
        empty(exchange, 200);
      }
      case "GET" -> {
        if (!files.bucketExists(bucket)) {
          throw S3Error.noSuchBucket(bucket);
        }
        if (query.containsKey("location")) {
          xml(exchange, 200, Xml.location(region));
        } else if (query.containsKey("uploads")) {
          xml(exchange, 200, Xml.uploads(bucket, files.uploads(bucket)));
        } else if ("2".equals(query.get("list-type"))) {
          String prefix = query.getOrDefault("prefix", "");
          int max = Math.min(1000, parseInt(query.getOrDefault("max-keys", "1000"), "max-keys"));
          String after = query.getOrDefault("continuation-token", query.get("start-after"));
          List<ObjectFiles.Info> page = files.list(bucket, prefix, after, max + 1);
          boolean truncated = page.size() > max;
          List<ObjectFiles.Info> shown = truncated ? page.subList(0, max) : page;
          xml(exchange, 200, Xml.listV2(bucket, prefix, max, shown, truncated));
        } else {
          throw new S3Error(501, "NotImplemented", "only ListObjectsV2 lists objects here");
        }
      }
      default -> throw new S3Error(405, "MethodNotAllowed", method + " of a bucket");
    }
  }

  private void object(
      HttpExchange exchange,
      String method,
      String bucket,
      String key,
      Map<String, String> query,
      SigV4.Signed signed)
      throws S3Error, IOException {
    String uploadId = query.get("uploadId");
    switch (method) {
      case "PUT" -> {
        long length = contentLength(exchange);
        InputStream body = exchange.getRequestBody();
        String etag;
        if (uploadId != null) {
          int part = parseInt(query.getOrDefault("partNumber", ""), "partNumber");
          etag = files.putPart(bucket, key, uploadId, part, body, length, signed.payloadSha256());
        } else if (query.isEmpty()) {
          etag = files.put(bucket, key, body, length, signed.payloadSha256()).etag();
        } else {
          throw new S3Error(501, "NotImplemented", "this object operation is not supported");
        }
        exchange.getResponseHeaders().set("ETag", quote(etag));
        empty(exchange, 200);
      }
      case "POST" -> {
        if (query.containsKey("uploads")) {
          xml(exchange, 200, Xml.initiated(bucket, key, files.createUpload(bucket, key)));
        } else if (uploadId != null) {
          byte[] body = readXml(exchange, signed);
          ObjectFiles.Info done = files.complete(bucket, key, uploadId, Xml.parts(body));
          xml(exchange, 200, Xml.completed(bucket, key, quote(done.etag())));
        } else {
          throw new S3Error(501, "NotImplemented", "this object operation is not supported");
        }
      }
      case "DELETE" -> {
        if (uploadId != null) {
          files.abort(bucket, key, uploadId);
        } else {
          files.delete(bucket, key);
        }
        empty(exchange, 204);
      }
      case "HEAD", "GET" -> read(exchange, method, bucket, key);
      default -> throw new S3Error(405, "MethodNotAllowed", method + " of an object");
    }
  }

  private void read(HttpExchange exchange, String method, String bucket, String key)
      throws S3Error, IOException {
    ObjectFiles.Info info = files.stat(bucket, key).orElseThrow(() -> S3Error.noSuchKey(key));
    // a whole GET of a large object reads with direct I/O (no page cache); ranges are unaligned,
    // and a small object, likely still in the page cache, would pay for a flush: they read
    // ordinarily
    boolean whole =
        "GET".equals(method)
            && exchange.getRequestHeaders().getFirst("Range") == null
            && info.size() >= DirectIo.MIN_SIZE;
    FileChannel direct = whole ? files.openDirect(bucket, key) : null;
    try (FileChannel channel = direct != null ? direct : files.open(bucket, key)) {
      long size = channel.size();
      long start = 0;
      long length = size;
      int status = 200;
      Headers out = exchange.getResponseHeaders();
      Optional<long[]> range = range(exchange.getRequestHeaders().getFirst("Range"), size);
      if (range.isPresent()) {
        start = range.get()[0];
        length = range.get()[1] - start;
        status = 206;
        out.set("Content-Range", "bytes " + start + "-" + (range.get()[1] - 1) + "/" + size);
      }
      out.set("ETag", quote(info.etag()));
      out.set("Last-Modified", HTTP_DATE.format(info.lastModified()));
      out.set("Content-Type", "application/octet-stream");
      out.set("Accept-Ranges", "bytes");
      if ("HEAD".equals(method)) {
        out.set("Content-Length", Long.toString(length));
        exchange.sendResponseHeaders(status, -1);
        return;
      }
      exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
      if (length > 0) {
        try (OutputStream body = exchange.getResponseBody()) {
          if (direct != null) {
            DirectIo.copyWhole(channel, length, body);
          } else {
            ObjectFiles.copy(channel, start, length, body);
          }
        }
      }
    }
  }

  /** One range {@code [start, endExclusive)}, clamped to the object; empty for none. */
  private static Optional<long[]> range(String header, long size) throws S3Error {
    if (header == null) {
      return Optional.empty();
    }
    Matcher m = RANGE.matcher(header.trim());
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return Optional.empty(); // S3 ignores a range it cannot parse
    }
    long start;
    long end;
    try {
      if (m.group(1).isEmpty()) {
        long suffix = Long.parseLong(m.group(2));
        start = Math.max(0, size - suffix);
        end = size;
      } else {
        start = Long.parseLong(m.group(1));
        end = m.group(2).isEmpty() ? size : Math.min(size, Long.parseLong(m.group(2)) + 1);
      }
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (start >= size || end <= start) {
      throw new S3Error(416, "InvalidRange", "the requested range is not satisfiable");
    }
    return Optional.of(new long[] {start, end});
  }

  private static long contentLength(HttpExchange exchange) throws S3Error {
    String value = exchange.getRequestHeaders().getFirst("Content-Length");
    if (value == null) {
      throw new S3Error(411, "MissingContentLength", "a Content-Length is required");
    }
    long length;
    try {
      length = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw S3Error.badRequest("InvalidArgument", "Content-Length is not a number");
    }
    if (length < 0 || length > MAX_PUT) {
      throw S3Error.badRequest("EntityTooLarge", "at most 5 GiB per request");
    }
    return length;
  }

  private static byte[] readXml(HttpExchange exchange, SigV4.Signed signed)
      throws S3Error, IOException {
    byte[] body = exchange.getRequestBody().readNBytes(MAX_XML + 1);
    if (body.length > MAX_XML) {
      throw S3Error.badRequest("MaxMessageLengthExceeded", "the request body is too large");
    }
    if (signed.payloadSha256() != null && !SigV4.sha256Hex(body).equals(signed.payloadSha256())) {
      throw S3Error.badRequest(
          "XAmzContentSHA256Mismatch", "the body's SHA-256 is not x-amz-content-sha256");
    }
    return body;
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> out = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String param : rawQuery.split("&")) {
      int eq = param.indexOf('=');
      String name = eq < 0 ? param : param.substring(0, eq);
      String value = eq < 0 ? "" : param.substring(eq + 1);
      out.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return out;
  }

  private static int parseInt(String value, String name) throws S3Error {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw S3Error.badRequest("InvalidArgument", name + " must be a number");
    }
  }

  private static void empty(HttpExchange exchange, int status) throws IOException {
    exchange.getResponseHeaders().set("Content-Length", "0");
    exchange.sendResponseHeaders(status, -1);
  }

  private static void xml(HttpExchange exchange, int status, String xml) throws IOException {
    byte[] body = xml.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/xml");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static void error(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    if ("HEAD".equals(exchange.getRequestMethod())) {
      empty(exchange, status);
      return;
    }
    xml(exchange, status, Xml.error(code, message, exchange.getRequestURI().getRawPath()));
  }

  private static String quote(String etag) {
    return "\"" + etag + "\"";
  }
}
