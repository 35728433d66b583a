package io.lega.inbox.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The OpenSSH {@code sftp} binary in batch mode, with a key or (through sshpass) a password. */
public final class SftpClient {

  private final Path workDir;
  private final int port;

  public SftpClient(Path workDir, int port) {
    this.workDir = workDir;
    this.port = port;
  }

  /** Runs the batch lines as {@code user}, logging in with the private key {@code key}. */
  public Commands.Result withKey(Path key, String user, String... batch) {
    return withKey(key, user, List.of(), batch);
  }

  /** The same, with more {@code sftp} options (for example {@code -l} to limit the bandwidth). */
  public Commands.Result withKey(Path key, String user, List<String> options, String... batch) {
    List<String> command = new ArrayList<>(List.of("sftp", "-b", batchFile(batch).toString()));
    command.addAll(options);
    command.addAll(Commands.sshOptions(port));
    command.addAll(
        List.of(
            "-o", "PreferredAuthentications=publickey", "-i", key.toString(), user + "@127.0.0.1"));
    return Commands.run(workDir, command);
  }

  /** Runs the batch lines as {@code user}, logging in with {@code password}. */
  public Commands.Result withPassword(String password, String user, String... batch) {
    // ssh keeps the first value of an option: BatchMode=no must come before -b (which sets yes).
    List<String> command =
        new ArrayList<>(List.of("sshpass", "-p", password, "sftp", "-o", "BatchMode=no"));
    command.addAll(Commands.sshOptions(port));
    command.addAll(
        List.of(
            "-b",
            batchFile(batch).toString(),
            "-o",
            "PreferredAuthentications=password",
            "-o",
            "PubkeyAuthentication=no",
            "-o",
            "NumberOfPasswordPrompts=1",
            user + "@127.0.0.1"));
    return Commands.run(workDir, command);
  }

  private Path batchFile(String... lines) {
    try {
      Path batch = Files.createTempFile(workDir, "batch", ".txt");
      Files.write(batch, List.of(lines));
      return batch;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
