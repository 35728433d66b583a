package io.lega.crypt4gh.cli;

/**
 * Enlarges the kernel buffers of stdin and stdout when they are pipes, so that a pipeline moves
 * data in large steps instead of the default 64 KiB. This version, for JDKs before 22, does
 * nothing; the multi-release jar holds one for JDK 22 and newer that calls {@code fcntl}.
 */
final class PipeBuffers {
  private PipeBuffers() {}

  /** Asks for larger pipe buffers on stdin and stdout; silently keeps them when it cannot. */
  static void enlarge() {}
}
