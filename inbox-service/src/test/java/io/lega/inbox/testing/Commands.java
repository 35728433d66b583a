package io.lega.inbox.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real OpenSSH tools (sftp, ssh, ssh-keygen, ssh-keyscan, sshpass) and coreutils. */
public final class Commands {

  /** What a command did. */
  public record Result(int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
  }

  private Commands() {}

  public static Result run(Path workDir, List<String> command) {
    try {
      Path out = Files.createTempFile(workDir, "out", ".txt");
      Path err = Files.createTempFile(workDir, "err", ".txt");
      Process process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(180, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("timed out: " + command);
      }
      return new Result(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * Skips the test if {@code tool} is not installed, except under CI ({@code CI=true}), where a
   * missing tool fails it: CI must not pass by skipping.
   */
  public static void require(String tool) {
    if (!available(tool) && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(tool + " is not installed (apt-get install openssh-client sshpass)");
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(available(tool), tool + " is not installed");
  }

  public static boolean available(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  /** Options that keep ssh away from the user's own configuration, agent and known hosts. */
  public static List<String> sshOptions(int port) {
    return new ArrayList<>(
        List.of(
            "-F",
            "/dev/null",
            "-o",
            "Port=" + port,
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "LogLevel=ERROR",
            "-o",
            "ConnectTimeout=20",
            "-o",
            "IdentityAgent=none",
            "-o",
            "IdentitiesOnly=yes"));
  }

  /** A new ed25519 key pair made by ssh-keygen; returns the private key file. */
  public static Path sshKeygen(Path dir, String name) {
    Path key = dir.resolve(name);
    Result result =
        run(
            dir,
            List.of(
                "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key.toString()));
    if (!result.ok()) {
      throw new AssertionError("ssh-keygen failed: " + result);
    }
    return key;
  }

  public static String publicKeyLine(Path privateKey) {
    try {
      return Files.readString(Path.of(privateKey + ".pub")).strip();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** {@code sha256sum} or {@code md5sum} of a file: the digest in hex. */
  public static String digest(String tool, Path file) {
    Result result = run(file.getParent(), List.of(tool, file.toString()));
    if (!result.ok()) {
      throw new AssertionError(tool + " failed: " + result);
    }
    return result.stdout().split("\\s+")[0];
  }
}
