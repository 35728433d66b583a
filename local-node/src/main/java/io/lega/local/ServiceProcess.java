package io.lega.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A service running as a process of its own: {@code java [options] -Dkey=value... -jar
 * <module>/target/quarkus-app/quarkus-run.jar}, its output in {@code logs/<name>.log}.
 *
 * @param service what runs
 * @param process the process
 * @param log its log file
 */
record ServiceProcess(Services.Service service, Process process, Path log) {

  /** Starts the service's packaged application. */
  static ServiceProcess start(Services.Service service, NodeOptions options) throws IOException {
    Path jar = options.application(service.module());
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "no packaged "
              + service.module()
              + " at "
              + jar
              + ": build it with `mvn -pl local-node -am package -DskipTests`");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Quarkus adjusts module access through this on JDK 24+ (else a warning at each start)
    command.add("--add-opens=java.base/java.lang.invoke=ALL-UNNAMED");
    command.addAll(options.jvmOptions());
    for (Map.Entry<String, String> p : service.properties().entrySet()) {
      command.add("-D" + p.getKey() + "=" + p.getValue());
    }
    command.add("-jar");
    command.add(jar.toString());
    Files.createDirectories(options.logs());
    Path log = options.logs().resolve(service.name() + ".log");
    Process process =
        new ProcessBuilder(command)
            .directory(options.data().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    return new ServiceProcess(service, process, log);
  }

  /** Asks the process to stop (SIGTERM: Quarkus shuts down gracefully). */
  void stop() {
    process.destroy();
  }

  /** Waits for the process to end, killing it after the grace period. */
  void awaitStopped(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
