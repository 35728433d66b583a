package io.lega.crypt4gh.roundtrip;

import static io.lega.crypt4gh.roundtrip.TestData.SIZES;
import static org.assertj.core.api.Assertions.assertThat;

import io.lega.crypt4gh.body.ByteRange;
import io.lega.crypt4gh.body.PlaintextSelection;
import io.lega.crypt4gh.body.Segments;
import io.lega.crypt4gh.header.DataEditList;
import io.lega.crypt4gh.header.DataEncryptionParameters;
import io.lega.crypt4gh.header.DecryptedHeader;
import io.lega.crypt4gh.header.Header;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.stream.BodyLane;
import io.lega.crypt4gh.stream.Crypt4ghInputStream;
import io.lega.crypt4gh.stream.ParallelBodyPipe;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ParallelBodyPipe on 1 and 3 threads, from streams and from files, and crossed with the streaming
 * classes: a body encrypted one way decrypts the other way.
 */
class ParallelPipeRoundTripTest {
  @TempDir Path temp;

  static Stream<Arguments> cases() {
    return Arrays.stream(SIZES)
        .boxed()
        .flatMap(s -> Stream.of(Arguments.of(s, 1), Arguments.of(s, 3)));
  }

  @ParameterizedTest(name = "{0} bytes, {1} threads")
  @MethodSource("cases")
  void pipeEncryptsAndDecryptsBetweenStreams(int size, int threads) throws IOException {
    byte[] plain = TestData.plaintext(size + 1, size);
    byte[] dataKey = TestData.plaintext(size + 2, 32);
    ParallelBodyPipe pipe = new ParallelBodyPipe(threads);

    ByteArrayOutputStream body = new ByteArrayOutputStream();
    long encrypted =
        pipe.encrypt(trickle(new ByteArrayInputStream(plain)), Channels.newChannel(body), dataKey);
    assertThat(encrypted).isEqualTo(size);
    assertThat((long) body.size()).isEqualTo(Segments.cipherLength(size));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long decrypted =
        pipe.decrypt(
            trickle(new ByteArrayInputStream(body.toByteArray())),
            Channels.newChannel(out),
            List.of(DataEncryptionParameters.of(dataKey)));
    assertThat(decrypted).isEqualTo(size);
    assertThat(Arrays.equals(out.toByteArray(), plain)).isTrue();
  }

  @ParameterizedTest(name = "{0} bytes, {1} threads")
  @MethodSource("cases")
  void streamEncryptedFilesDecryptThroughThePipe(int size, int threads) throws IOException {
    byte[] plain = TestData.plaintext(size + 3, size);
    Crypt4ghPrivateKey reader = TestData.key(2);
    byte[] file = TestData.encrypt(plain, reader.publicKey());

    InputStream in = new ByteArrayInputStream(file);
    DecryptedHeader header = DecryptedHeader.open(Header.read(in), reader, Optional.empty());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long n =
        new ParallelBodyPipe(threads)
            .decrypt(Channels.newChannel(in), Channels.newChannel(out), header.dataKeys());
    assertThat(n).isEqualTo(size);
    assertThat(Arrays.equals(out.toByteArray(), plain)).isTrue();

    // The same file from disk: the pipe maps the body behind the header.
    Path path = temp.resolve("stream.c4gh");
    Files.write(path, file);
    ByteArrayOutputStream fromFile = new ByteArrayOutputStream();
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      DecryptedHeader again =
          DecryptedHeader.open(
              Header.read(Channels.newInputStream(channel)), reader, Optional.empty());
      assertThat(channel.position()).isEqualTo(TestData.headerLength(file));
      long m =
          new ParallelBodyPipe(threads)
              .decrypt(channel, Channels.newChannel(fromFile), again.dataKeys());
      assertThat(m).isEqualTo(size);
    }
    assertThat(Arrays.equals(fromFile.toByteArray(), plain)).isTrue();
  }

  @ParameterizedTest(name = "{0} bytes, {1} threads")
  @MethodSource("cases")
  void pipeEncryptedFilesDecryptThroughTheStream(int size, int threads) throws IOException {
    byte[] plain = TestData.plaintext(size + 4, size);
    Crypt4ghPrivateKey reader = TestData.key(3);
    Crypt4ghPrivateKey writer = TestData.key(4);
    byte[] dataKey = TestData.plaintext(size + 5, 32);

    // Plaintext from a file on disk (mapped by the pipe), header written by the caller.
    Path plainPath = temp.resolve("plain.bin");
    Files.write(plainPath, plain);
    Path encryptedPath = temp.resolve("pipe.c4gh");
    Header header =
        DecryptedHeader.of(List.of(DataEncryptionParameters.of(dataKey)), Optional.empty())
            .sealFor(List.of(reader.publicKey()), writer);
    try (FileChannel in = FileChannel.open(plainPath, StandardOpenOption.READ);
        FileChannel out =
            FileChannel.open(encryptedPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      out.write(java.nio.ByteBuffer.wrap(header.encode()));
      assertThat(new ParallelBodyPipe(threads).encrypt(in, out, dataKey)).isEqualTo(size);
    }
    byte[] file = Files.readAllBytes(encryptedPath);
    assertThat((long) file.length).isEqualTo(header.length() + Segments.cipherLength(size));

    try (Crypt4ghInputStream in =
        Crypt4ghInputStream.open(
            new ByteArrayInputStream(file),
            reader,
            Optional.of(writer.publicKey()),
            ByteRange.all())) {
      assertThat(Arrays.equals(in.readAllBytes(), plain)).isTrue();
    }
  }

  @ParameterizedTest(name = "{0} bytes, {1} threads")
  @MethodSource("cases")
  void lanesSeeTheBodyAndThePlaintextWholeAndInOrder(int size, int threads) throws IOException {
    byte[] plain = TestData.plaintext(size + 6, size);
    Crypt4ghPrivateKey reader = TestData.key(5);
    byte[] file = TestData.encrypt(plain, reader.publicKey());
    InputStream in = new ByteArrayInputStream(file);
    DecryptedHeader header = DecryptedHeader.open(Header.read(in), reader, Optional.empty());
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    PlaintextSelection selection = PlaintextSelection.of(Optional.of(DataEditList.of(3, 70_000)));

    try (ParallelBodyPipe pipe = new ParallelBodyPipe(threads, 2, 3)) {
      long n =
          pipe.decrypt(
              in,
              header.dataKeys(),
              List.of(into(body)),
              List.of(into(out), into(kept).selecting(selection)));
      assertThat(n).isEqualTo(size);
    }

    assertThat(body.toByteArray()).isEqualTo(TestData.body(file));
    assertThat(out.toByteArray()).isEqualTo(plain);
    assertThat(kept.toByteArray())
        .isEqualTo(Arrays.copyOfRange(plain, Math.min(3, size), Math.min(70_003, size)));
  }

  /** A lane that appends what it is given, checking it comes in order. */
  private static BodyLane into(ByteArrayOutputStream sink) {
    long[] end = {0};
    return (bytes, position) -> {
      assertThat(position).isGreaterThanOrEqualTo(end[0]);
      end[0] = position + bytes.remaining();
      byte[] copy = new byte[bytes.remaining()];
      bytes.get(copy);
      sink.writeBytes(copy);
    };
  }

  /**
   * A body larger than the pipe's memory mapping window (32 batches of 32 segments, 64 MiB) is
   * encrypted and decrypted file to file across the window boundaries.
   */
  @org.junit.jupiter.api.Test
  void filesLargerThanOneMappingWindow() throws Exception {
    long size = 70L * 1024 * 1024 + 12_345;
    Path plainPath = temp.resolve("large.bin");
    java.security.MessageDigest plainDigest = java.security.MessageDigest.getInstance("SHA-256");
    try (var out = Files.newOutputStream(plainPath)) {
      java.util.Random random = new java.util.Random(700);
      byte[] chunk = new byte[1 << 20];
      for (long written = 0; written < size; ) {
        int n = (int) Math.min(chunk.length, size - written);
        random.nextBytes(chunk);
        out.write(chunk, 0, n);
        plainDigest.update(chunk, 0, n);
        written += n;
      }
    }
    byte[] expectedDigest = plainDigest.digest();

    Crypt4ghPrivateKey reader = TestData.key(7);
    byte[] dataKey = TestData.plaintext(701, 32);
    Header header =
        DecryptedHeader.of(List.of(DataEncryptionParameters.of(dataKey)), Optional.empty())
            .sealFor(List.of(reader.publicKey()), reader);
    Path encryptedPath = temp.resolve("large.c4gh");
    try (FileChannel in = FileChannel.open(plainPath, StandardOpenOption.READ);
        FileChannel out =
            FileChannel.open(encryptedPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      out.write(java.nio.ByteBuffer.wrap(header.encode()));
      assertThat(new ParallelBodyPipe(3).encrypt(in, out, dataKey)).isEqualTo(size);
    }
    assertThat(Files.size(encryptedPath)).isEqualTo(header.length() + Segments.cipherLength(size));

    Path decryptedPath = temp.resolve("large.out");
    try (FileChannel in = FileChannel.open(encryptedPath, StandardOpenOption.READ);
        FileChannel out =
            FileChannel.open(decryptedPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      DecryptedHeader opened =
          DecryptedHeader.open(Header.read(Channels.newInputStream(in)), reader, Optional.empty());
      assertThat(new ParallelBodyPipe(3).decrypt(in, out, opened.dataKeys())).isEqualTo(size);
    }
    assertThat(sha256(Files.newInputStream(decryptedPath))).isEqualTo(expectedDigest);
    try (InputStream in = Crypt4ghInputStream.open(Files.newInputStream(encryptedPath), reader)) {
      assertThat(sha256(in)).isEqualTo(expectedDigest);
    }
  }

  private static byte[] sha256(InputStream in) throws Exception {
    try (in) {
      java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return digest.digest();
    }
  }

  /** A channel that hands out at most 1000 bytes per read, as a pipe or socket would. */
  static ReadableByteChannel trickle(InputStream in) {
    return Channels.newChannel(
        new java.io.FilterInputStream(in) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1000));
          }
        });
  }
}
