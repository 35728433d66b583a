package io.lega.crypt4gh.stream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;

/**
 * Where batches of input come from: read into the batch's own buffer, or, when the input is a
 * regular file, sliced from a memory mapping so that no thread copies it twice.
 */
interface BatchSource {
  /** The next batch of input (position 0, limit its length); empty at the end. */
  ByteBuffer next(BodyBatch batch) throws IOException;

  static BatchSource of(InputStream in) {
    return batch -> {
      ByteBuffer own = batch.own(false);
      return own.clear().limit(in.readNBytes(own.array(), 0, own.capacity()));
    };
  }

  static BatchSource of(ReadableByteChannel in) throws IOException {
    if (in instanceof FileChannel file
        && isRegularFileWithData(file)
        && !Boolean.getBoolean("crypt4gh.noMmap")) {
      return new MappedSource(file);
    }
    return batch -> {
      ByteBuffer own = batch.own(true).clear();
      while (own.hasRemaining() && in.read(own) >= 0) {
        // until full or at the end
      }
      return own.flip();
    };
  }

  /** Whether the channel is a seekable file with bytes left (pipes cannot tell their position). */
  private static boolean isRegularFileWithData(FileChannel file) {
    try {
      return file.size() > file.position();
    } catch (IOException notSeekable) {
      return false;
    }
  }

  /** Slices a regular file into batches through read-only mappings of 32 batches each. */
  final class MappedSource implements BatchSource {
    private final FileChannel file;
    private final long end;
    private long position;
    private MappedByteBuffer window;
    private long windowStart;

    MappedSource(FileChannel file) throws IOException {
      this.file = file;
      this.position = file.position();
      this.end = file.size();
    }

    @Override
    public ByteBuffer next(BodyBatch batch) throws IOException {
      if (position >= end) {
        file.position(end);
        return ByteBuffer.allocate(0);
      }
      int length = (int) Math.min(batch.inBytes, end - position);
      if (window == null || position + length > windowStart + window.capacity()) {
        windowStart = position;
        window =
            file.map(
                FileChannel.MapMode.READ_ONLY,
                position,
                Math.min(32L * batch.inBytes, end - position));
      }
      ByteBuffer slice = window.slice((int) (position - windowStart), length);
      position += length;
      return slice;
    }
  }
}
