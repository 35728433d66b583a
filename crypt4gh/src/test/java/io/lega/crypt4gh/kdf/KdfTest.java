package io.lega.crypt4gh.kdf;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lega.crypt4gh.error.InvalidKeyFileException;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KdfTest {
  private static final HexFormat HEX = HexFormat.of();

  @ParameterizedTest
  @EnumSource(Kdf.class)
  void isFoundByItsOnDiskName(Kdf kdf) throws Exception {
    assertThat(Kdf.fromName(kdf.onDiskName())).isSameAs(kdf);
  }

  @Test
  void onDiskNamesAreTheReferenceOnes() {
    assertThat(Kdf.NONE.onDiskName()).isEqualTo("none");
    assertThat(Kdf.SCRYPT.onDiskName()).isEqualTo("scrypt");
    assertThat(Kdf.BCRYPT.onDiskName()).isEqualTo("bcrypt");
    assertThat(Kdf.PBKDF2_HMAC_SHA256.onDiskName()).isEqualTo("pbkdf2_hmac_sha256");
  }

  @Test
  void unknownNameIsAnInvalidKeyFile() {
    assertThatThrownBy(() -> Kdf.fromName("argon2id"))
        .isInstanceOf(InvalidKeyFileException.class)
        .hasMessageContaining("'argon2id'")
        .hasMessageContaining("scrypt");
    assertThatThrownBy(() -> Kdf.fromName("SCRYPT")).isInstanceOf(InvalidKeyFileException.class);
    assertThatThrownBy(() -> Kdf.fromName("bad\n\u0000" + "x".repeat(100)))
        .isInstanceOf(InvalidKeyFileException.class)
        .hasMessageContaining("'bad??xxx")
        .hasMessageNotContaining("\n");
  }

  @Test
  void defaultsAreTheReferenceOnes() {
    assertThat(Kdf.SCRYPT.defaultRounds()).isZero();
    assertThat(Kdf.BCRYPT.defaultRounds()).isEqualTo(100);
    assertThat(Kdf.PBKDF2_HMAC_SHA256.defaultRounds()).isEqualTo(100_000);
    assertThat(Kdf.NONE.defaultSaltLength()).isZero();
    for (Kdf kdf : new Kdf[] {Kdf.SCRYPT, Kdf.BCRYPT, Kdf.PBKDF2_HMAC_SHA256}) {
      assertThat(kdf.defaultSaltLength()).isEqualTo(16);
    }
  }

  /** RFC 7914 §12, N=16384 r=8 p=1: the first 32 of the 64 bytes. */
  @Test
  void scryptMatchesRfc7914() {
    byte[] key = Kdf.SCRYPT.derive(utf8("pleaseletmein"), utf8("SodiumChloride"), 0);
    assertThat(HEX.formatHex(key))
        .isEqualTo("7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2");
  }

  @Test
  void scryptIgnoresRounds() {
    assertThat(Kdf.SCRYPT.derive(utf8("pw"), utf8("salt"), 12345))
        .isEqualTo(Kdf.SCRYPT.derive(utf8("pw"), utf8("salt"), 0));
  }

  /** RFC 7914 §11 (c=1) and the common c=4096 vector. */
  @Test
  void pbkdf2MatchesPublishedVectors() {
    assertThat(HEX.formatHex(Kdf.PBKDF2_HMAC_SHA256.derive(utf8("passwd"), utf8("salt"), 1)))
        .isEqualTo("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
    assertThat(HEX.formatHex(Kdf.PBKDF2_HMAC_SHA256.derive(utf8("password"), utf8("salt"), 4096)))
        .isEqualTo("c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a");
  }

  /** The JDK's PBKDF2 encodes its char[] password as UTF-8: both must agree on non-ASCII text. */
  @Test
  void pbkdf2HashesTheUtf8BytesOfNonAsciiPassphrases() throws Exception {
    String passphrase = "carol-pässphrase-ü €𝄞";
    byte[] salt = utf8("0123456789abcdef");
    byte[] ours = Kdf.PBKDF2_HMAC_SHA256.derive(utf8(passphrase), salt, 1000);
    byte[] jdk =
        SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
            .generateSecret(new PBEKeySpec(passphrase.toCharArray(), salt, 1000, 256))
            .getEncoded();
    assertThat(ours).isEqualTo(jdk);
  }

  @Test
  void pbkdf2AndScryptAcceptAnEmptyPassphraseAsPythonDoes() {
    assertThat(Kdf.PBKDF2_HMAC_SHA256.derive(new byte[0], utf8("salt"), 1)).hasSize(32);
    assertThat(Kdf.SCRYPT.derive(new byte[0], utf8("salt"), 0)).hasSize(32);
  }

  @Test
  void bcryptDerivesThirtyTwoBytesOfBcryptPbkdf() {
    assertThat(Kdf.BCRYPT.derive(utf8("password"), utf8("salt"), 4))
        .isEqualTo(
            HEX.parseHex("5bbf0cc293587f1c3635555c27796598d47e579071bf427e9d8fbe842aba34d9"));
  }

  @Test
  void invalidParametersAreRefused() {
    assertThatThrownBy(() -> Kdf.PBKDF2_HMAC_SHA256.derive(utf8("pw"), utf8("salt"), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Kdf.BCRYPT.derive(new byte[0], utf8("salt"), 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Kdf.NONE.derive(utf8("pw"), utf8("salt"), 1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(UTF_8);
  }
}
