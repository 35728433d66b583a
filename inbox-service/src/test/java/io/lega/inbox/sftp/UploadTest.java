package io.lega.inbox.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UploadTest {

  private static final byte[] DATA =
      "crypt4gh\u0001\u0000\u0000\u0000\u0001\u0000\u0000\u0000rest of it"
          .getBytes(StandardCharsets.ISO_8859_1);

  @Test
  void inOrderWritesAreHashedAndTheHeadKept() {
    Upload upload = new Upload("u", "f", 0, 0, false);

    upload.written(0, DATA, 0, 5);
    upload.written(5, DATA, 5, DATA.length - 5);

    assertThat(upload.covers(DATA.length)).isTrue();
    assertThat(upload.head()).hasSize(16).isEqualTo(java.util.Arrays.copyOf(DATA, 16));
    assertThat(Crypt4ghPreamble.problem(upload.head(), DATA.length)).isEmpty();
  }

  @Test
  void aWriteElsewhereVoidsTheDigests() {
    Upload upload = new Upload("u", "f", 0, 0, false);

    upload.written(0, DATA, 0, 5);
    upload.written(10, DATA, 10, 5);
    upload.written(5, DATA, 5, 5);

    assertThat(upload.covers(15)).isFalse();
  }

  @Test
  void anExistingFileOpenedWithoutTruncationIsNeverCovered() {
    Upload upload = new Upload("u", "f", 0, 100, false);

    upload.written(0, DATA, 0, DATA.length);

    assertThat(upload.covers(100)).isFalse();
  }

  @Test
  void quotaSeesTheLargestEnd() {
    Upload upload = new Upload("u", "f", 1000, 0, false);

    upload.written(0, DATA, 0, 10);

    assertThat(upload.inboxBytesWith(upload.sizeAfter(10, 10))).isEqualTo(1020);
    assertThat(upload.inboxBytesWith(upload.sizeAfter(0, 4))).isEqualTo(1010);
  }

  @Test
  void preambleProblems() {
    assertThat(Crypt4ghPreamble.problem(new byte[0], 0)).contains("the file is empty");
    assertThat(Crypt4ghPreamble.problem("crypt4gh\u0001".getBytes(StandardCharsets.ISO_8859_1), 9))
        .get()
        .asString()
        .contains("ends after 9 bytes");
    assertThat(Crypt4ghPreamble.problem("hello world, hi!".getBytes(StandardCharsets.US_ASCII), 16))
        .get()
        .asString()
        .contains("magic");
  }
}
