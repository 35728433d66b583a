package io.lega.crypt4gh.kdf;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known answers of OpenBSD's bcrypt_pbkdf, from OpenBSD's regression tests (also used by the Python
 * bcrypt package's {@code kdf()} tests and RustCrypto's bcrypt-pbkdf).
 */
class BcryptPbkdfTest {
  private static final String LOREM =
      "Lorem ipsum dolor sit amet, consectetur adipisicing elit, "
          + "sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. "
          + "Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris "
          + "nisi ut aliquip ex ea commodo consequat. "
          + "Duis aute irure dolor in reprehenderit in voluptate velit esse cillum "
          + "dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non "
          + "proident, sunt in culpa qui officia deserunt mollit anim id est laborum.";

  static Stream<Arguments> openBsdVectors() {
    return Stream.of(
        Arguments.of(
            "password",
            "salt",
            4,
            "5bbf0cc293587f1c3635555c27796598d47e579071bf427e9d8fbe842aba34d9"),
        Arguments.of("password", "\0", 4, "c12b566235eee04c212598970a579a67"),
        Arguments.of("\0", "salt", 4, "6051be18c2f4f82cbf0efee5471b4bb9"),
        Arguments.of(
            "password\0",
            "salt\0",
            4,
            "7410e44cf4fa07bfaac8a928b1727fac001375e7bf7384370f48efd121743050"),
        Arguments.of("pass\0wor", "sa\0l", 4, "c2bffd9db38f6569efef4372f4de83c0"),
        Arguments.of("pass\0word", "sa\0lt", 4, "4ba4ac3925c0e8d7f0cdb6bb1684a56f"),
        // 64 bytes: two interleaved blocks, the pbkdf2 deviation
        Arguments.of(
            "password",
            "salt",
            8,
            "e1367ec5151a33faac4cc1c144cd23fa15d5548493ecc99b9b5d9c0d3b27bec7"
                + "6227ea66088b849b20ab7aa478010246e74bba51723fefa9f9474d6508845e8d"),
        Arguments.of("password", "salt", 42, "833cf0dcf56db65608e8f0dc0ce882bd"),
        Arguments.of(LOREM, "salis\0", 8, "10978b07253df57f71a162eb0e8ad30a"));
  }

  @ParameterizedTest(name = "[{index}] rounds={2}")
  @MethodSource("openBsdVectors")
  void matchesOpenBsdVectors(String password, String salt, int rounds, String expectedHex) {
    byte[] expected = HexFormat.of().parseHex(expectedHex);
    byte[] key =
        BcryptPbkdf.derive(
            password.getBytes(US_ASCII), salt.getBytes(US_ASCII), rounds, expected.length);
    assertThat(key).isEqualTo(expected);
  }

  @Test
  void longKeysInterleaveTheirBlocks() {
    // 64 bytes = two blocks, stride 2: the first block fills the even positions.
    byte[] long64 = BcryptPbkdf.derive(b("password"), b("salt"), 4, 64);
    byte[] short32 = BcryptPbkdf.derive(b("password"), b("salt"), 4, 32);
    for (int i = 0; i < 32; i++) {
      assertThat(long64[2 * i]).isEqualTo(short32[i]);
    }
    assertThat(Arrays.copyOf(long64, 32)).isNotEqualTo(short32);
  }

  @Test
  void refusesWhatOpenBsdRefuses() {
    assertThatThrownBy(() -> BcryptPbkdf.derive(new byte[0], b("salt"), 4, 32))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BcryptPbkdf.derive(b("pw"), new byte[0], 4, 32))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BcryptPbkdf.derive(b("pw"), b("salt"), 0, 32))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BcryptPbkdf.derive(b("pw"), b("salt"), 4, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BcryptPbkdf.derive(b("pw"), b("salt"), 4, 1025))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] b(String text) {
    return text.getBytes(US_ASCII);
  }
}
