package io.lega.download;

import static io.lega.testsupport.quarkus.Blocking.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.lega.download.testing.ArchivedFiles.Archived;
import io.lega.download.testing.Profiles;
import io.lega.node.store.DownloadAuditRepository;
import io.lega.node.store.model.DownloadAuditEntity;
import io.lega.node.store.model.DownloadOutcome;
import io.quarkus.panache.common.Page;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The downloads of {@link DownloadTestBase} from an archive in a folder; and plaintext delivery,
 * switched on here ({@code lega.download.plaintext.enabled=true}; off, it is a 404: see {@link
 * S3ArchiveDownloadTest}); and how the bodies, written straight to the Vert.x response, end: a
 * client that leaves mid-body closes the archive read at once (the process's open files show it)
 * and is audited as failed; a connection kept alive carries the next response right after the body,
 * nothing in between.
 */
@QuarkusTest
@TestProfile(Profiles.PosixArchive.class)
class PosixArchiveDownloadTest extends DownloadTestBase {

  @Test
  void switchedOnThePlaintextIsServedWholeOrByOneRange() throws Exception {
    Archived file = files.ready(SIZE);
    String dataset = files.released(file);
    String bearer = passports.bearer(user, dataset);
    String path = "files/" + file.accessionId() + "/plaintext";

    HttpResponse<byte[]> whole = http.get(path, "Authorization", bearer);
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo(file.plaintext());

    HttpResponse<byte[]> part =
        http.get(path, "Authorization", bearer, "Range", "bytes=65530-65545");
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 65530-65545/" + SIZE);
    assertThat(part.body()).isEqualTo(Arrays.copyOfRange(file.plaintext(), 65530, 65546));

    assertThat(
            http.get(path, "Authorization", passports.bearer(user, "EGAD00000000404")).statusCode())
        .isEqualTo(403);
  }

  @Inject DownloadAuditRepository audits;

  @Test
  void aClientThatLeavesMidBodyClosesTheArchiveReadAtOnceAndIsAuditedAsFailed() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc (Linux)");
    Archived file = files.ready(32 * 1024 * 1024);
    String dataset = files.released(file);
    String key = researcher.publicKeyHeader();
    List<String[]> bodies =
        List.of(
            new String[] {"files/" + file.accessionId(), "X-C4GH-Public-Key: " + key},
            new String[] {"files/" + file.accessionId() + "/content"},
            new String[] {"files/" + file.accessionId() + "/plaintext"});
    int i = 0;
    for (String[] body : bodies) {
      String caller = user + "_" + i++;
      StringBuilder request =
          new StringBuilder("GET /" + body[0] + " HTTP/1.1\r\nHost: localhost\r\n")
              .append("Authorization: ")
              .append(passports.bearer(caller, dataset))
              .append("\r\n");
      for (int h = 1; h < body.length; h++) {
        request.append(body[h]).append("\r\n");
      }
      request.append("\r\n");

      try (Socket socket = new Socket(base.getHost(), base.getPort())) {
        socket.setReceiveBufferSize(64 * 1024);
        socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII))
            .isEqualTo("HTTP/1.1 200");
        assertThat(in.readNBytes(100_000)).hasSize(100_000);
        // the client stalls: the body is mid-way, its archive read open
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> openReadsOf(file.id().toString()) > 0);
      } // and leaves

      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                List<DownloadAuditEntity> rows =
                    await(() -> audits.ofUser(caller, Page.ofSize(10)));
                assertThat(rows).hasSize(1);
                assertThat(rows.get(0).outcome).as(body[0]).isEqualTo(DownloadOutcome.FAILED);
                assertThat(rows.get(0).reason).isEqualTo("the client went away");
                assertThat(rows.get(0).finishedAt).isNotNull();
                assertThat(rows.get(0).bytesSent).isBetween(100_000L, 16L * 1024 * 1024);
              });
      // closed when the client left, not when a stream someday times out
      assertThat(openReadsOf(file.id().toString())).as(body[0]).isZero();
    }
  }

  @Test
  void anArchivedObjectShorterThanRecordedBreaksTheConnectionAndIsAuditedAsFailed()
      throws Exception {
    Archived file = files.ready(8 * 1024 * 1024);
    String dataset = files.released(file);
    String name = file.id().toString();
    byte[] start;
    try (InputStream in = archive.storage().read(name, 0, 1024 * 1024)) {
      start = in.readAllBytes();
    }
    archive.storage().write(name, new java.io.ByteArrayInputStream(start)); // 1 MiB of ~8 left

    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000); // a connection left open would hang here
      socket
          .getOutputStream()
          .write(
              ("GET /files/"
                      + file.accessionId()
                      + "/content HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                      + passports.bearer(user, dataset)
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      String head = head(in);
      assertThat(head).startsWith("HTTP/1.1 200 OK\r\n");
      long length = contentLength(head);
      byte[] body = in.readAllBytes(); // until the service closes the connection
      assertThat(length).isGreaterThan(start.length);
      assertThat((long) body.length).isLessThan(length);
      assertThat(Arrays.copyOf(body, Math.min(body.length, start.length)))
          .isEqualTo(Arrays.copyOf(start, Math.min(body.length, start.length)));
    }

    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              List<DownloadAuditEntity> rows = await(() -> audits.ofUser(user, Page.ofSize(10)));
              assertThat(rows).hasSize(1);
              assertThat(rows.get(0).outcome).isEqualTo(DownloadOutcome.FAILED);
              assertThat(rows.get(0).reason).startsWith("storage: ");
              assertThat(rows.get(0).bytesSent).isEqualTo(start.length);
            });
    if (Files.isDirectory(Path.of("/proc/self/fd"))) {
      assertThat(openReadsOf(name)).isZero();
    }
  }

  @Test
  void aBodyIsFollowedOnItsConnectionByTheNextResponseAndNothingElse() throws Exception {
    Archived file = files.ready(SIZE);
    String dataset = files.released(file);
    String bearer = passports.bearer(user, dataset);
    String key = researcher.publicKeyHeader();
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      InputStream in = socket.getInputStream();
      String[] paths = {
        "files/" + file.accessionId(),
        "files/" + file.accessionId() + "/content",
        "files/" + file.accessionId() + "/plaintext",
        "files/" + file.accessionId()
      };
      for (String path : paths) {
        String request =
            "GET /"
                + path
                + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                + bearer
                + "\r\nX-C4GH-Public-Key: "
                + key
                + "\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        String head = head(in);
        assertThat(head).as(path).startsWith("HTTP/1.1 200 OK\r\n");
        assertThat(head.toLowerCase(java.util.Locale.ROOT))
            .as(path)
            .contains("content-type: application/octet-stream\r\n")
            .doesNotContain("transfer-encoding");
        long length = contentLength(head);
        byte[] body = in.readNBytes((int) length);
        assertThat(body).as(path).hasSize((int) length);
        if (path.endsWith("/plaintext")) {
          assertThat(body).isEqualTo(file.plaintext());
        }
      }
      // nothing after the last body: no second response written by the framework
      socket.setSoTimeout(500);
      try {
        assertThat(in.read()).isEqualTo(-1);
      } catch (java.net.SocketTimeoutException e) {
        // nothing came: as it should
      }
    }
  }

  @Test
  void aClientThatClosesAsSoonAsItHasEveryByteIsAuditedAsCompleted() throws Exception {
    Archived file = files.ready(4 * 1024 * 1024);
    String dataset = files.released(file);
    String bearer = passports.bearer(user, dataset);
    int rounds = 10; // the close races the service's last flush: several rounds give it chances
    for (int i = 0; i < rounds; i++) {
      try (Socket socket = new Socket(base.getHost(), base.getPort())) {
        socket.setSoTimeout(10_000);
        socket
            .getOutputStream()
            .write(
                ("GET /files/"
                        + file.accessionId()
                        + "/content HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                        + bearer
                        + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        long length = contentLength(head(in));
        assertThat(in.readNBytes((int) length)).hasSize((int) length);
        socket.setSoLinger(true, 0); // and gone at once, with a reset
      }
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(await(() -> audits.ofUser(user, Page.ofSize(100))))
                    .hasSize(rounds)
                    .allSatisfy(
                        row -> {
                          assertThat(row.outcome).isEqualTo(DownloadOutcome.COMPLETED);
                          assertThat(row.finishedAt).isNotNull();
                        }));
  }

  /** The {@code Content-Length} of a response's head. */
  private static long contentLength(String head) {
    return Long.parseLong(
        head.lines()
            .filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:"))
            .findFirst()
            .orElseThrow()
            .substring("content-length:".length())
            .strip());
  }

  /** A response's status line and headers, up to the empty line. */
  private static String head(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the connection closed in a response's head: " + head);
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** How many files of this process are open on the archived object {@code name}. */
  private static long openReadsOf(String name) throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.filter(
              fd -> {
                try {
                  return Files.readSymbolicLink(fd).toString().contains(name);
                } catch (IOException e) {
                  return false; // closed meanwhile
                }
              })
          .count();
    }
  }
}
