package io.lega.crypt4gh.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lega.crypt4gh.error.InvalidKeyFileException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed key files fail with {@link InvalidKeyFileException} and a message that says why. */
class KeyFilesMalformedInputTest {
  private static final byte[] SECRET = ReferenceKey.BOB.secret;

  // ------------------------------------------------------------------ PEM armour

  @Test
  void emptyText() {
    assertPrivate("").hasMessageContaining("empty");
    assertPrivate(" \n\r\n\t\n").hasMessageContaining("empty");
    assertPublic("").hasMessageContaining("empty");
  }

  @Test
  void notPem() {
    assertPrivate("hello world\n").hasMessageContaining("not a PEM");
    assertPublic("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE me@host")
        .hasMessageContaining("not a PEM");
  }

  @Test
  void binaryGarbage() {
    byte[] garbage = new byte[300];
    new java.util.Random(1).nextBytes(garbage);
    assertThatThrownBy(() -> KeyFiles.readPrivateKey(garbage, null))
        .isInstanceOf(InvalidKeyFileException.class);
    assertThatThrownBy(() -> KeyFiles.readPublicKey(garbage))
        .isInstanceOf(InvalidKeyFileException.class);
  }

  @Test
  void publicKeyGivenForAPrivateOneAndTheReverse() {
    assertPrivate(ReferenceKey.BOB.publicKeyText())
        .hasMessageContaining("'CRYPT4GH PUBLIC KEY'")
        .hasMessageContaining("private key");
    assertPublic(ReferenceKey.BOB.secretKeyText())
        .hasMessageContaining("'CRYPT4GH PRIVATE KEY'")
        .hasMessageContaining("public key");
  }

  @Test
  void otherLabels() {
    String body = Base64.getEncoder().encodeToString(blob(validBob()));
    assertPrivate(pem("OPENSSH PRIVATE KEY", body)).hasMessageContaining("OPENSSH PRIVATE KEY");
    assertPrivate(pem("PRIVATE KEY", body)).hasMessageContaining("label");
    assertPrivate(pem("crypt4gh private key", body)).hasMessageContaining("label");
  }

  @Test
  void mismatchedOrMissingEndLine() {
    String body = Base64.getEncoder().encodeToString(blob(validBob()));
    assertPrivate(
            "-----BEGIN CRYPT4GH PRIVATE KEY-----\n"
                + body
                + "\n-----END CRYPT4GH PUBLIC KEY-----\n")
        .hasMessageContaining("ends with");
    assertPrivate("-----BEGIN CRYPT4GH PRIVATE KEY-----\n" + body + "\n")
        .hasMessageContaining("-----END");
    assertPrivate("-----BEGIN CRYPT4GH PRIVATE KEY-----\n").hasMessageContaining("-----END");
  }

  @Test
  void invalidBase64() {
    assertPrivate(pem("CRYPT4GH PRIVATE KEY", "YzRnaC12MQ!!")).hasMessageContaining("base64");
    assertPublic(pem("CRYPT4GH PUBLIC KEY", "Proc-Type: 4,ENCRYPTED"))
        .hasMessageContaining("base64");
  }

  @Test
  void layoutIsLenient() throws Exception {
    String base64 = ReferenceKey.BOB.secretKeyText().lines().toList().get(1);
    String messy =
        "\uFEFF\r\n  \r\n  -----BEGIN CRYPT4GH PRIVATE KEY-----  \r\n"
            + base64.substring(0, 30)
            + "\r\n\t"
            + base64.substring(30)
            + "   \r\n\r\n-----END CRYPT4GH PRIVATE KEY-----\r\n\r\n";
    assertThat(KeyFiles.readPrivateKey(messy, null).secretBytes()).isEqualTo(SECRET);
    byte[] withUtf8Bom =
        concat(
            new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf},
            ReferenceKey.BOB.secretKeyText().getBytes(StandardCharsets.US_ASCII));
    assertThat(KeyFiles.readPrivateKey(withUtf8Bom, null).secretBytes()).isEqualTo(SECRET);
    String publicText = ReferenceKey.BOB.publicKeyText().replace("\n", "\r\n");
    assertThat(KeyFiles.readPublicKey(publicText).bytes()).isEqualTo(ReferenceKey.BOB.publicKey);
    String noFinalNewline = ReferenceKey.BOB.publicKeyText().strip();
    assertThat(KeyFiles.readPublicKey(noFinalNewline).bytes())
        .isEqualTo(ReferenceKey.BOB.publicKey);
  }

  // ------------------------------------------------------------------ public key body

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 31, 33, 64})
  void publicKeyOfTheWrongLength(int length) {
    String body = Base64.getEncoder().encodeToString(new byte[length]);
    assertPublic(pem("CRYPT4GH PUBLIC KEY", body)).hasMessageContaining(length + " bytes");
  }

  // ------------------------------------------------------------------ c4gh-v1 content

  @Test
  void badMagic() {
    byte[] content = blob(validBob());
    content[6] = '2';
    assertContent(content).hasMessageContaining("c4gh-v1");
    assertContent(new byte[3]).hasMessageContaining("truncated");
  }

  @Test
  void everyTruncationIsRefused() throws Exception {
    for (byte[] content :
        new byte[][] {
          ReferenceKeyBlob.of(ReferenceKey.BOB), ReferenceKeyBlob.of(ReferenceKey.ALICE)
        }) {
      int endOfKeyMaterial = content.length - 2 - commentLength(content);
      for (int length = 0; length < content.length; length++) {
        if (length == endOfKeyMaterial) {
          continue; // a key without its comment: valid, checked below
        }
        String text = pem("CRYPT4GH PRIVATE KEY", Arrays.copyOf(content, length));
        assertThatThrownBy(() -> KeyFiles.readPrivateKey(text, PassphraseSupplier.of("unused")))
            .as("prefix of %d bytes", length)
            .isInstanceOf(InvalidKeyFileException.class);
      }
      String noComment = pem("CRYPT4GH PRIVATE KEY", Arrays.copyOf(content, endOfKeyMaterial));
      assertThat(
              KeyFiles.readPrivateKeyFile(noComment, PassphraseSupplier.of("alice passphrase 1"))
                  .comment())
          .isEmpty();
    }
  }

  @Test
  void hugeLengthPrefixes() {
    byte[] huge = new byte[] {(byte) 0xff, (byte) 0xff};
    assertContent(blob(b -> b.raw("c4gh-v1").raw(huge))).hasMessageContaining("KDF name");
    assertContent(blob(b -> b.raw("c4gh-v1").string("scrypt").raw(huge)))
        .hasMessageContaining("KDF options");
    assertContent(blob(b -> b.raw("c4gh-v1").string("none").raw(huge)))
        .hasMessageContaining("cipher name");
    assertContent(blob(b -> b.raw("c4gh-v1").string("none").string("none").raw(huge)))
        .hasMessageContaining("key material");
    assertContent(blob(validBob().andThen(b -> b.raw(huge)))).hasMessageContaining("comment");
  }

  @Test
  void unknownKdfOrCipher() {
    assertContent(blob(b -> b.raw("c4gh-v1").string("argon2").string("none")))
        .hasMessageContaining("'argon2'");
    assertContent(
            blob(
                b ->
                    b.raw("c4gh-v1")
                        .string("scrypt")
                        .string(new byte[20])
                        .string("aes256_gcm")
                        .string(new byte[60])))
        .hasMessageContaining("'aes256_gcm'");
  }

  @Test
  void kdfAndCipherMustAgree() {
    assertContent(
            blob(
                b ->
                    b.raw("c4gh-v1")
                        .string("none")
                        .string("chacha20_poly1305")
                        .string(new byte[60])))
        .hasMessageContaining("KDF is none");
    assertContent(
            blob(
                b ->
                    b.raw("c4gh-v1")
                        .string("scrypt")
                        .string(new byte[20])
                        .string("none")
                        .string(SECRET)))
        .hasMessageContaining("cipher is none");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 31, 33, 60})
  void unencryptedKeyOfTheWrongLength(int length) {
    assertContent(
            blob(b -> b.raw("c4gh-v1").string("none").string("none").string(new byte[length])))
        .hasMessageContaining(length + " bytes, expected 32");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 28, 59, 61})
  void encryptedKeyOfTheWrongLength(int length) {
    assertContent(
            blob(
                b ->
                    b.raw("c4gh-v1")
                        .string("scrypt")
                        .string(new byte[20])
                        .string("chacha20_poly1305")
                        .string(new byte[length])))
        .hasMessageContaining(length + " bytes, expected 60");
  }

  @Test
  void kdfOptionsTooShortOrRoundsOutOfRange() {
    assertContent(sealed("scrypt", new byte[3])).hasMessageContaining("less than the 4");
    assertContent(sealed("bcrypt", options(0, 16))).hasMessageContaining("0 rounds");
    assertContent(sealed("pbkdf2_hmac_sha256", options(0, 16))).hasMessageContaining("0 rounds");
    assertContent(sealed("pbkdf2_hmac_sha256", options(-1, 16)))
        .hasMessageContaining("4294967295 rounds");
    assertContent(sealed("bcrypt", options(16, 0))).hasMessageContaining("empty salt");
    assertContent(sealed("scrypt", new byte[4 + 1025])).hasMessageContaining("more than");
  }

  @Test
  void trailingBytesAfterTheComment() {
    assertContent(blob(validBob().andThen(b -> b.string("comment").raw(new byte[] {0}))))
        .hasMessageContaining("after the comment");
  }

  @Test
  void pathErrorsNameTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("broken.sec");
    Files.writeString(file, "nonsense");
    assertThatThrownBy(() -> KeyFiles.readPrivateKey(file, null))
        .isInstanceOf(InvalidKeyFileException.class)
        .hasMessageStartingWith(file.toString());
    assertThatThrownBy(() -> KeyFiles.readPublicKey(file))
        .isInstanceOf(InvalidKeyFileException.class)
        .hasMessageStartingWith(file.toString());
  }

  @Test
  void oversizedFileIsRefusedUnread(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("huge.sec");
    Files.write(file, new byte[KeyFiles.MAX_FILE_SIZE + 1]);
    assertThatThrownBy(() -> KeyFiles.readPrivateKey(file, null))
        .isInstanceOf(InvalidKeyFileException.class)
        .hasMessageContaining("larger than");
  }

  // ------------------------------------------------------------------ helpers

  /** The content of bob's file, rebuilt: unprotected, no comment. */
  private static java.util.function.Consumer<BlobBuilder> validBob() {
    return b -> b.raw("c4gh-v1").string("none").string("none").string(SECRET);
  }

  private static byte[] sealed(String kdf, byte[] options) {
    return blob(
        b ->
            b.raw("c4gh-v1")
                .string(kdf)
                .string(options)
                .string("chacha20_poly1305")
                .string(new byte[60]));
  }

  private static byte[] options(int rounds, int saltLength) {
    byte[] options = new byte[4 + saltLength];
    options[0] = (byte) (rounds >>> 24);
    options[1] = (byte) (rounds >>> 16);
    options[2] = (byte) (rounds >>> 8);
    options[3] = (byte) rounds;
    Arrays.fill(options, 4, options.length, (byte) 7);
    return options;
  }

  private static int commentLength(byte[] content) {
    // Both vectors end with a comment; find it by walking the strings.
    int position = 7;
    int strings = content[8] == 4 ? 3 : 4; // "none" has no KDF options
    for (int i = 0; i < strings; i++) {
      position += 2 + (((content[position] & 0xff) << 8) | (content[position + 1] & 0xff));
    }
    return content.length - position - 2;
  }

  private static byte[] blob(java.util.function.Consumer<BlobBuilder> steps) {
    BlobBuilder builder = new BlobBuilder();
    steps.accept(builder);
    return builder.out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static String pem(String label, String body) {
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  private static String pem(String label, byte[] content) {
    return pem(label, Base64.getEncoder().encodeToString(content));
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertContent(byte[] content) {
    return assertPrivate(pem("CRYPT4GH PRIVATE KEY", content));
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertPrivate(String text) {
    return assertThatThrownBy(
            () -> KeyFiles.readPrivateKey(text, PassphraseSupplier.of("alice passphrase 1")))
        .isInstanceOf(InvalidKeyFileException.class);
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertPublic(String text) {
    return assertThatThrownBy(() -> KeyFiles.readPublicKey(text))
        .isInstanceOf(InvalidKeyFileException.class);
  }

  /** Writes raw bytes and length-prefixed strings. */
  private static final class BlobBuilder {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    BlobBuilder raw(String ascii) {
      return raw(ascii.getBytes(StandardCharsets.US_ASCII));
    }

    BlobBuilder raw(byte[] bytes) {
      out.writeBytes(bytes);
      return this;
    }

    BlobBuilder string(String ascii) {
      return string(ascii.getBytes(StandardCharsets.US_ASCII));
    }

    BlobBuilder string(byte[] bytes) {
      out.write(bytes.length >>> 8);
      out.write(bytes.length & 0xff);
      return raw(bytes);
    }
  }

  /** The decoded content of a reference key file. */
  private static final class ReferenceKeyBlob {
    static byte[] of(ReferenceKey key) {
      return Base64.getDecoder().decode(key.secretKeyText().lines().toList().get(1));
    }
  }
}
