package io.lega.testsupport.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Process helpers. */
final class Processes {

  private Processes() {}

  /** Whether this process runs with effective uid 0 (Linux; false elsewhere). */
  static boolean isRoot() {
    Path self = Path.of("/proc/self");
    if (!Files.exists(self)) {
      return false;
    }
    try {
      // /proc/self belongs to the effective uid of the process.
      return ((Number) Files.getAttribute(self, "unix:uid")).intValue() == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
