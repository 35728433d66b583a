package io.lega.hub.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.Callable;

/**
 * Times the handling of a node's report: timer {@code lega.hub.node.reports{queue, outcome}}, the
 * outcome being what the work returns ({@code recorded}, {@code ignored}) or {@code failed}.
 */
final class ReportTimer {

  private ReportTimer() {}

  static void time(MeterRegistry metrics, String queue, Callable<String> work) throws Exception {
    Timer.Sample sample = Timer.start(metrics);
    String outcome = "failed";
    try {
      outcome = work.call();
    } finally {
      sample.stop(metrics.timer("lega.hub.node.reports", "queue", queue, "outcome", outcome));
    }
  }
}
