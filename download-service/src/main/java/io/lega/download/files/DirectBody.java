package io.lega.download.files;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Sends one response, status, headers and a body read by a {@link PieceReader}, straight to the
 * Vert.x {@link HttpServerResponse}, not through Quarkus REST's streaming (which serialises every
 * chunk through a {@code MessageBodyWriter} into a fresh array, then copies it again).
 *
 * <p>Each chunk is read on a worker thread directly into a pooled Netty heap buffer, which is
 * handed to Vert.x as it is (Netty copies it once into the socket's direct buffer) and returned to
 * the pool when its write completed. Back-pressure at both ends: a chunk is written only while the
 * response's write queue is not full (else on its {@code drainHandler}), and the next chunk is read
 * only while fewer than {@code readAhead} chunks wait for the socket, one read at a time. So a slow
 * client holds a few chunks, whatever the file's size.
 *
 * <p>The {@link Uni} {@link #send} returns is what the resource method returns: it completes when
 * the response was ended (Quarkus REST then finds it ended and writes nothing more), and it is
 * cancelled by Quarkus REST when the connection closes (documented "request cancellation"), which
 * here means the client went away. How the body ended is reported once to the {@link Ending}: the
 * every byte of the body written to the socket ({@link Outcome#COMPLETED}), a storage failure (the
 * connection is then closed, since the status is sent already) or the client gone (the open storage
 * read is closed at once).
 *
 * <p>Everything but the reads runs on the request's Vert.x context (its event loop).
 */
final class DirectBody {

  /** How a body ended. */
  enum Outcome {
    /** The last byte was written and flushed. */
    COMPLETED,
    /** The storage failed (or the read could not be scheduled). */
    STORAGE_FAILED,
    /** The connection closed or a write failed. */
    CLIENT_GONE
  }

  /** Told once how a body ended. */
  @FunctionalInterface
  interface Ending {
    /**
     * @param failure the storage failure, for {@link Outcome#STORAGE_FAILED}; else {@code null}
     */
    void ended(Outcome outcome, Throwable failure);
  }

  private static final ByteBufAllocator BUFFERS = PooledByteBufAllocator.DEFAULT;

  private final HttpServerRequest request;
  private final HttpServerResponse response;
  private final Context context;
  private final Executor worker;
  private final PieceReader reader;
  private final int chunkSize;
  private final int readAhead;
  private final Ending ending;

  // state below: only on the context's thread
  private final ArrayDeque<ByteBuf> ready = new ArrayDeque<>();
  private UniEmitter<? super Void> emitter;
  private boolean reading;
  private boolean lastRead;
  private boolean stopped;
  private boolean reported;
  private boolean writeFailed;
  private long expected = -1; // the Content-Length, if known
  private long received;

  /**
   * @param context the request's Vert.x context
   * @param worker where the (blocking) reads run
   * @param chunkSize the most bytes read and written at a time
   * @param readAhead the most chunks read and not yet written
   * @param ending told how the body ended
   */
  DirectBody(
      HttpServerRequest request,
      HttpServerResponse response,
      Context context,
      Executor worker,
      PieceReader reader,
      int chunkSize,
      int readAhead,
      Ending ending) {
    this.request = request;
    this.response = response;
    this.context = context;
    this.worker = worker;
    this.reader = reader;
    this.chunkSize = chunkSize;
    this.readAhead = readAhead;
    this.ending = ending;
  }

  /**
   * Sends the status and headers (with their {@code Content-Length}: the body is not chunked), then
   * the body, on subscription.
   *
   * @param contentType the {@code Content-Type}, sent first
   */
  Uni<Void> send(int status, String contentType, Map<String, List<String>> headers) {
    return Uni.createFrom()
        .<Void>emitter(
            emitter ->
                context.runOnContext(
                    ignored -> {
                      this.emitter = emitter;
                      start(status, contentType, headers);
                    }))
        .onCancellation()
        .invoke(() -> context.runOnContext(ignored -> clientGone()));
  }

  private void start(int status, String contentType, Map<String, List<String>> headers) {
    if (stopped) {
      return; // cancelled before it started
    }
    if (response.closed()) { // gone before the body started: no close event may come any more
      clientGone();
      emitter.complete(null);
      return;
    }
    response.setStatusCode(status);
    response.putHeader("Content-Type", contentType);
    headers.forEach((name, values) -> response.putHeader(name, values));
    String length = response.headers().get("Content-Length");
    if (length == null) {
      response.setChunked(true); // not a case of this service's: every body's length is known
    } else {
      expected = Long.parseLong(length.strip());
    }
    pump();
  }

  /** Starts a read if one may run, writes what the queue takes, ends the response at the end. */
  private void pump() {
    if (stopped) {
      return;
    }
    readIfRoom();
    while (!ready.isEmpty() && !response.writeQueueFull()) {
      write(ready.poll());
    }
    if (ready.isEmpty()) {
      if (lastRead) {
        end();
      }
    } else {
      response.drainHandler(ignored -> pump());
    }
  }

  private void readIfRoom() {
    if (reading || lastRead || ready.size() >= readAhead) {
      return;
    }
    reading = true;
    try {
      worker.execute(this::readChunk);
    } catch (RuntimeException e) { // rejected: the pool is shutting down
      reading = false;
      storageFailed(e);
    }
  }

  /** On a worker thread. */
  private void readChunk() {
    ByteBuf chunk = null;
    int n;
    Throwable failure = null;
    try {
      chunk = BUFFERS.heapBuffer(chunkSize, chunkSize);
      n = reader.read(chunk.array(), chunk.arrayOffset(), chunkSize);
    } catch (Throwable e) { // the storage's IOException, or anything unexpected: the body fails
      failure = e;
      n = -1;
    }
    ByteBuf read = chunk;
    int length = n;
    Throwable failed = failure;
    context.runOnContext(ignored -> chunkRead(read, length, failed));
  }

  private void chunkRead(ByteBuf chunk, int length, Throwable failure) {
    reading = false;
    if (stopped || failure != null || length < 0) {
      if (chunk != null) {
        chunk.release();
      }
      if (!stopped && failure != null) {
        storageFailed(failure);
        return;
      }
      lastRead = true;
    } else {
      chunk.writerIndex(length);
      ready.add(chunk);
      received += length;
      // with every byte read the response ends with the last write, not after one more read that
      // finds the end: a client that closes once it has Content-Length bytes finds it ended
      lastRead = expected >= 0 && received >= expected;
    }
    pump();
  }

  private void write(ByteBuf chunk) {
    // the Buffer wraps the pooled buffer without a copy; it goes back to the pool once written
    response
        .write(Buffer.buffer(chunk))
        .onComplete(
            written -> {
              chunk.release();
              if (written.failed()) {
                writeFailed = true;
                clientGone();
              }
            });
  }

  private void end() {
    stopped = true;
    reader.close();
    // every byte written to the socket is delivered as far as the server can tell: a client that
    // closes as soon as it has Content-Length bytes fails only the end's final flush, after the
    // callbacks of the body's writes (Netty completes writes in order), so those decide
    response
        .end()
        .onComplete(
            ended ->
                report(
                    ended.succeeded() || !writeFailed ? Outcome.COMPLETED : Outcome.CLIENT_GONE,
                    null));
    // the response is ended: Quarkus REST resumes and finds nothing more to write
    emitter.complete(null);
  }

  private void clientGone() {
    if (stop()) {
      report(Outcome.CLIENT_GONE, null);
    }
  }

  private void storageFailed(Throwable failure) {
    if (stop()) {
      report(Outcome.STORAGE_FAILED, failure);
    }
  }

  /**
   * Stops a body that did not end: the open read is closed at once, the chunks waiting are released
   * and the connection is closed (a client still there sees a body shorter than its
   * Content-Length). Quarkus REST sees the close and cancels the request.
   *
   * @return whether this stopped it (false: it had stopped already)
   */
  private boolean stop() {
    if (stopped) {
      return false;
    }
    stopped = true;
    reader.close();
    for (ByteBuf chunk; (chunk = ready.poll()) != null; ) {
      chunk.release();
    }
    if (!response.closed()) {
      if (request.version() == HttpVersion.HTTP_2) {
        response.reset(); // the stream, not the connection others share
      } else {
        request.connection().close();
      }
    }
    return true;
  }

  private void report(Outcome outcome, Throwable failure) {
    if (!reported) {
      reported = true;
      ending.ended(outcome, failure);
    }
  }
}
