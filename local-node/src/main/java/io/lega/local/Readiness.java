package io.lega.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Waits until services answer {@code 200} on {@code /q/health/ready}, polled over HTTP from this
 * JVM; gives up as soon as one of the processes has exited.
 */
final class Readiness {

  private static final Duration POLL = Duration.ofMillis(250);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private static final int TAIL_LINES = 30;

  private Readiness() {}

  /** Whether the service on this port is ready now. */
  static boolean ready(int port) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
              .timeout(Duration.ofSeconds(2))
              .build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Waits for every service of {@code waitFor}; {@code watched} are the processes whose exit ends
   * the wait with an error.
   */
  static void await(List<ServiceProcess> waitFor, List<ServiceProcess> watched, Duration atMost)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(atMost);
    List<ServiceProcess> pending = new ArrayList<>(waitFor);
    while (!pending.isEmpty()) {
      for (ServiceProcess p : watched) {
        if (!p.process().isAlive()) {
          throw new IllegalStateException(
              p.service().name()
                  + " exited with "
                  + p.process().exitValue()
                  + ": see "
                  + p.log()
                  + ", which ends with:\n"
                  + tail(p.log()));
        }
      }
      pending.removeIf(p -> ready(p.service().httpPort()));
      if (pending.isEmpty()) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            pending.get(0).service().name()
                + " was not ready after "
                + atMost.toSeconds()
                + " s: see "
                + pending.get(0).log());
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  /** The last lines of a service's log (services never log secrets), for the error a test shows. */
  private static String tail(Path log) {
    try (Stream<String> lines = Files.lines(log)) {
      List<String> all = lines.toList();
      return String.join("\n", all.subList(Math.max(0, all.size() - TAIL_LINES), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }
}
