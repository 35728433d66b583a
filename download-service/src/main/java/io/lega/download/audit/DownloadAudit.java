package io.lega.download.audit;

import io.lega.node.store.DownloadAuditRepository;
import io.lega.node.store.DownloadStart;
import io.lega.node.store.model.DownloadOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The download audit trail ({@code download_audit}) and its metrics: a row when a download starts,
 * finished with the bytes sent, the outcome and the duration ({@code started_at} to {@code
 * finished_at}) when the stream ends, fails or the client goes away. Metrics: counter {@code
 * lega.download.bytes} (bytes sent, by {@code kind} = {@code file}, {@code content}) and timer
 * {@code lega.download.streams{kind,outcome}}.
 */
@Singleton
public class DownloadAudit {

  private static final Logger LOG = Logger.getLogger(DownloadAudit.class);

  private final DownloadAuditRepository audits;
  private final MeterRegistry metrics;
  private final Vertx vertx;

  public DownloadAudit(DownloadAuditRepository audits, MeterRegistry metrics, Vertx vertx) {
    this.audits = audits;
    this.metrics = metrics;
    this.vertx = vertx;
  }

  /** Records the start of a download, in its own transaction; its row's id. */
  public Uni<Long> start(DownloadStart download) {
    return Panache.withTransaction(() -> audits.start(download));
  }

  /**
   * Records a refused request for a file that exists (outcome {@code denied}, nothing sent): who
   * tried to read what. Joins the caller's session.
   */
  public Uni<Void> denied(java.util.UUID fileId, String username, String reason) {
    metrics.counter("lega.download.denied").increment();
    return Panache.withTransaction(
        () ->
            audits
                .start(new DownloadStart(fileId, null, username, null, null, null, null))
                .flatMap(id -> audits.finish(id, 0, DownloadOutcome.DENIED, reason))
                .replaceWithVoid());
  }

  /**
   * Records a refused request for an id that names no file of this node (outcome {@code denied},
   * reason {@code no such file}): who probed for what. The caller sees the same 403 as for a file
   * that exists. Joins the caller's session.
   */
  public Uni<Void> deniedUnknown(String requestedId, String username) {
    metrics.counter("lega.download.denied").increment();
    return Panache.withTransaction(
            () -> audits.deniedUnknown(requestedId, username, "no such file"))
        .replaceWithVoid();
  }

  /**
   * Records how a download ended, from whichever thread the stream ended on: on a fresh Vert.x
   * context, not waited for (a failure to write it is logged).
   */
  public void finish(
      long id,
      String kind,
      long bytesSent,
      DownloadOutcome outcome,
      String reason,
      long startNanos) {
    long nanos = System.nanoTime() - startNanos;
    LOG.infof(
        "download %d (%s): %s, %d bytes in %d ms%s",
        id,
        kind,
        outcome.value(),
        bytesSent,
        nanos / 1_000_000,
        reason == null ? "" : " (" + reason + ")");
    metrics.counter("lega.download.bytes", "kind", kind).increment(bytesSent);
    metrics
        .timer("lega.download.streams", "kind", kind, "outcome", outcome.value())
        .record(Duration.ofNanos(nanos));
    Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
    // a context of its own, for this transaction only: what Hibernate Reactive asks for
    VertxContextSafetyToggle.setContextSafe(context, true);
    context.runOnContext(
        ignored ->
            Panache.withTransaction(() -> audits.finish(id, bytesSent, outcome, reason))
                .subscribe()
                .with(
                    done -> {},
                    failure ->
                        LOG.errorf(
                            "download %d: its end (%s, %d bytes) could not be audited: %s",
                            id, outcome.value(), bytesSent, failure)));
  }
}
