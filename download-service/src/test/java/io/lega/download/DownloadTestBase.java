package io.lega.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.lega.crypt4gh.body.Segments;
import io.lega.crypt4gh.keys.KeyFiles;
import io.lega.crypt4gh.keys.PassphraseSupplier;
import io.lega.download.config.DownloadConfig;
import io.lega.download.files.ArchiveStorage;
import io.lega.download.testing.ArchivedFiles;
import io.lega.download.testing.ArchivedFiles.Archived;
import io.lega.download.testing.DownloadEnvironment;
import io.lega.download.testing.Http;
import io.lega.download.testing.Passports;
import io.lega.download.testing.Researcher;
import io.lega.node.store.DatasetRepository;
import io.lega.node.store.FileRepository;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every archive backend must do: a whole file and plaintext ranges (at and across segment
 * boundaries, several at once) downloaded over real HTTP, decrypted with the researcher's key,
 * equal the original bytes.
 */
abstract class DownloadTestBase {

  /** Four segments, the last one short. */
  static final int SIZE = 3 * Segments.PLAIN_SIZE + 534;

  @Inject ArchiveStorage archive;
  @Inject FileRepository fileRepository;
  @Inject DatasetRepository datasetRepository;
  @Inject DownloadConfig config;

  @ConfigProperty(name = DownloadEnvironment.HUB_KEY)
  Path hubKey;

  @TestHTTPResource("/")
  URI base;

  Http http;
  Passports passports;
  ArchivedFiles files;
  Researcher researcher;
  String user;

  @BeforeEach
  void setUp() throws Exception {
    http = new Http(base);
    passports = new Passports(hubKey, config.auth().passportIssuers().get(0).jwksUrl());
    files =
        new ArchivedFiles(
            fileRepository,
            datasetRepository,
            archive.storage(),
            KeyFiles.readPrivateKey(config.archiveKeys().get(0).path(), PassphraseSupplier.none())
                .publicKey());
    researcher = new Researcher();
    user = "researcher_" + System.nanoTime();
  }

  HttpResponse<byte[]> download(Archived file, String dataset, String range) throws Exception {
    return http.get(
        "files/" + file.accessionId(),
        "Authorization",
        passports.bearer(user, dataset),
        "X-C4GH-Public-Key",
        researcher.publicKeyHeader(),
        "Range",
        range);
  }

  /**
   * The benchmark: {@code -Dlega.bench.download=true} (size {@code -Dlega.bench.size-mib}, default
   * 1024): the throughput of one whole download on loopback, and the time to the first body byte of
   * a 1 KiB range in the middle (best of 5), printed as {@code BENCH ...} lines.
   */
  @Test
  @org.junit.jupiter.api.condition.EnabledIfSystemProperty(
      named = "lega.bench.download",
      matches = "true")
  void benchmark() throws Exception {
    long size = Long.getLong("lega.bench.size-mib", 1024) * 1024 * 1024;
    Archived file = files.readyLarge(size);
    String dataset = files.released(file);
    String bearer = passports.bearer(user, dataset);
    String backend = config.archive().type().name().toLowerCase(java.util.Locale.ROOT);
    byte[] buffer = new byte[1 << 20];
    for (int round = 1; round <= 2; round++) {
      long start = System.nanoTime();
      long received = 0;
      HttpResponse<java.io.InputStream> response =
          http.client()
              .send(
                  http.request(
                          "files/" + file.accessionId(),
                          "Authorization",
                          bearer,
                          "X-C4GH-Public-Key",
                          researcher.publicKeyHeader())
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofInputStream());
      try (java.io.InputStream in = response.body()) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          received += n;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(received).isGreaterThan(size);
      System.out.printf(
          "BENCH download %s round %d: %d MiB in %.2f s = %.0f MB/s%n",
          backend, round, size >> 20, seconds, received / seconds / 1e6);
    }
    curlRounds(file, bearer, backend, size);
    long middle = size / 2;
    double best = Double.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      HttpResponse<java.io.InputStream> response =
          http.client()
              .send(
                  http.request(
                          "files/" + file.accessionId(),
                          "Authorization",
                          bearer,
                          "X-C4GH-Public-Key",
                          researcher.publicKeyHeader(),
                          "Range",
                          "bytes=" + middle + "-" + (middle + 1023))
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofInputStream());
      try (java.io.InputStream in = response.body()) {
        assertThat(in.read()).isNotNegative();
        best = Math.min(best, (System.nanoTime() - start) / 1e6);
        in.readAllBytes();
      }
    }
    System.out.printf(
        "BENCH download %s: first byte of a 1 KiB range in the middle after %.1f ms (best of 5)%n",
        backend, best);
  }

  /**
   * The same download through curl, the client the README tells researchers to use (a separate
   * process, as a researcher runs it), if curl is on the PATH: two rounds, body to /dev/null.
   */
  private void curlRounds(Archived file, String bearer, String backend, long size)
      throws Exception {
    for (int round = 1; round <= 2; round++) {
      Process curl;
      try {
        curl =
            new ProcessBuilder(
                    "curl",
                    "-sS",
                    "-f",
                    "-o",
                    "/dev/null",
                    "-w",
                    "%{size_download} %{time_total}",
                    "-H",
                    "Authorization: " + bearer,
                    "-H",
                    "X-C4GH-Public-Key: " + researcher.publicKeyHeader(),
                    base.resolve("files/" + file.accessionId()).toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
      } catch (java.io.IOException e) {
        System.out.println("BENCH download " + backend + " with curl: curl not found, skipped");
        return;
      }
      String[] figures = new String(curl.getInputStream().readAllBytes()).trim().split(" ");
      assertThat(curl.waitFor()).isZero();
      long received = Long.parseLong(figures[0]);
      double seconds = Double.parseDouble(figures[1]);
      assertThat(received).isGreaterThan(size);
      System.out.printf(
          "BENCH download %s with curl round %d: %d MiB in %.2f s = %.0f MB/s%n",
          backend, round, size >> 20, seconds, received / seconds / 1e6);
    }
  }

  @Test
  void theWholeFileDecryptsToTheOriginal() throws Exception {
    Archived file = files.ready(SIZE);
    String dataset = files.released(file);

    HttpResponse<byte[]> response = download(file, dataset, null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    byte[] plaintext = researcher.decrypt(response.body());
    assertThat(ArchivedFiles.sha256(plaintext)).isEqualTo(file.sha256());
    assertThat(response.headers().firstValueAsLong("Content-Length"))
        .hasValue(response.body().length);
  }

  @Test
  void aRangeAtASegmentBoundaryReadsOnlyItsSegment() throws Exception {
    Archived file = files.ready(SIZE);
    String dataset = files.released(file);

    HttpResponse<byte[]> response = download(file, dataset, "bytes=65536-131071");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(researcher.decrypt(response.body()))
        .isEqualTo(Arrays.copyOfRange(file.plaintext(), 65536, 131072));
    // one segment of the body, behind a header of a few hundred bytes
    assertThat(response.body().length).isBetween(Segments.CIPHER_SIZE, Segments.CIPHER_SIZE + 1024);
    assertThat(response.headers().firstValue("X-C4GH-Plaintext-Ranges"))
        .hasValue("bytes=65536-131071");
  }

  @Test
  void rangesAcrossBoundariesAndAtTheEndDecryptToExactlyThoseBytes() throws Exception {
    Archived file = files.ready(SIZE);
    String dataset = files.released(file);
    byte[] p = file.plaintext();

    assertThat(researcher.decrypt(download(file, dataset, "bytes=65530-65545").body()))
        .isEqualTo(Arrays.copyOfRange(p, 65530, 65546));
    assertThat(researcher.decrypt(download(file, dataset, "bytes=65535-65535").body()))
        .isEqualTo(Arrays.copyOfRange(p, 65535, 65536));
    assertThat(researcher.decrypt(download(file, dataset, "bytes=196600-").body()))
        .isEqualTo(Arrays.copyOfRange(p, 196600, SIZE));
    assertThat(researcher.decrypt(download(file, dataset, "bytes=-100").body()))
        .isEqualTo(Arrays.copyOfRange(p, SIZE - 100, SIZE));
    assertThat(researcher.decrypt(download(file, dataset, "bytes=100-999999999").body()))
        .isEqualTo(Arrays.copyOfRange(p, 100, SIZE));
  }

  @Test
  void severalRangesDecryptToTheirUnionInAscendingOrder() throws Exception {
    Archived file = files.ready(SIZE);
    String dataset = files.released(file);
    byte[] p = file.plaintext();

    HttpResponse<byte[]> response =
        download(file, dataset, "bytes=131070-131080, 10-20, 15-30, 196608-196700");

    assertThat(response.statusCode()).isEqualTo(200);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(p, 10, 21); // 10-30
    expected.write(p, 131070, 11);
    expected.write(p, 196608, 93);
    assertThat(researcher.decrypt(response.body())).isEqualTo(expected.toByteArray());
    // segments 0, 1, 2 and 3 are needed, but never twice
    assertThat(response.body().length).isLessThan(4 * Segments.CIPHER_SIZE + 2048);
  }
}
