package io.lega.hub.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * SSH key pairs made by the real {@code ssh-keygen}, in a temporary folder, at test time. Without
 * {@code ssh-keygen} the calling test is skipped, except under {@code CI=true}, where it fails
 * ({@code apt-get install openssh-client}).
 */
public final class SshKeys {

  /**
   * A public key and what {@code ssh-keygen -l} says of it.
   *
   * @param line the {@code .pub} file's line
   * @param fingerprint {@code SHA256:...}
   * @param bits the key size
   */
  public record Generated(String line, String fingerprint, int bits) {}

  private SshKeys() {}

  /** Whether {@code ssh-keygen} can be run; skips (or, on CI, fails) the test if not. */
  public static void requireSshKeygen() {
    boolean present;
    try {
      present = run(List.of("ssh-keygen", "-?"), null).exitCode >= 0;
    } catch (IOException e) {
      present = false;
    }
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("ssh-keygen is missing: apt-get install -y openssh-client");
    }
    Assumptions.assumeTrue(present, "ssh-keygen is missing (apt-get install -y openssh-client)");
  }

  /**
   * Generates a key pair with {@code ssh-keygen -t <type> [-b <bits>] -N '' -C <comment> -f ...}.
   */
  public static Generated generate(Path folder, String type, Integer bits, String comment)
      throws IOException {
    requireSshKeygen();
    Path key = Files.createTempFile(folder, type, "");
    Files.delete(key);
    List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type));
    if (bits != null) {
      command.addAll(List.of("-b", bits.toString()));
    }
    command.addAll(List.of("-N", "", "-C", comment, "-f", key.toString()));
    Result made = run(command, null);
    if (made.exitCode != 0) {
      throw new IOException("ssh-keygen failed: " + made.output);
    }
    String line = Files.readString(Path.of(key + ".pub"), StandardCharsets.UTF_8).strip();
    Result listed = run(List.of("ssh-keygen", "-l", "-E", "sha256", "-f", key + ".pub"), null);
    if (listed.exitCode != 0) {
      throw new IOException("ssh-keygen -l failed: " + listed.output);
    }
    // "256 SHA256:abc... comment (ED25519)"
    String[] fields = listed.output.strip().split(" ");
    return new Generated(line, fields[1], Integer.parseInt(fields[0]));
  }

  private record Result(int exitCode, String output) {}

  private static Result run(List<String> command, Path directory) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("timed out: " + command);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return new Result(process.exitValue(), output);
  }
}
