package io.lega.crypt4gh.cli;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Enlarges the kernel buffers of stdin and stdout when they are pipes (Linux {@code fcntl
 * F_SETPIPE_SZ}), so that a pipeline moves data in 1 MiB steps instead of 64 KiB. Descriptors that
 * are not pipes, other systems, and a refused size are all left as they are.
 */
final class PipeBuffers {
  private static final int F_SETPIPE_SZ = 1031;
  private static final int SIZE = 1 << 20;

  private PipeBuffers() {}

  /** Asks for larger pipe buffers on stdin and stdout; silently keeps them when it cannot. */
  static void enlarge() {
    if (!System.getProperty("os.name", "").startsWith("Linux") || !isPipe(0) && !isPipe(1)) {
      return; // setting up a native call costs tens of milliseconds at start: only for pipes
    }
    try {
      Linker linker = Linker.nativeLinker();
      MethodHandle fcntl =
          linker.downcallHandle(
              linker.defaultLookup().find("fcntl").orElseThrow(),
              FunctionDescriptor.of(
                  ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
              Linker.Option.firstVariadicArg(2));
      for (int fd = 0; fd <= 1; fd++) {
        if (isPipe(fd)) {
          int ignored = (int) fcntl.invokeExact(fd, F_SETPIPE_SZ, SIZE);
        }
      }
    } catch (Throwable unavailable) {
      // Not a pipe, no native access, or no fcntl: the default buffers work, only slower.
    }
  }

  private static boolean isPipe(int fd) {
    try {
      return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString().startsWith("pipe:");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
