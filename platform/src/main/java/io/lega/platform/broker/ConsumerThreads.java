package io.lega.platform.broker;

import io.lega.platform.threads.DaemonThreads;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The threads of a {@link QueueConsumer}: its workers and its retry scheduler, all daemons. */
final class ConsumerThreads {

  private ConsumerThreads() {}

  /** {@code count} workers for {@code queue}, ending when idle for a minute. */
  static ThreadPoolExecutor workers(String queue, int count) {
    ThreadPoolExecutor workers =
        new ThreadPoolExecutor(
            count,
            count,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            DaemonThreads.named("lega-consumer-" + queue));
    workers.allowCoreThreadTimeOut(true);
    return workers;
  }

  /** The scheduler of retries and resubscriptions; what is pending is dropped at shutdown. */
  static ScheduledThreadPoolExecutor scheduler(String queue) {
    ScheduledThreadPoolExecutor scheduler =
        new ScheduledThreadPoolExecutor(1, DaemonThreads.named("lega-retry-" + queue));
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    scheduler.setRemoveOnCancelPolicy(true);
    return scheduler;
  }

  /** Stops both, giving running workers a second to finish. */
  static void shutdown(ScheduledThreadPoolExecutor scheduler, ThreadPoolExecutor workers) {
    scheduler.shutdownNow();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(1, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workers.shutdownNow();
    }
  }
}
