package io.lega.crypt4gh.roundtrip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lega.crypt4gh.body.ByteRange;
import io.lega.crypt4gh.error.NoDecryptablePacketException;
import io.lega.crypt4gh.error.SenderKeyMismatchException;
import io.lega.crypt4gh.header.DataEditList;
import io.lega.crypt4gh.header.DataEncryptionParameters;
import io.lega.crypt4gh.header.DecryptedHeader;
import io.lega.crypt4gh.header.Header;
import io.lega.crypt4gh.header.HeaderReencryption;
import io.lega.crypt4gh.header.RawPacket;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.keys.Crypt4ghPublicKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Re-encrypting a header for new recipients, keeping or trimming the packets of the others. */
class ReencryptionTest {
  private static final Crypt4ghPrivateKey ALICE = TestData.key(90);
  private static final Crypt4ghPrivateKey BOB = TestData.key(91);
  private static final Crypt4ghPrivateKey CAROL = TestData.key(92);
  private static final Crypt4ghPrivateKey DAVE = TestData.key(93);
  private static final Crypt4ghPrivateKey MALLORY = TestData.key(94);
  private static final Crypt4ghPrivateKey WRITER = TestData.key(95);

  private static final byte[] PLAIN = TestData.plaintext(900, 3 * 65536 + 123);

  @ParameterizedTest(name = "trim={0}")
  @ValueSource(booleans = {false, true})
  void theNewRecipientDecryptsTheUnchangedBody(boolean trim) throws IOException {
    byte[] file =
        TestData.encrypt(
            PLAIN,
            List.of(ALICE.publicKey(), BOB.publicKey()),
            Optional.of(WRITER),
            Optional.empty());
    Header header = Header.read(new ByteArrayInputStream(file));
    byte[] body = TestData.body(file);

    Header reencrypted =
        HeaderReencryption.reencrypt(header, ALICE, List.of(CAROL.publicKey()), ALICE, trim);
    byte[] newFile = RecipientsAndKeysTest.concat(reencrypted.encode(), body);
    assertThat(TestData.body(newFile)).as("the body is not touched").isEqualTo(body);

    assertThat(TestData.decrypt(newFile, CAROL)).isEqualTo(PLAIN);
    assertThat(TestData.decrypt(newFile, CAROL, new ByteRange(65530, 65540)))
        .isEqualTo(TestData.slice(PLAIN, 65530, 65540));
    // The same data key as before.
    assertThat(
            DecryptedHeader.open(reencrypted, CAROL, Optional.empty()).dataKeys().get(0).dataKey())
        .isEqualTo(
            DecryptedHeader.open(header, ALICE, Optional.empty()).dataKeys().get(0).dataKey());
    // The new packets are written with the given key.
    assertThat(DecryptedHeader.open(reencrypted, CAROL, Optional.of(ALICE.publicKey())).dataKeys())
        .hasSize(1);
    assertThatThrownBy(
            () -> DecryptedHeader.open(reencrypted, CAROL, Optional.of(WRITER.publicKey())))
        .isInstanceOf(SenderKeyMismatchException.class);

    List<byte[]> originalPackets = header.packets().stream().map(RawPacket::bytes).toList();
    if (trim) {
      assertThat(reencrypted.packets()).hasSize(1);
      assertThatThrownBy(() -> TestData.decrypt(newFile, BOB))
          .isInstanceOf(NoDecryptablePacketException.class);
    } else {
      assertThat(reencrypted.packets()).hasSize(2);
      assertThat(TestData.decrypt(newFile, BOB)).isEqualTo(PLAIN);
      // Bob's packet is kept byte for byte, still written by the original writer.
      assertThat(originalPackets)
          .anySatisfy(p -> assertThat(p).isEqualTo(reencrypted.packets().get(1).bytes()));
      assertThat(DecryptedHeader.open(reencrypted, BOB, Optional.of(WRITER.publicKey())).dataKeys())
          .hasSize(1);
    }
    // The reader's own packets are re-encrypted for the recipients only, as the reference does.
    assertThatThrownBy(() -> TestData.decrypt(newFile, ALICE))
        .isInstanceOf(NoDecryptablePacketException.class);
    assertThatThrownBy(() -> TestData.decrypt(newFile, MALLORY))
        .isInstanceOf(NoDecryptablePacketException.class);
  }

  @Test
  void severalNewRecipientsIncludingTheReaderItself() throws IOException {
    byte[] file = TestData.encrypt(PLAIN, ALICE.publicKey());
    Header header = Header.read(new ByteArrayInputStream(file));
    List<Crypt4ghPublicKey> recipients =
        List.of(ALICE.publicKey(), CAROL.publicKey(), DAVE.publicKey());
    Header reencrypted = HeaderReencryption.reencrypt(header, ALICE, recipients, WRITER, true);
    byte[] newFile = RecipientsAndKeysTest.concat(reencrypted.encode(), TestData.body(file));
    for (Crypt4ghPrivateKey reader : List.of(ALICE, CAROL, DAVE)) {
      assertThat(TestData.decrypt(newFile, reader)).isEqualTo(PLAIN);
    }
    assertThatThrownBy(() -> TestData.decrypt(newFile, BOB))
        .isInstanceOf(NoDecryptablePacketException.class);
  }

  @Test
  void theEditListAndEveryDataKeyFollowTheReader() throws IOException {
    byte[] keyA = TestData.plaintext(96, 32);
    byte[] keyB = TestData.plaintext(97, 32);
    byte[] body = RecipientsAndKeysTest.twoKeyBody(PLAIN, keyA, keyB, 2);
    long[] lengths = {5, 70_000, 100, 65536};
    Header header =
        DecryptedHeader.of(
                List.of(DataEncryptionParameters.of(keyA), DataEncryptionParameters.of(keyB)),
                Optional.of(DataEditList.of(lengths)))
            .sealFor(List.of(ALICE.publicKey(), BOB.publicKey()), WRITER);
    Header reencrypted =
        HeaderReencryption.reencrypt(header, BOB, List.of(CAROL.publicKey()), BOB, false);
    assertThat(reencrypted.packets()).hasSize(6);
    byte[] newFile = RecipientsAndKeysTest.concat(reencrypted.encode(), body);
    byte[] expected = TestData.applyEditList(PLAIN, lengths);
    assertThat(TestData.decrypt(newFile, CAROL)).isEqualTo(expected);
    assertThat(TestData.decrypt(newFile, ALICE)).isEqualTo(expected);
    DecryptedHeader carol = DecryptedHeader.open(reencrypted, CAROL, Optional.empty());
    assertThat(carol.dataKeys()).hasSize(2);
    assertThat(carol.editList()).contains(DataEditList.of(lengths));
  }

  @ParameterizedTest(name = "trim={0}")
  @ValueSource(booleans = {false, true})
  void aReaderWithoutAPacketCannotReencrypt(boolean trim) throws IOException {
    byte[] file =
        TestData.encrypt(
            PLAIN, List.of(ALICE.publicKey(), BOB.publicKey()), Optional.empty(), Optional.empty());
    Header header = Header.read(new ByteArrayInputStream(file));
    assertThatThrownBy(
            () ->
                HeaderReencryption.reencrypt(
                    header, MALLORY, List.of(MALLORY.publicKey()), MALLORY, trim))
        .isInstanceOf(NoDecryptablePacketException.class);
  }

  @Test
  void reencryptingTwiceChainsTheRecipients() throws IOException {
    byte[] file = TestData.encrypt(PLAIN, ALICE.publicKey());
    byte[] body = TestData.body(file);
    Header h1 =
        HeaderReencryption.reencrypt(
            Header.read(new ByteArrayInputStream(file)),
            ALICE,
            List.of(BOB.publicKey()),
            ALICE,
            true);
    Header h2 = HeaderReencryption.reencrypt(h1, BOB, List.of(CAROL.publicKey()), BOB, true);
    assertThat(TestData.decrypt(RecipientsAndKeysTest.concat(h2.encode(), body), CAROL))
        .isEqualTo(PLAIN);
  }
}
