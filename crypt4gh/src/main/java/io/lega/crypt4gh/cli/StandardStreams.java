package io.lega.crypt4gh.cli;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;

/**
 * The process's stdin and stdout as unbuffered streams and their channels. Unbuffered, so that
 * reading a header leaves stdin exactly at the body, and the channel can take over from there.
 */
final class StandardStreams {
  final FileInputStream in = new FileInputStream(FileDescriptor.in);
  final FileOutputStream out = new FileOutputStream(FileDescriptor.out);

  InputStream input() {
    return in;
  }

  OutputStream output() {
    return out;
  }

  FileChannel inChannel() {
    return in.getChannel();
  }

  FileChannel outChannel() {
    return out.getChannel();
  }

  /** Whether stdin is a regular file that positional reads can serve (not a pipe or terminal). */
  boolean inputIsSeekable() {
    try {
      FileChannel channel = inChannel();
      long position = channel.position();
      return channel.size() > 0 && position >= 0 && channel.size() >= position;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
