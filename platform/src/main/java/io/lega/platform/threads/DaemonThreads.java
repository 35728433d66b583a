package io.lega.platform.threads;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Threads that never keep the JVM alive, named {@code <prefix>-1}, {@code <prefix>-2}, ... */
public final class DaemonThreads {

  private DaemonThreads() {}

  /** A factory of daemon threads named after {@code prefix}. */
  public static ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
