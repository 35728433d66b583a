package io.lega.crypt4gh.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lega.crypt4gh.error.WrongPassphraseException;
import io.lega.crypt4gh.kdf.Kdf;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Keys written here read back, and are laid out exactly as the Python reference lays them out. */
class KeyFilesRoundTripTest {
  private static final String PASSPHRASE = "carol-p\u00e4ssphrase-\u00fc \u20ac\uD834\uDD1E";

  @ParameterizedTest
  @EnumSource(Kdf.class)
  void writtenPrivateKeyReadsBack(Kdf kdf) throws Exception {
    Crypt4ghPrivateKey key = Crypt4ghPrivateKey.generate();
    String pem = KeyFiles.privateKeyPem(key, protection(kdf), "comment \u00e9\u00e8");

    PrivateKeyFile read = KeyFiles.readPrivateKeyFile(pem, PassphraseSupplier.of(PASSPHRASE));

    assertThat(read.key().secretBytes()).isEqualTo(key.secretBytes());
    assertThat(read.key().publicKey()).isEqualTo(key.publicKey());
    assertThat(read.kdf()).isEqualTo(kdf);
    assertThat(read.comment()).contains("comment \u00e9\u00e8");
  }

  @ParameterizedTest
  @EnumSource(
      value = Kdf.class,
      names = {"SCRYPT", "BCRYPT", "PBKDF2_HMAC_SHA256"})
  void writtenPrivateKeyRefusesAnotherPassphrase(Kdf kdf) {
    String pem = KeyFiles.privateKeyPem(Crypt4ghPrivateKey.generate(), protection(kdf), null);
    assertThatThrownBy(() -> KeyFiles.readPrivateKey(pem, PassphraseSupplier.of("not it")))
        .isInstanceOf(WrongPassphraseException.class);
  }

  @ParameterizedTest
  @EnumSource(Kdf.class)
  void privateKeyLayoutIsTheReferenceOne(Kdf kdf) throws Exception {
    Crypt4ghPrivateKey key = Crypt4ghPrivateKey.generate();
    String pem = KeyFiles.privateKeyPem(key, protection(kdf), "me");

    List<String> lines = pem.lines().toList();
    assertThat(pem).endsWith("-----\n").doesNotContain("\r");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo("-----BEGIN CRYPT4GH PRIVATE KEY-----");
    assertThat(lines.get(2)).isEqualTo("-----END CRYPT4GH PRIVATE KEY-----");

    ByteBuffer blob = ByteBuffer.wrap(Base64.getDecoder().decode(lines.get(1)));
    assertThat(fixed(blob, 7)).isEqualTo(ascii("c4gh-v1"));
    assertThat(string(blob)).isEqualTo(ascii(kdf.onDiskName()));
    if (kdf == Kdf.NONE) {
      assertThat(string(blob)).isEqualTo(ascii("none"));
      assertThat(string(blob)).isEqualTo(key.secretBytes());
    } else {
      ByteBuffer options = ByteBuffer.wrap(string(blob));
      assertThat(options.getInt()).isEqualTo(kdf.defaultRounds());
      assertThat(options.remaining()).isEqualTo(16);
      assertThat(string(blob)).isEqualTo(ascii("chacha20_poly1305"));
      assertThat(string(blob)).hasSize(12 + 32 + 16);
    }
    assertThat(string(blob)).isEqualTo(ascii("me"));
    assertThat(blob.hasRemaining()).isFalse();
  }

  @Test
  void commentIsOptional() throws Exception {
    String pem = KeyFiles.privateKeyPem(Crypt4ghPrivateKey.generate(), KeyProtection.none(), null);
    byte[] blob = Base64.getDecoder().decode(pem.lines().toList().get(1));
    assertThat(blob).hasSize(7 + 6 + 6 + 34);
    assertThat(KeyFiles.readPrivateKeyFile(pem, null).comment()).isEmpty();
  }

  @Test
  void emptyCommentIsKept() throws Exception {
    String pem = KeyFiles.privateKeyPem(Crypt4ghPrivateKey.generate(), KeyProtection.none(), "");
    assertThat(KeyFiles.readPrivateKeyFile(pem, null).comment()).contains("");
  }

  @Test
  void saltAndNonceAreFreshEachTime() {
    Crypt4ghPrivateKey key = Crypt4ghPrivateKey.generate();
    KeyProtection protection = KeyProtection.withPassphrase(Kdf.SCRYPT, "pw".toCharArray());
    assertThat(KeyFiles.privateKeyPem(key, protection, null))
        .isNotEqualTo(KeyFiles.privateKeyPem(key, protection, null));
  }

  @Test
  void customRoundsAreWrittenAndUsed() throws Exception {
    Crypt4ghPrivateKey key = Crypt4ghPrivateKey.generate();
    KeyProtection protection =
        KeyProtection.withPassphrase(Kdf.PBKDF2_HMAC_SHA256, "pw".toCharArray(), 7);
    String pem = KeyFiles.privateKeyPem(key, protection, null);
    ByteBuffer blob = ByteBuffer.wrap(Base64.getDecoder().decode(pem.lines().toList().get(1)));
    fixed(blob, 7);
    string(blob);
    assertThat(ByteBuffer.wrap(string(blob)).getInt()).isEqualTo(7);
    assertThat(KeyFiles.readPrivateKey(pem, PassphraseSupplier.of("pw")).secretBytes())
        .isEqualTo(key.secretBytes());
  }

  @Test
  void publicKeyRoundTripsInTheReferenceLayout() throws Exception {
    Crypt4ghPublicKey key = Crypt4ghPrivateKey.generate().publicKey();
    String pem = KeyFiles.publicKeyPem(key);
    assertThat(pem)
        .isEqualTo(
            "-----BEGIN CRYPT4GH PUBLIC KEY-----\n"
                + Base64.getEncoder().encodeToString(key.bytes())
                + "\n-----END CRYPT4GH PUBLIC KEY-----\n");
    assertThat(KeyFiles.readPublicKey(pem)).isEqualTo(key);
  }

  @Test
  void keyProtectionNeverShowsThePassphrase() {
    KeyProtection protection =
        KeyProtection.withPassphrase(Kdf.BCRYPT, "hunter2-secret".toCharArray());
    assertThat(protection.toString()).doesNotContain("hunter2").contains("bcrypt");
    assertThat(KeyProtection.none().toString()).isEqualTo("KeyProtection[none]");
  }

  @Test
  void keyProtectionCopiesThePassphrase() throws Exception {
    char[] passphrase = "pw".toCharArray();
    KeyProtection protection = KeyProtection.withPassphrase(Kdf.SCRYPT, passphrase);
    passphrase[0] = 'x';
    Crypt4ghPrivateKey key = Crypt4ghPrivateKey.generate();
    String pem = KeyFiles.privateKeyPem(key, protection, null);
    assertThat(KeyFiles.readPrivateKey(pem, PassphraseSupplier.of("pw")).secretBytes())
        .isEqualTo(key.secretBytes());
  }

  @Test
  void keyProtectionRefusesNonsense() {
    assertThatThrownBy(() -> KeyProtection.withPassphrase(Kdf.NONE, "pw".toCharArray()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeyProtection.withPassphrase(Kdf.SCRYPT, new char[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeyProtection.withPassphrase(Kdf.SCRYPT, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeyProtection.withPassphrase(Kdf.BCRYPT, "pw".toCharArray(), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unpairedSurrogateInPassphraseIsRefusedWithoutShowingIt() {
    KeyProtection protection =
        KeyProtection.withPassphrase(Kdf.SCRYPT, "secret\uD800".toCharArray());
    assertThatThrownBy(
            () -> KeyFiles.privateKeyPem(Crypt4ghPrivateKey.generate(), protection, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("secret");
  }

  @Test
  void tooLongCommentIsRefused() {
    assertThatThrownBy(
            () ->
                KeyFiles.privateKeyPem(
                    Crypt4ghPrivateKey.generate(), KeyProtection.none(), "x".repeat(65536)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static KeyProtection protection(Kdf kdf) {
    return kdf == Kdf.NONE
        ? KeyProtection.none()
        : KeyProtection.withPassphrase(kdf, PASSPHRASE.toCharArray());
  }

  private static byte[] fixed(ByteBuffer buffer, int length) {
    byte[] bytes = new byte[length];
    buffer.get(bytes);
    return bytes;
  }

  private static byte[] string(ByteBuffer buffer) {
    return fixed(buffer, Short.toUnsignedInt(buffer.getShort()));
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
