package io.lega.hub.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lega.hub.testing.SshKeys;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing {@code authorized_keys} lines: keys made by ssh-keygen, and garbage. */
class SshPublicKeyTest {

  @TempDir Path folder;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "ed25519, , ssh-ed25519",
    "rsa, 2048, ssh-rsa",
    "rsa, 4096, ssh-rsa",
    "ecdsa, 256, ecdsa-sha2-nistp256",
    "ecdsa, 384, ecdsa-sha2-nistp384",
    "ecdsa, 521, ecdsa-sha2-nistp521"
  })
  void readsKeysMadeBySshKeygenWithTheirFingerprint(String type, Integer bits, String expected)
      throws IOException {
    SshKeys.Generated generated = SshKeys.generate(folder, type, bits, "someone@somewhere");

    SshPublicKey key = SshPublicKey.parse(generated.line(), 2048);

    assertThat(key.type()).isEqualTo(expected);
    assertThat(key.fingerprint()).isEqualTo(generated.fingerprint());
    assertThat(key.bits()).isEqualTo(generated.bits());
    assertThat(key.line()).isEqualTo(generated.line());
  }

  @Test
  void normalizesWhiteSpaceAndKeepsTheComment() throws IOException {
    SshKeys.Generated generated = SshKeys.generate(folder, "ed25519", null, "a comment");
    String[] fields = generated.line().split(" ", 3);

    SshPublicKey key =
        SshPublicKey.parse("  " + fields[0] + "\t " + fields[1] + "   a comment \n", 2048);
    SshPublicKey bare = SshPublicKey.parse(fields[0] + " " + fields[1], 2048);

    assertThat(key.line()).isEqualTo(fields[0] + " " + fields[1] + " a comment");
    assertThat(bare.line()).isEqualTo(fields[0] + " " + fields[1]);
    assertThat(bare.fingerprint()).isEqualTo(generated.fingerprint());
  }

  @Test
  void refusesGarbage() throws IOException {
    SshKeys.Generated ed25519 = SshKeys.generate(folder, "ed25519", null, "x");
    String blob = ed25519.line().split(" ")[1];

    assertRefused(null, "empty");
    assertRefused("   ", "empty");
    assertRefused("hello world", "unsupported SSH key type 'hello'");
    assertRefused("ssh-dss AAAAB3NzaC1kc3M=", "unsupported SSH key type 'ssh-dss'");
    assertRefused(
        "from=\"10.0.0.1\" " + ed25519.line(), "authorized_keys options are not accepted");
    assertRefused("ssh-ed25519", "no key data");
    assertRefused("ssh-ed25519 !!!notbase64!!!", "not valid base64");
    assertRefused(
        "ssh-rsa " + blob, "the key data is of type 'ssh-ed25519' but the line says ssh-rsa");
    assertRefused(ed25519.line() + "\nssh-ed25519 " + blob, "line break");
    assertRefused("ssh-ed25519 " + cut(blob, 10), "truncated");
    assertRefused(
        "ssh-ed25519 "
            + encode(
                blob(
                    w -> {
                      string(w, "ssh-ed25519");
                      bytes(w, new byte[31]);
                    })),
        "31 bytes instead of 32");
    assertRefused(
        "ssh-ed25519 "
            + encode(
                blob(
                    w -> {
                      string(w, "ssh-ed25519");
                      bytes(w, new byte[32]);
                      w.write(0);
                    })),
        "1 bytes after the key");
    assertRefused("ssh-ed25519 " + encode(blob(w -> w.writeInt(Integer.MAX_VALUE))), "truncated");
  }

  @Test
  void refusesWeakOrBrokenRsaKeys() throws IOException {
    SshKeys.Generated small = SshKeys.generate(folder, "rsa", 1024, "small");
    assertThatThrownBy(() -> SshPublicKey.parse(small.line(), 2048))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("1024 bits; at least 2048");
    assertThat(SshPublicKey.parse(small.line(), 1024).bits()).isEqualTo(1024);

    BigInteger modulus = BigInteger.ONE.shiftLeft(2047).add(BigInteger.ONE);
    assertRefused(rsa(BigInteger.valueOf(65537), modulus.subtract(BigInteger.ONE)), "modulus");
    assertRefused(rsa(BigInteger.valueOf(65536), modulus), "exponent");
    assertRefused(rsa(BigInteger.valueOf(-3), modulus), "exponent");
  }

  @Test
  void refusesEcdsaPointsOffTheirCurve() throws IOException {
    SshKeys.Generated ecdsa = SshKeys.generate(folder, "ecdsa", 256, "p");
    byte[] blob = Base64.getDecoder().decode(ecdsa.line().split(" ")[1]);
    byte[] moved = blob.clone();
    moved[moved.length - 1] ^= 1; // the last byte of y

    assertRefused("ecdsa-sha2-nistp256 " + encode(moved), "not on its curve");
    assertRefused(
        "ecdsa-sha2-nistp256 "
            + encode(
                blob(
                    w -> {
                      string(w, "ecdsa-sha2-nistp256");
                      string(w, "nistp384");
                      bytes(w, new byte[65]);
                    })),
        "names another curve");
    byte[] compressed = new byte[33];
    compressed[0] = 0x02;
    assertRefused(
        "ecdsa-sha2-nistp256 "
            + encode(
                blob(
                    w -> {
                      string(w, "ecdsa-sha2-nistp256");
                      string(w, "nistp256");
                      bytes(w, compressed);
                    })),
        "not an uncompressed point");
  }

  private static void assertRefused(String line, String message) {
    assertThatThrownBy(() -> SshPublicKey.parse(line, 2048))
        .as(line)
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(message);
  }

  private static String rsa(BigInteger exponent, BigInteger modulus) throws IOException {
    return "ssh-rsa "
        + encode(
            blob(
                w -> {
                  string(w, "ssh-rsa");
                  bytes(w, exponent.toByteArray());
                  bytes(w, modulus.toByteArray());
                }));
  }

  private interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  private static byte[] blob(Writer writer) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writer.write(out);
    }
    return bytes.toByteArray();
  }

  private static void string(DataOutputStream out, String text) throws IOException {
    bytes(out, text.getBytes(StandardCharsets.US_ASCII));
  }

  private static void bytes(DataOutputStream out, byte[] value) throws IOException {
    out.writeInt(value.length);
    out.write(value);
  }

  private static String encode(byte[] blob) {
    return Base64.getEncoder().encodeToString(blob);
  }

  private static String cut(String base64, int bytes) {
    byte[] blob = Base64.getDecoder().decode(base64);
    return encode(Arrays.copyOf(blob, blob.length - bytes));
  }
}
