package io.lega.download;

import static io.lega.testsupport.quarkus.Blocking.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.lega.contracts.MessageCodec;
import io.lega.contracts.PermissionDeleted;
import io.lega.contracts.PermissionGranted;
import io.lega.download.testing.ArchivedFiles.Archived;
import io.lega.download.testing.Profiles;
import io.lega.node.store.DownloadAuditRepository;
import io.lega.node.store.model.DownloadAuditEntity;
import io.lega.node.store.model.DownloadOutcome;
import io.lega.node.worker.BrokerGroup;
import io.lega.testsupport.AmqpConnection;
import io.lega.testsupport.NodeBus;
import io.quarkus.panache.common.Page;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The downloads of {@link DownloadTestBase} from an S3 archive, and the rest of the API over real
 * HTTP: HEAD, header and content, every refusal, datasets and their files, DRS, service-info,
 * revocation through a real {@code permission.deleted} on the broker, audit, health and metrics.
 */
@QuarkusTest
@TestProfile(Profiles.S3Archive.class)
class S3ArchiveDownloadTest extends DownloadTestBase {

  @Inject BrokerGroup broker;
  @Inject DownloadAuditRepository audits;

  private String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  @Test
  void concurrentDownloadsAreEachByteExact() throws Exception {
    Archived file = files.ready(4 * 1024 * 1024 + 3);
    String dataset = files.released(file);
    String bearer = passports.bearer(user, dataset);
    List<java.util.concurrent.CompletableFuture<HttpResponse<byte[]>>> downloads =
        new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      downloads.add(
          http.client()
              .sendAsync(
                  http.request(
                          "files/" + file.accessionId(),
                          "Authorization",
                          bearer,
                          "X-C4GH-Public-Key",
                          researcher.publicKeyHeader(),
                          "Range",
                          i % 2 == 0 ? null : "bytes=" + (i * 100_000) + "-" + (i * 400_000))
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray()));
    }
    for (int i = 0; i < downloads.size(); i++) {
      HttpResponse<byte[]> response =
          downloads.get(i).get(60, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(response.statusCode()).isEqualTo(200);
      byte[] expected =
          i % 2 == 0
              ? file.plaintext()
              : Arrays.copyOfRange(file.plaintext(), i * 100_000, i * 400_000 + 1);
      assertThat(researcher.decrypt(response.body())).as("download %d", i).isEqualTo(expected);
    }
  }

  @Test
  void headOfTheContentAnswersItsHeadersWithoutReadingOrAuditing() throws Exception {
    Archived file = files.ready(SIZE);
    String dataset = files.released(file);
    String bearer = passports.bearer(user, dataset);
    String path = "files/" + file.accessionId() + "/content";

    HttpResponse<byte[]> head = http.head(path, "Authorization", bearer);
    HttpResponse<byte[]> ranged = http.head(path, "Authorization", bearer, "Range", "bytes=10-19");

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(ranged.statusCode()).isEqualTo(206);
    assertThat(ranged.headers().firstValue("Content-Range")).isPresent();
    assertThat(ranged.headers().firstValueAsLong("Content-Length")).hasValue(10);
    assertThat(await(() -> audits.ofUser(user, Page.ofSize(10)))).as("no download").isEmpty();
    HttpResponse<byte[]> get = http.get(path, "Authorization", bearer);
    assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(get.body().length);
    assertThat(head.headers().firstValue("ETag")).isEqualTo(get.headers().firstValue("ETag"));
    assertThat(http.head(path, "Authorization", "Bearer not-a-passport").statusCode())
        .isEqualTo(401);
  }

  @Test
  void headAnswersTheHeadersOfTheGetWithoutABody() throws Exception {
    Archived file = files.ready(SIZE);
    String dataset = files.released(file);
    String bearer = passports.bearer(user, dataset);

    HttpResponse<byte[]> head =
        http.head(
            "files/" + file.accessionId(),
            "Authorization",
            bearer,
            "X-C4GH-Public-Key",
            researcher.publicKeyHeader());
    HttpResponse<byte[]> get = download(file, dataset, null);

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(get.body().length);
  }

  @Test
  void theHeaderAndTheContentMakeTheFile() throws Exception {
    Archived file = files.ready(SIZE);
    String dataset = files.released(file);
    String bearer = passports.bearer(user, dataset);

    HttpResponse<byte[]> header =
        http.get(
            "files/" + file.accessionId() + "/header",
            "Authorization",
            bearer,
            "X-C4GH-Public-Key",
            researcher.publicKeyHeader());
    HttpResponse<byte[]> content =
        http.get("files/" + file.accessionId() + "/content", "Authorization", bearer);

    assertThat(header.statusCode()).isEqualTo(200);
    assertThat(content.statusCode()).isEqualTo(200);
    byte[] whole = new byte[header.body().length + content.body().length];
    System.arraycopy(header.body(), 0, whole, 0, header.body().length);
    System.arraycopy(content.body(), 0, whole, header.body().length, content.body().length);
    assertThat(researcher.decrypt(whole)).isEqualTo(file.plaintext());

    String etag = content.headers().firstValue("ETag").orElseThrow();
    HttpResponse<byte[]> resumed =
        http.get(
            "files/" + file.accessionId() + "/content",
            "Authorization",
            bearer,
            "Range",
            "bytes=1000-",
            "If-Range",
            etag);
    assertThat(resumed.statusCode()).isEqualTo(206);
    assertThat(resumed.headers().firstValue("ETag")).hasValue(etag);
    assertThat(resumed.headers().firstValue("Content-Range"))
        .hasValue("bytes 1000-" + (content.body().length - 1) + "/" + content.body().length);
    assertThat(resumed.body())
        .isEqualTo(Arrays.copyOfRange(content.body(), 1000, content.body().length));

    HttpResponse<byte[]> changed =
        http.get(
            "files/" + file.accessionId() + "/content",
            "Authorization",
            bearer,
            "Range",
            "bytes=1000-",
            "If-Range",
            "\"another\"");
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.body()).isEqualTo(content.body());
  }

  @Test
  void plaintextDeliveryIsOffByDefault() throws Exception {
    Archived file = files.ready(1000);
    String dataset = files.released(file);

    HttpResponse<byte[]> response =
        http.get(
            "files/" + file.accessionId() + "/plaintext",
            "Authorization",
            passports.bearer(user, dataset));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void withoutAValidPassportItIs401() throws Exception {
    Archived file = files.ready(1000);
    String dataset = files.released(file);
    String key = researcher.publicKeyHeader();
    String path = "files/" + file.accessionId();

    for (String authorization :
        new String[] {
          null,
          "Bearer not-a-jwt",
          passports.expired(user, dataset),
          passports.wrongSigner(user, dataset)
        }) {
      HttpResponse<byte[]> response =
          http.get(path, "Authorization", authorization, "X-C4GH-Public-Key", key);
      assertThat(response.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("application/problem+json");
      assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
    }
    assertThat(http.get("datasets").statusCode()).isEqualTo(401);
  }

  @Test
  void withoutPermissionItIsTheSame403AsForAFileThatDoesNotExist() throws Exception {
    Archived granted = files.ready(1000);
    String grantedDataset = files.released(granted);
    Archived other = files.ready(1000);
    files.released(other);
    Archived unreleased = files.ready(1000);
    String unreleasedDataset = files.mapped(unreleased);
    Archived deprecated = files.ready(1000);
    String deprecatedDataset = files.released(deprecated);
    files.deprecate(deprecatedDataset);
    Archived notReady = files.verifiedOnly(1000);
    String notReadyDataset = files.released(notReady);
    String bearer =
        passports.bearer(
            user, grantedDataset, unreleasedDataset, deprecatedDataset, notReadyDataset);
    String key = researcher.publicKeyHeader();

    HttpResponse<byte[]> unknown =
        http.get("files/EGAF99999999999", "Authorization", bearer, "X-C4GH-Public-Key", key);
    assertThat(unknown.statusCode()).isEqualTo(403);
    assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    for (Archived refused : List.of(other, unreleased, deprecated, notReady)) {
      HttpResponse<byte[]> response =
          http.get(
              "files/" + refused.accessionId(), "Authorization", bearer, "X-C4GH-Public-Key", key);
      assertThat(response.statusCode()).as(refused.accessionId()).isEqualTo(403);
      assertThat(text(response)).isEqualTo(text(unknown));
      assertThat(
              http.get("files/" + refused.accessionId() + "/content", "Authorization", bearer)
                  .statusCode())
          .isEqualTo(403);
    }
    assertThat(
            http.get(
                    "files/" + granted.accessionId(),
                    "Authorization",
                    bearer,
                    "X-C4GH-Public-Key",
                    key)
                .statusCode())
        .isEqualTo(200);
    // who tried to read what is audited, the id of a file that does not exist included
    List<DownloadAuditEntity> denied = await(() -> audits.ofUser(user, Page.ofSize(100)));
    assertThat(denied)
        .filteredOn(row -> row.outcome == DownloadOutcome.DENIED)
        .extracting(row -> row.fileId)
        .contains(other.id(), unreleased.id(), deprecated.id(), notReady.id());
    assertThat(denied)
        .filteredOn(row -> row.outcome == DownloadOutcome.DENIED && row.fileId == null)
        .extracting(row -> row.requestedId, row -> row.reason)
        .contains(org.assertj.core.groups.Tuple.tuple("EGAF99999999999", "no such file"));
    for (String dataset : List.of(unreleasedDataset, deprecatedDataset, "EGAD99999999999")) {
      HttpResponse<byte[]> response = http.get("datasets/" + dataset, "Authorization", bearer);
      assertThat(response.statusCode()).as(dataset).isEqualTo(403);
      assertThat(http.get("datasets/" + dataset + "/files", "Authorization", bearer).statusCode())
          .isEqualTo(403);
    }
  }

  @Test
  void aBadPublicKeyOrRangeIs400AndARangePastTheEndIs416() throws Exception {
    Archived file = files.ready(1000);
    String dataset = files.released(file);
    String bearer = passports.bearer(user, dataset);
    String path = "files/" + file.accessionId();

    assertThat(http.get(path, "Authorization", bearer).statusCode()).isEqualTo(400);
    assertThat(
            http.get(path, "Authorization", bearer, "X-C4GH-Public-Key", "bm90IGEga2V5")
                .statusCode())
        .isEqualTo(400);
    assertThat(http.get(path, "Authorization", bearer, "X-C4GH-Public-Key", "%%%").statusCode())
        .isEqualTo(400);
    String key = researcher.publicKeyHeader();
    for (String range : List.of("bytes=5-2", "bytes=a-b", "items=0-1", "bytes=-", "bytes=1-2-3")) {
      HttpResponse<byte[]> response =
          http.get(path, "Authorization", bearer, "X-C4GH-Public-Key", key, "Range", range);
      assertThat(response.statusCode()).as(range).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("application/problem+json");
    }
    HttpResponse<byte[]> past =
        http.get(
            path, "Authorization", bearer, "X-C4GH-Public-Key", key, "Range", "bytes=1000-1010");
    assertThat(past.statusCode()).isEqualTo(416);
    assertThat(past.headers().firstValue("Content-Range")).hasValue("bytes */1000");
  }

  @Test
  void theDatasetsAndTheirFilesArePaged() throws Exception {
    Archived a = files.ready(100);
    Archived b = files.ready(200);
    Archived c = files.ready(300);
    String dataset = files.released(a, b, c);
    String unreleased = files.mapped(files.ready(10));
    String bearer = passports.bearer(user, dataset, unreleased, "EGAD00000000404");

    String datasets = text(http.get("datasets", "Authorization", bearer));
    assertThat(datasets)
        .contains(dataset)
        .doesNotContain(unreleased)
        .doesNotContain("EGAD00000000404");

    String summary = text(http.get("datasets/" + dataset, "Authorization", bearer));
    assertThat(summary).contains("\"files\":3");

    List<Archived> sorted =
        List.of(a, b, c).stream()
            .sorted((x, y) -> x.accessionId().compareTo(y.accessionId()))
            .toList();
    String first =
        text(http.get("datasets/" + dataset + "/files?pageSize=2", "Authorization", bearer));
    assertThat(first)
        .contains(sorted.get(0).accessionId(), sorted.get(1).accessionId(), sorted.get(0).sha256())
        .doesNotContain(sorted.get(2).accessionId())
        .contains("nextPageToken");
    String token = first.replaceAll(".*\"nextPageToken\":\"([^\"]+)\".*", "$1");
    String second =
        text(
            http.get(
                "datasets/" + dataset + "/files?pageSize=2&pageToken=" + token,
                "Authorization",
                bearer));
    assertThat(second).contains(sorted.get(2).accessionId()).doesNotContain("nextPageToken");
    assertThat(
            http.get("datasets/" + dataset + "/files?pageSize=0", "Authorization", bearer)
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void drsDescribesAPermittedObjectWithTheBearerOrThePassportInTheBody() throws Exception {
    Archived file = files.ready(1234);
    String dataset = files.released(file);
    String path = "ga4gh/drs/v1/objects/" + file.accessionId();

    HttpResponse<byte[]> get = http.get(path, "Authorization", passports.bearer(user, dataset));
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(text(get))
        .contains("\"id\":\"" + file.accessionId() + "\"", "\"size\":1234", file.sha256())
        .contains("/files/" + file.accessionId());
    HttpResponse<byte[]> post =
        http.post(path, "{\"passports\":[\"" + passports.compact(user, dataset) + "\"]}");
    assertThat(post.statusCode()).isEqualTo(200);
    assertThat(
            http.get(path, "Authorization", passports.bearer(user, "EGAD00000000404")).statusCode())
        .isEqualTo(403);
    assertThat(text(http.get("service-info"))).contains("\"artifact\":\"drs\"");
  }

  @Test
  void aRevocationOnTheBrokerRefusesWithinSecondsAndAGrantLiftsIt() throws Exception {
    Archived file = files.ready(1000);
    String dataset = files.released(file);
    String bearer = passports.bearer(user, dataset);
    String key = researcher.publicKeyHeader();
    String path = "files/" + file.accessionId();
    assertThat(http.get(path, "Authorization", bearer, "X-C4GH-Public-Key", key).statusCode())
        .isEqualTo(200);
    MessageCodec codec = MessageCodec.shared();

    try (NodeBus bus =
        new NodeBus(
            new AmqpConnection(
                broker.host(),
                broker.port(),
                broker.username(),
                broker.password(),
                broker.virtualHost()),
            "download-test")) {
      bus.publish(
          "permission.deleted",
          new String(codec.encode(new PermissionDeleted(dataset, user)), StandardCharsets.UTF_8),
          null);
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  http.get(path, "Authorization", bearer, "X-C4GH-Public-Key", key).statusCode()
                      == 403);
      assertThat(http.get("datasets/" + dataset, "Authorization", bearer).statusCode())
          .isEqualTo(403);
      // a Passport whose visa was asserted after the revocation stands for a newer grant
      Thread.sleep(1100);
      String regranted = passports.bearerAssertedAgo(user, 0, dataset);
      assertThat(http.get(path, "Authorization", regranted, "X-C4GH-Public-Key", key).statusCode())
          .isEqualTo(200);
      assertThat(http.get(path, "Authorization", bearer, "X-C4GH-Public-Key", key).statusCode())
          .isEqualTo(403);

      bus.publish(
          "permission",
          new String(
              codec.encode(PermissionGranted.until(dataset, user, null)), StandardCharsets.UTF_8),
          null);
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  http.get(path, "Authorization", bearer, "X-C4GH-Public-Key", key).statusCode()
                      == 200);
    }
  }

  @Test
  void aDownloadIsAuditedAndCounted() throws Exception {
    Archived file = files.ready(SIZE);
    String dataset = files.released(file);

    assertThat(download(file, dataset, "bytes=0-9,70000-70009").statusCode()).isEqualTo(200);

    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              List<DownloadAuditEntity> rows = await(() -> audits.ofUser(user, Page.ofSize(10)));
              return rows.size() == 1 && rows.get(0).outcome == DownloadOutcome.COMPLETED;
            });
    DownloadAuditEntity row = await(() -> audits.ofUser(user, Page.ofSize(10))).get(0);
    assertThat(row.fileId).isEqualTo(file.id());
    assertThat(row.ranges).isEqualTo("0-10,70000-70010");
    assertThat(row.rangeStart).isZero();
    assertThat(row.bytesSent).isPositive();
    assertThat(row.finishedAt).isNotNull();

    String metrics = text(http.get("q/metrics"));
    assertThat(metrics).contains("lega_download_bytes_total").contains("http_server_requests");
  }

  @Test
  void aClientThatStallsIsNotFedAndOneThatLeavesEndsTheDownloadAtOnce() throws Exception {
    int size = 32 * 1024 * 1024;
    Archived file = files.ready(size);
    String dataset = files.released(file);
    String request =
        "GET /files/"
            + file.accessionId()
            + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
            + passports.bearer(user, dataset)
            + "\r\nX-C4GH-Public-Key: "
            + researcher.publicKeyHeader()
            + "\r\n\r\n";

    try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
      socket.setReceiveBufferSize(64 * 1024);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      java.io.InputStream in = socket.getInputStream();
      assertThat(in.readNBytes(100_000)).hasSize(100_000);
      Thread.sleep(1500); // the client stalls: the service must not read ahead without bound
    } // and leaves

    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              List<DownloadAuditEntity> rows = await(() -> audits.ofUser(user, Page.ofSize(10)));
              return rows.size() == 1 && rows.get(0).outcome == DownloadOutcome.FAILED;
            });
    DownloadAuditEntity row = await(() -> audits.ofUser(user, Page.ofSize(10))).get(0);
    assertThat(row.reason).isEqualTo("the client went away");
    // what was handed out is what the socket buffers hold, not the file
    assertThat(row.bytesSent).isBetween(100_000L, 16L * 1024 * 1024);
  }

  @Test
  void readinessCoversTheDatabaseTheBrokerAndTheArchive() throws Exception {
    HttpResponse<byte[]> ready = http.get("q/health/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(text(ready)).contains("\"archive\"", "\"broker\"").containsIgnoringCase("database");
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
