package io.lega.download.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Real HTTP requests to the service on its test port. */
public final class Http {

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI base;

  public Http(URI base) {
    this.base = base;
  }

  /**
   * A request to {@code path}, with headers given as name, value, name, value... (nulls skipped).
   */
  public HttpRequest.Builder request(String path, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
    for (int i = 0; i < headers.length; i += 2) {
      if (headers[i + 1] != null) {
        request.header(headers[i], headers[i + 1]);
      }
    }
    return request;
  }

  public HttpResponse<byte[]> get(String path, String... headers)
      throws IOException, InterruptedException {
    return client.send(
        request(path, headers).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  public HttpResponse<byte[]> head(String path, String... headers)
      throws IOException, InterruptedException {
    return client.send(
        request(path, headers).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  public HttpResponse<byte[]> post(String path, String json, String... headers)
      throws IOException, InterruptedException {
    return client.send(
        request(path, headers)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  public HttpClient client() {
    return client;
  }
}
