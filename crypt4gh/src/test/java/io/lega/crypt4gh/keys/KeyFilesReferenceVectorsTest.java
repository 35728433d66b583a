package io.lega.crypt4gh.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lega.crypt4gh.error.WrongPassphraseException;
import io.lega.crypt4gh.kdf.Kdf;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every key file the Python reference wrote reads to exactly the bytes its manifest gives. */
class KeyFilesReferenceVectorsTest {

  @ParameterizedTest
  @EnumSource(ReferenceKey.class)
  void privateKeyFileReadsToTheManifestSecret(ReferenceKey ref) throws Exception {
    AtomicInteger asked = new AtomicInteger();
    PassphraseSupplier supplier =
        () -> {
          asked.incrementAndGet();
          return ref.passphrase.toCharArray();
        };

    PrivateKeyFile file = KeyFiles.readPrivateKeyFile(ref.secretKeyFile(), supplier);

    assertThat(file.key().secretBytes()).isEqualTo(ref.secret);
    assertThat(file.key().publicKey().bytes()).isEqualTo(ref.publicKey);
    assertThat(file.kdf()).isEqualTo(ref.kdf);
    assertThat(file.comment()).contains(ref.comment);
    assertThat(asked).hasValue(ref.kdf == Kdf.NONE ? 0 : 1);
  }

  @ParameterizedTest
  @EnumSource(ReferenceKey.class)
  void privateKeyReadsFromTextAndBytesToo(ReferenceKey ref) throws Exception {
    PassphraseSupplier supplier = PassphraseSupplier.of(ref.passphrase);
    assertThat(KeyFiles.readPrivateKey(ref.secretKeyText(), supplier).secretBytes())
        .isEqualTo(ref.secret);
    byte[] bytes = ref.secretKeyText().getBytes(StandardCharsets.US_ASCII);
    assertThat(KeyFiles.readPrivateKey(bytes, supplier).secretBytes()).isEqualTo(ref.secret);
  }

  @ParameterizedTest
  @EnumSource(ReferenceKey.class)
  void publicKeyFileReadsToTheManifestKey(ReferenceKey ref) throws Exception {
    assertThat(KeyFiles.readPublicKey(ref.publicKeyFile()).bytes()).isEqualTo(ref.publicKey);
    assertThat(KeyFiles.readPublicKey(ref.publicKeyText()).bytes()).isEqualTo(ref.publicKey);
  }

  @ParameterizedTest
  @EnumSource(ReferenceKey.class)
  void publicKeyIsWrittenByteForByteAsTheReferenceDid(ReferenceKey ref) throws Exception {
    assertThat(KeyFiles.publicKeyPem(KeyFiles.readPublicKey(ref.publicKeyFile())))
        .isEqualTo(ref.publicKeyText());
  }

  @ParameterizedTest
  @EnumSource(
      value = ReferenceKey.class,
      names = {"ALICE", "CAROL", "EVE"})
  void wrongPassphraseIsReportedAsSuch(ReferenceKey ref) {
    String wrong = ref.passphrase + "x";
    assertThatThrownBy(
            () -> KeyFiles.readPrivateKey(ref.secretKeyFile(), PassphraseSupplier.of(wrong)))
        .isInstanceOf(WrongPassphraseException.class)
        .hasMessageNotContaining(wrong)
        .hasMessageNotContaining(ref.passphrase);
  }

  @ParameterizedTest
  @EnumSource(
      value = ReferenceKey.class,
      names = {"ALICE", "CAROL", "EVE"})
  void missingPassphraseIsReportedAsWrong(ReferenceKey ref) {
    assertThatThrownBy(
            () -> KeyFiles.readPrivateKey(ref.secretKeyFile(), PassphraseSupplier.none()))
        .isInstanceOf(WrongPassphraseException.class);
    assertThatThrownBy(() -> KeyFiles.readPrivateKey(ref.secretKeyFile(), null))
        .isInstanceOf(WrongPassphraseException.class);
  }

  @ParameterizedTest
  @EnumSource(
      value = ReferenceKey.class,
      names = {"ALICE", "CAROL", "EVE"})
  void emptyPassphraseIsWrong(ReferenceKey ref) {
    assertThatThrownBy(
            () -> KeyFiles.readPrivateKey(ref.secretKeyFile(), PassphraseSupplier.of("")))
        .isInstanceOf(WrongPassphraseException.class);
  }

  @ParameterizedTest
  @EnumSource(
      value = ReferenceKey.class,
      names = {"BOB", "MALLORY", "SENDER"})
  void unprotectedKeyNeverAsksForAPassphrase(ReferenceKey ref) throws Exception {
    PassphraseSupplier mustNotBeCalled =
        () -> {
          throw new AssertionError("asked for a passphrase of an unprotected key");
        };
    assertThat(KeyFiles.readPrivateKey(ref.secretKeyFile(), mustNotBeCalled).secretBytes())
        .isEqualTo(ref.secret);
  }

  /** The Go implementation and FEGA's Java tools label the same content differently. */
  @ParameterizedTest
  @EnumSource(ReferenceKey.class)
  void goLabelAndWrappedBase64AreAccepted(ReferenceKey ref) throws Exception {
    String base64 = ref.secretKeyText().lines().toList().get(1);
    StringBuilder pem = new StringBuilder("-----BEGIN CRYPT4GH ENCRYPTED PRIVATE KEY-----\n");
    for (int i = 0; i < base64.length(); i += 64) {
      pem.append(base64, i, Math.min(base64.length(), i + 64)).append('\n');
    }
    pem.append("-----END CRYPT4GH ENCRYPTED PRIVATE KEY-----\n");
    assertThat(
            KeyFiles.readPrivateKey(pem.toString(), PassphraseSupplier.of(ref.passphrase))
                .secretBytes())
        .isEqualTo(ref.secret);
  }
}
