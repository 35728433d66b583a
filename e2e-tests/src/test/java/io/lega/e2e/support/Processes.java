package io.lega.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion and checks its exit status. */
public final class Processes {

  private Processes() {}

  /** Runs the command with this standard input (or none); fails on a non-zero exit. */
  public static String run(List<String> command, String stdin) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (OutputStream in = process.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as("%s:%n%s", command.get(0), output).isZero();
    return output;
  }
}
