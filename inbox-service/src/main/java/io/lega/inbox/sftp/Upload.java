package io.lega.inbox.sftp;

import io.lega.inbox.notify.FileChecksums;
import java.io.IOException;
import java.util.concurrent.Executor;
import org.apache.sshd.common.AttributeRepository.AttributeKey;

/**
 * What the inbox knows about one file handle opened for writing, kept on the handle itself: the
 * running digests of the bytes written so far, in order (computed beside the writes, see {@link
 * Digests}), the first bytes (for the Crypt4GH check), and what the quota needs.
 *
 * <p>The digests hold only while writes arrive in order, each starting where the last ended (what
 * every SFTP client does for a plain upload). A write anywhere else (a resumed upload, a client
 * that seeks) makes them void; the file is then hashed once from disk at close.
 */
final class Upload {

  /** The handle attribute under which the state lives. */
  static final AttributeKey<Upload> KEY = new AttributeKey<>();

  /** Magic (8), version (4), packet count (4). */
  static final int HEAD_LENGTH = 16;

  private final String user;
  private final String filepath;
  private final long otherFilesBytes;
  private final boolean append;
  private final Digests digests;
  private final byte[] head = new byte[HEAD_LENGTH];
  private int headLength;
  private long hashed;
  private boolean inOrder;
  private long size;
  private Throwable failure;

  /**
   * @param otherFilesBytes bytes in the user's other files when the handle was opened
   * @param initialSize the file's size once opened (0 when created or truncated)
   * @param append whether every write goes to the end of the file
   */
  Upload(String user, String filepath, long otherFilesBytes, long initialSize, boolean append) {
    this(user, filepath, otherFilesBytes, initialSize, append, Runnable::run);
  }

  /**
   * @param hashing where the digests are computed (see {@link Digests})
   */
  Upload(
      String user,
      String filepath,
      long otherFilesBytes,
      long initialSize,
      boolean append,
      Executor hashing) {
    this.digests = new Digests(hashing);
    this.user = user;
    this.filepath = filepath;
    this.otherFilesBytes = otherFilesBytes;
    this.append = append;
    this.size = initialSize;
    this.inOrder = initialSize == 0;
  }

  String user() {
    return user;
  }

  String filepath() {
    return filepath;
  }

  /** The file's size after a write of {@code length} bytes at {@code offset}. */
  long sizeAfter(long offset, int length) {
    long end = append ? size + length : offset + length;
    return Math.max(size, end);
  }

  /** Bytes the user's inbox would hold if the file had {@code fileSize} bytes. */
  long inboxBytesWith(long fileSize) {
    return otherFilesBytes + fileSize;
  }

  void written(long offset, byte[] data, int dataOffset, int length) {
    long at = append ? size : offset;
    size = sizeAfter(offset, length);
    if (!inOrder || at != hashed) {
      inOrder = false;
      return;
    }
    digests.update(data, dataOffset, length);
    int take = (int) Math.min(length, HEAD_LENGTH - Math.min(hashed, HEAD_LENGTH));
    if (take > 0) {
      System.arraycopy(data, dataOffset, head, headLength, take);
      headLength += take;
    }
    hashed += length;
  }

  void fail(Throwable cause) {
    if (failure == null) {
      failure = cause;
    }
  }

  Throwable failure() {
    return failure;
  }

  /** Whether the running digests cover exactly the file's {@code fileSize} bytes. */
  boolean covers(long fileSize) {
    return inOrder && hashed == fileSize;
  }

  /** The checksums of the bytes written; valid once, when {@link #covers} holds. */
  FileChecksums checksums() throws IOException {
    return digests.checksums();
  }

  /** The file's first bytes (up to {@value #HEAD_LENGTH}). */
  byte[] head() {
    return java.util.Arrays.copyOf(head, headLength);
  }
}
