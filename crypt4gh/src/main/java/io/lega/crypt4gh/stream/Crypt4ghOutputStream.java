package io.lega.crypt4gh.stream;

import io.lega.crypt4gh.body.SegmentEncryptor;
import io.lega.crypt4gh.body.Segments;
import io.lega.crypt4gh.cipher.ChaCha20Poly1305;
import io.lega.crypt4gh.header.DataEditList;
import io.lega.crypt4gh.header.DataEncryptionParameters;
import io.lega.crypt4gh.header.DecryptedHeader;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.keys.Crypt4ghPublicKey;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * An {@link OutputStream} that encrypts what is written to it into Crypt4GH, in constant memory:
 * the header first, then one sealed segment per 64 KiB of plaintext. {@link #close()} seals the
 * last, partial segment; a stream that is not closed leaves a file without its end.
 */
public final class Crypt4ghOutputStream extends OutputStream {
  private final OutputStream out;
  private final SegmentEncryptor encryptor;
  private final byte[] plain = new byte[Segments.PLAIN_SIZE];
  private final byte[] cipher = new byte[Segments.CIPHER_SIZE];
  private int buffered;
  private boolean closed;

  private Crypt4ghOutputStream(OutputStream out, byte[] dataKey) {
    this.out = out;
    this.encryptor = new SegmentEncryptor(dataKey);
  }

  /**
   * Writes a header for {@code recipients} (with a fresh data key, packets written with {@code
   * writer}'s key, or an ephemeral one if empty) and returns the stream that encrypts the body.
   */
  public static Crypt4ghOutputStream create(
      OutputStream out, List<Crypt4ghPublicKey> recipients, Optional<Crypt4ghPrivateKey> writer)
      throws IOException {
    return create(out, recipients, writer, Optional.empty());
  }

  /** As {@link #create(OutputStream, List, Optional)}, with an edit list in the header. */
  public static Crypt4ghOutputStream create(
      OutputStream out,
      List<Crypt4ghPublicKey> recipients,
      Optional<Crypt4ghPrivateKey> writer,
      Optional<DataEditList> editList)
      throws IOException {
    byte[] dataKey = ChaCha20Poly1305.newKey();
    DecryptedHeader content =
        DecryptedHeader.of(List.of(DataEncryptionParameters.of(dataKey)), editList);
    Crypt4ghPrivateKey packetWriter = writer.orElseGet(Crypt4ghPrivateKey::generate);
    content.sealFor(recipients, packetWriter).writeTo(out);
    return new Crypt4ghOutputStream(out, dataKey);
  }

  /** Encrypts a body only, with a data key whose header the caller writes elsewhere. */
  public static Crypt4ghOutputStream bodyOnly(OutputStream out, byte[] dataKey) {
    return new Crypt4ghOutputStream(out, dataKey);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
    if (closed) {
      throw new IOException("the Crypt4GH stream is closed");
    }
    while (length > 0) {
      if (buffered == 0 && length >= Segments.PLAIN_SIZE) {
        emit(bytes, offset, Segments.PLAIN_SIZE);
        offset += Segments.PLAIN_SIZE;
        length -= Segments.PLAIN_SIZE;
        continue;
      }
      int n = Math.min(length, Segments.PLAIN_SIZE - buffered);
      System.arraycopy(bytes, offset, plain, buffered, n);
      buffered += n;
      offset += n;
      length -= n;
      if (buffered == Segments.PLAIN_SIZE) {
        emit(plain, 0, buffered);
        buffered = 0;
      }
    }
  }

  private void emit(byte[] bytes, int offset, int length) throws IOException {
    int n = encryptor.encrypt(bytes, offset, length, cipher, 0);
    out.write(cipher, 0, n);
  }

  /** Flushes the underlying stream; a partial segment stays buffered until more data or close. */
  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (buffered > 0) {
        emit(plain, 0, buffered);
        buffered = 0;
      }
      out.flush();
    } finally {
      out.close();
    }
  }
}
