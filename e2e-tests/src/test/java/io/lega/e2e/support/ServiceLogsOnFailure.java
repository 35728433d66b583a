package io.lega.e2e.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * When a test fails, prints the warnings and errors every service logged, so that a failure on a CI
 * machine (whose temporary folders are gone afterwards) can be understood from its output alone.
 * The logs hold no secrets: the tests check that.
 */
public final class ServiceLogsOnFailure implements TestWatcher {

  private static final int MAX_LINES_PER_LOG = 60;

  private final Supplier<TestNode> node;

  /**
   * @param node the node under test (may still be {@code null} if it failed to start)
   */
  public ServiceLogsOnFailure(Supplier<TestNode> node) {
    this.node = node;
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    TestNode current = node.get();
    if (current == null) {
      return;
    }
    StringBuilder out =
        new StringBuilder("---- service warnings and errors after the failure of ")
            .append(context.getDisplayName())
            .append('\n');
    try {
      for (Path log : current.logs()) {
        List<String> problems =
            Files.readAllLines(log).stream()
                .filter(line -> line.contains(" WARN ") || line.contains(" ERROR "))
                .toList();
        out.append("-- ").append(log.getFileName()).append(" (").append(problems.size());
        out.append(" warnings and errors, the last ").append(MAX_LINES_PER_LOG).append(")\n");
        problems.stream()
            .skip(Math.max(0, problems.size() - MAX_LINES_PER_LOG))
            .forEach(line -> out.append(line, 0, Math.min(line.length(), 600)).append('\n'));
      }
    } catch (IOException e) {
      out.append("cannot read the service logs: ").append(e).append('\n');
    }
    System.out.print(out);
  }
}
