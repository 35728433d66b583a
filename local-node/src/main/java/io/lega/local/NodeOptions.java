package io.lega.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What to start: where, on which infrastructure, how many pipeline workers, and the few settings a
 * caller may tune.
 *
 * @param root the project's root folder (where each service's {@code
 *     <module>/target/quarkus-app/quarkus-run.jar} is)
 * @param data the node's data folder: keys, secrets, inboxes, logs, and the embedded databases and
 *     objects; a second start on the same folder finds them again
 * @param backends where the infrastructure comes from
 * @param hubPort the hub's HTTP port, 0 for a free one
 * @param sftpPort the inbox's SFTP port, 0 for a free one
 * @param downloadPort the download API's HTTP port, 0 for a free one
 * @param workers instances of each pipeline worker (ingest, verify, finalize); 0 for the hub and
 *     the inbox alone (whose ingestion guard is then in memory: nothing ingests, and nothing
 *     migrates the node database)
 * @param backup whether finalize backs every file up to the backup bucket
 * @param posixArchive whether the archive is the folder {@code archive/} of the data folder instead
 *     of an S3 bucket
 * @param jvmOptions added to every service's JVM (e.g. a flight recording)
 * @param brokerTuning {@code lega.broker.*} keys given to every service (retry timing in tests)
 * @param workerProperties keys given to the pipeline workers only (e.g. {@code
 *     lega.broker.prefetch})
 */
public record NodeOptions(
    Path root,
    Path data,
    Backends.Kind backends,
    int hubPort,
    int sftpPort,
    int downloadPort,
    int workers,
    boolean backup,
    boolean posixArchive,
    List<String> jvmOptions,
    Map<String, String> brokerTuning,
    Map<String, String> workerProperties) {

  /**
   * The defaults of {@code ./lega up}: embedded, hub on 8080, SFTP on 2222, downloads on 8085, one
   * worker each.
   */
  public static NodeOptions defaults(Path root, Path data) {
    return new NodeOptions(
        root,
        data,
        Backends.Kind.EMBEDDED,
        8080,
        2222,
        8085,
        1,
        true,
        false,
        List.of(),
        Map.of(),
        Map.of());
  }

  public NodeOptions {
    root = root.toAbsolutePath().normalize();
    data = data.toAbsolutePath().normalize();
    if (workers < 0) {
      throw new IllegalArgumentException("workers must be 0 or more: " + workers);
    }
    jvmOptions = List.copyOf(jvmOptions);
    brokerTuning = Map.copyOf(brokerTuning);
    workerProperties = Map.copyOf(workerProperties);
  }

  /** These options on other infrastructure. */
  public NodeOptions withBackends(Backends.Kind kind) {
    return new NodeOptions(
        root,
        data,
        kind,
        hubPort,
        sftpPort,
        downloadPort,
        workers,
        backup,
        posixArchive,
        jvmOptions,
        brokerTuning,
        workerProperties);
  }

  /** These options with other ports (0 for free ones). */
  public NodeOptions withPorts(int hub, int sftp, int download) {
    return new NodeOptions(
        root,
        data,
        backends,
        hub,
        sftp,
        download,
        workers,
        backup,
        posixArchive,
        jvmOptions,
        brokerTuning,
        workerProperties);
  }

  /** These options with another number of workers and backup switch. */
  public NodeOptions withWorkers(int count, boolean backUp) {
    return new NodeOptions(
        root,
        data,
        backends,
        hubPort,
        sftpPort,
        downloadPort,
        count,
        backUp,
        posixArchive,
        jvmOptions,
        brokerTuning,
        workerProperties);
  }

  /** These options with the archive in a folder (or not). */
  public NodeOptions withPosixArchive(boolean posix) {
    return new NodeOptions(
        root,
        data,
        backends,
        hubPort,
        sftpPort,
        downloadPort,
        workers,
        backup,
        posix,
        jvmOptions,
        brokerTuning,
        workerProperties);
  }

  /** These options with tuning for tests and benchmarks. */
  public NodeOptions withTuning(
      List<String> jvm, Map<String, String> broker, Map<String, String> worker) {
    return new NodeOptions(
        root,
        data,
        backends,
        hubPort,
        sftpPort,
        downloadPort,
        workers,
        backup,
        posixArchive,
        jvm,
        broker,
        worker);
  }

  /** The folder of the node's keys. */
  public Path keys() {
    return data.resolve("keys");
  }

  /** The inbox's root: a folder per submitter. */
  public Path inboxRoot() {
    return data.resolve("inboxes");
  }

  /** The archive folder (with {@link #posixArchive}). */
  public Path archiveRoot() {
    return data.resolve("archive");
  }

  /** The folder of the services' logs. */
  public Path logs() {
    return data.resolve("logs");
  }

  /** The packaged application of a module. */
  public Path application(String module) {
    return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
  }
}
