package io.lega.crypt4gh.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lega.crypt4gh.body.ByteRange;
import io.lega.crypt4gh.error.MalformedHeaderException;
import io.lega.crypt4gh.error.NoDecryptablePacketException;
import io.lega.crypt4gh.error.NotCrypt4ghException;
import io.lega.crypt4gh.error.SegmentAuthenticationException;
import io.lega.crypt4gh.error.SenderKeyMismatchException;
import io.lega.crypt4gh.error.TruncatedException;
import io.lega.crypt4gh.error.UnsupportedVersionException;
import io.lega.crypt4gh.header.DecryptedHeader;
import io.lega.crypt4gh.header.Header;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.stream.CiphertextSource;
import io.lega.crypt4gh.stream.Crypt4ghInputStream;
import io.lega.crypt4gh.stream.ParallelBodyPipe;
import io.lega.crypt4gh.stream.RandomAccessDecryptor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every check of the reference implementation's vectors, through every decryption path. */
class ReferenceVectorsTest {
  private static final Map<String, Class<? extends Exception>> ERRORS =
      Map.of(
          "bad_magic", NotCrypt4ghException.class,
          "unsupported_version", UnsupportedVersionException.class,
          "malformed_header", MalformedHeaderException.class,
          "multiple_edit_lists", MalformedHeaderException.class,
          "no_decryptable_header_packet", NoDecryptablePacketException.class,
          "sender_public_key_mismatch", SenderKeyMismatchException.class,
          "segment_authentication_failed", SegmentAuthenticationException.class,
          "truncated_segment", TruncatedException.class);

  @TempDir Path temp;

  static Stream<Vectors.Check> checks() {
    return Vectors.checks().stream();
  }

  static Stream<Vectors.Check> okChecks() {
    return checks().filter(Vectors.Check::ok);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("checks")
  void streamingDecryption(Vectors.Check check) throws Exception {
    Crypt4ghPrivateKey reader = Vectors.rawKey(check.reader());
    if (check.ok()) {
      byte[] plain;
      try (InputStream in = Crypt4ghInputStream.open(Vectors.open(check.file()), reader)) {
        plain = in.readAllBytes();
      }
      assertMatchesOutput(plain, check);
    } else {
      assertThatThrownBy(
              () -> {
                try (InputStream in =
                    Crypt4ghInputStream.open(Vectors.open(check.file()), reader)) {
                  in.readAllBytes();
                }
              })
          .isInstanceOf(ERRORS.get(check.reason()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("okChecks")
  void parallelDecryptionOfTheBody(Vectors.Check check) throws Exception {
    if (!Vectors.vector(check.vector()).get("header").path("edit_list").isMissingNode()
        && !Vectors.vector(check.vector()).get("header").get("edit_list").isNull()) {
      return; // the parallel pipe decrypts whole bodies; edit lists go through the streams
    }
    InputStream in = Vectors.open(check.file());
    DecryptedHeader header =
        DecryptedHeader.open(Header.read(in), Vectors.rawKey(check.reader()), Optional.empty());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long n =
        new ParallelBodyPipe(2)
            .decrypt(Channels.newChannel(in), Channels.newChannel(out), header.dataKeys());
    assertMatchesOutput(out.toByteArray(), check);
    assertThat(n).isEqualTo(check.output().get("size").asLong());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("okChecks")
  void randomAccessOfTheWholeFileAndOfSlices(Vectors.Check check) throws Exception {
    byte[] file = Vectors.bytes(check.file());
    Path path = temp.resolve("file.c4gh");
    Files.write(path, file);
    byte[] expected = Vectors.bytes(check.output().get("file").asText());
    try (var channel = java.nio.channels.FileChannel.open(path, StandardOpenOption.READ)) {
      Header header = Header.read(new ByteArrayInputStream(file));
      DecryptedHeader opened =
          DecryptedHeader.open(header, Vectors.rawKey(check.reader()), Optional.empty());
      RandomAccessDecryptor decryptor =
          new RandomAccessDecryptor(CiphertextSource.of(channel, header.length()), opened);
      assertThat(decryptor.plaintextSize()).isEqualTo(expected.length);
      try (InputStream all = decryptor.open(ByteRange.all())) {
        assertThat(all.readAllBytes()).isEqualTo(expected);
      }
      for (long[] range : slices(expected.length)) {
        try (InputStream part = decryptor.open(new ByteRange(range[0], range[1]))) {
          assertThat(part.readAllBytes())
              .as("range %d-%d", range[0], range[1])
              .isEqualTo(java.util.Arrays.copyOfRange(expected, (int) range[0], (int) range[1]));
        }
      }
    }
  }

  @Test
  void theSessionKeyOfEveryValidVectorIsTheReferencesOne() throws Exception {
    for (Vectors.Check check : okChecks().toList()) {
      var vector = Vectors.vector(check.vector());
      if (!vector.get("header").get("for_reader").asText().equals(check.reader())) {
        continue;
      }
      Header header = Header.read(Vectors.open(check.file()));
      DecryptedHeader opened =
          DecryptedHeader.open(header, Vectors.rawKey(check.reader()), Optional.empty());
      assertThat(HexFormat.of().formatHex(opened.dataKeys().get(0).dataKey()))
          .as(check.vector())
          .isEqualTo(vector.get("header").get("session_keys_hex").get(0).asText());
      assertThat(header.length()).isEqualTo(vector.get("header").get("header_length").asInt());
    }
  }

  @Test
  void theSpecificationsEditListExampleKeepsTheThreeParts() throws Exception {
    Header header = Header.read(Vectors.open("enc/editlist_spec_example.c4gh"));
    DecryptedHeader opened = DecryptedHeader.open(header, Vectors.rawKey("bob"), Optional.empty());
    assertThat(opened.editList()).isPresent();
    assertThat(opened.editList().get().lengths())
        .containsExactly(0, 7853, 71721, 307929, 51299, 38);
  }

  private static List<long[]> slices(long size) {
    long s = 65536;
    return Stream.of(
            new long[] {0, 0},
            new long[] {0, 1},
            new long[] {s - 1, s + 1},
            new long[] {s, s},
            new long[] {s, 2 * s},
            new long[] {1, size},
            new long[] {size / 3, 2 * size / 3},
            new long[] {size, size})
        .filter(r -> r[1] <= size && r[0] <= r[1])
        .toList();
  }

  private static void assertMatchesOutput(byte[] plain, Vectors.Check check) throws Exception {
    assertThat(plain).hasSize(check.output().get("size").asInt());
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plain)))
        .isEqualTo(check.output().get("sha256").asText());
  }

  @SuppressWarnings("unused")
  private static byte[] readAll(InputStream in) throws IOException {
    return in.readAllBytes();
  }
}
