package io.lega.platform.storage;

import io.lega.platform.threads.DaemonThreads;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Object writes to S3 as a pipeline: while one part is sent on a sender thread, the caller's thread
 * reads the next part from the source, so reading (and whatever produces the source: decryption,
 * hashing) overlaps the upload. At most two parts are in memory. A source shorter than one part
 * goes up as a single PUT; any failure aborts the multipart upload, so no parts outlive it.
 *
 * <p>Requests are signed with an unsigned payload ({@link S3Signer}): the body is handed to the
 * socket as it is, without the SHA-256 and MD5 passes the SDK makes over plain HTTP.
 */
final class S3Uploads implements AutoCloseable {
  /** Bytes read first, before a buffer of a whole part is taken for a source that fills it. */
  private static final int SMALL_BUFFER = 1 << 20;

  private static final MediaType OCTETS = MediaType.get("application/octet-stream");
  private static final MediaType XML = MediaType.get("application/xml");
  private static final Pattern UPLOAD_ID = Pattern.compile("<UploadId>([^<]+)</UploadId>");
  private static final Pattern CODE = Pattern.compile("<Code>([^<]*)</Code>");
  private static final Pattern MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");

  private final OkHttpClient http;
  private final S3Signer signer;
  private final HttpUrl bucketUrl;
  private final int partSize;
  private final Clock clock;
  private final ExecutorService sender;

  S3Uploads(OkHttpClient http, S3Settings settings, Clock clock) {
    this.http = http;
    this.signer =
        new S3Signer(
            settings.accessKey(),
            settings.secretKey(),
            settings.region() == null ? "us-east-1" : settings.region());
    this.bucketUrl = HttpUrl.get(stripSlash(settings.endpoint()) + "/" + settings.bucket() + "/");
    this.partSize = Math.toIntExact(settings.partSize());
    this.clock = clock;
    this.sender = Executors.newCachedThreadPool(DaemonThreads.named("lega-s3-part-sender"));
  }

  /** A refusal by the S3 service, with its error code. */
  static final class S3ResponseException extends IOException {
    private static final long serialVersionUID = 1L;

    S3ResponseException(String code, int status, String message) {
      super(code + " (HTTP " + status + "): " + message);
    }
  }

  /** Writes the whole source under {@code name}. */
  void write(String name, SourceStream source) throws IOException {
    // a small object (a header, a small file) must not pay for a whole part's buffer
    byte[] filling = new byte[Math.min(partSize, SMALL_BUFFER)];
    int length = source.readNBytes(filling, 0, filling.length);
    if (length == filling.length && length < partSize) {
      filling = Arrays.copyOf(filling, partSize);
      length += source.readNBytes(filling, length, partSize - length);
    }
    if (length < partSize) {
      execute(put(name, "", filling, length)).close();
      return;
    }
    String uploadId = createUpload(name);
    List<String> etags = new ArrayList<>();
    Future<String> inFlight = null;
    byte[] spare = null;
    try {
      int number = 1;
      while (length > 0) {
        if (inFlight != null) {
          etags.add(await(inFlight));
        }
        Request part =
            put(name, "partNumber=" + number++ + "&uploadId=" + uploadId, filling, length);
        inFlight = sender.submit(() -> etagOf(part));
        byte[] sent = filling;
        filling = spare == null ? new byte[partSize] : spare;
        spare = sent;
        length = length < partSize ? 0 : source.readNBytes(filling, 0, partSize);
      }
      Future<String> last = inFlight;
      inFlight = null;
      etags.add(await(last));
      complete(name, uploadId, etags);
    } catch (IOException | RuntimeException e) {
      if (inFlight != null) {
        try {
          inFlight.get(); // let the part land before the abort, so none outlives it
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
        } catch (ExecutionException ignored) {
          // the write fails with e
        }
      }
      abort(name, uploadId, e);
      throw e;
    }
  }

  @Override
  public void close() {
    sender.shutdownNow();
  }

  private String createUpload(String name) throws IOException {
    Request create =
        request(name, "uploads=").post(RequestBody.create(new byte[0], OCTETS)).build();
    try (Response response = execute(create)) {
      Matcher m = UPLOAD_ID.matcher(body(response));
      if (!m.find()) {
        throw new IOException("the multipart upload was created without an upload id");
      }
      return m.group(1);
    }
  }

  private void complete(String name, String uploadId, List<String> etags) throws IOException {
    StringBuilder xml = new StringBuilder("<CompleteMultipartUpload>");
    for (int i = 0; i < etags.size(); i++) {
      xml.append("<Part><PartNumber>").append(i + 1).append("</PartNumber><ETag>");
      xml.append(escape(etags.get(i))).append("</ETag></Part>");
    }
    xml.append("</CompleteMultipartUpload>");
    Request request =
        request(name, "uploadId=" + uploadId).post(RequestBody.create(xml.toString(), XML)).build();
    try (Response response = execute(request)) {
      String body = body(response);
      if (body.contains("<Error>")) { // S3 may report a failed completion with status 200
        throw refusal(response.code(), body);
      }
    }
  }

  private void abort(String name, String uploadId, Exception cause) {
    try {
      execute(request(name, "uploadId=" + uploadId).delete().build()).close();
    } catch (IOException | RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  private String etagOf(Request part) throws IOException {
    try (Response response = execute(part)) {
      String etag = response.header("ETag");
      if (etag == null) {
        throw new IOException("a part was stored without an ETag");
      }
      return etag;
    }
  }

  private Request put(String name, String query, byte[] data, int length) {
    return request(name, query).put(RequestBody.create(data, OCTETS, 0, length)).build();
  }

  private Request.Builder request(String name, String query) {
    HttpUrl url =
        HttpUrl.get(bucketUrl + S3Signer.encodePath(name) + (query.isEmpty() ? "" : "?" + query));
    return new Request.Builder().url(url);
  }

  /** Signs (at send time, so a part waiting in line is not signed stale) and sends. */
  private Response execute(Request request) throws IOException {
    Response response = http.newCall(signer.sign(request, clock.instant())).execute();
    if (!response.isSuccessful()) {
      try (response) {
        throw refusal(response.code(), body(response));
      }
    }
    return response;
  }

  private static S3ResponseException refusal(int status, String body) {
    Matcher code = CODE.matcher(body);
    Matcher message = MESSAGE.matcher(body);
    return new S3ResponseException(
        code.find() ? code.group(1) : "HTTP" + status,
        status,
        message.find() ? message.group(1) : "no message");
  }

  private static String body(Response response) throws IOException {
    ResponseBody body = response.body();
    return body == null ? "" : body.string();
  }

  private static <T> T await(Future<T> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while a part was being sent", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IOException(e.getCause());
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static String stripSlash(String endpoint) {
    return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
  }
}
