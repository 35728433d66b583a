package io.lega.crypt4gh.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the CLI as users do: a separate JVM process, stdin from a file or a pipe, stdout to a file.
 */
final class CliProcess {
  record Result(int exitCode, byte[] stdout, String stderr) {
    String stdoutText() {
      return new String(stdout, StandardCharsets.UTF_8);
    }
  }

  private final Path workDir;

  CliProcess(Path workDir) {
    this.workDir = workDir;
  }

  /** Runs {@code crypt4gh args} with {@code stdin} redirected from a file (or nothing if null). */
  Result crypt4gh(Path stdin, Map<String, String> env, String... args) throws Exception {
    return run("io.lega.crypt4gh.cli.Main", stdin, env, args);
  }

  Result keygen(Map<String, String> env, String... args) throws Exception {
    return run("io.lega.crypt4gh.cli.Main$Keygen", null, env, args);
  }

  /** Runs {@code crypt4gh args} with stdin written through a pipe, not a seekable file. */
  Result crypt4ghPiped(byte[] stdin, Map<String, String> env, String... args) throws Exception {
    ProcessBuilder builder = builder("io.lega.crypt4gh.cli.Main", env, args);
    Path out = Files.createTempFile(workDir, "stdout", ".bin");
    builder.redirectOutput(out.toFile());
    Process process = builder.start();
    try (var in = process.getOutputStream()) {
      in.write(stdin);
    } catch (IOException closedEarly) {
      // the process may stop reading early (an error, or a range); its exit code tells
    }
    return finish(process, out);
  }

  private Result run(String main, Path stdin, Map<String, String> env, String... args)
      throws Exception {
    ProcessBuilder builder = builder(main, env, args);
    Path out = Files.createTempFile(workDir, "stdout", ".bin");
    builder.redirectOutput(out.toFile());
    builder.redirectInput(stdin == null ? new File("/dev/null") : stdin.toFile());
    return finish(builder.start(), out);
  }

  private ProcessBuilder builder(String main, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(classPath());
    command.add(main);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().remove("C4GH_PASSPHRASE");
    builder.environment().remove("C4GH_SECRET_KEY");
    builder.environment().put("HOME", workDir.toString());
    builder.environment().putAll(env);
    return builder;
  }

  private static Result finish(Process process, Path out) throws Exception {
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the CLI did not finish");
    }
    return new Result(process.exitValue(), Files.readAllBytes(out), stderr);
  }

  private static String classPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path");
  }
}
