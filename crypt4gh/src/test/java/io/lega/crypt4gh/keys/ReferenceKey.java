package io.lega.crypt4gh.keys;

import io.lega.crypt4gh.kdf.Kdf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * The key files of the interoperability vectors (made with the Python reference,
 * EGA-archive/crypt4gh 1.8.6), copied to {@code src/test/resources/vectors/keys/}, with the values
 * their manifest gives.
 */
enum ReferenceKey {
  ALICE(
      Kdf.SCRYPT,
      "alice passphrase 1",
      "alice (scrypt)",
      "67ac6bc61c0fbe055f4bb12fcb868fcec5a4e52e9256c5d2c3ea4355c945c5c7",
      "238a115411d7e2000da9f7f8a104a4f40a2757a6bd3221aaeb709c4300a51848"),
  BOB(
      Kdf.NONE,
      null,
      "bob (unencrypted secret key)",
      "9a5326143013347b246cab06f65c0517e0dcb0ba3f52d6ab1780c113c774cc98",
      "82ae4910db27af2fed0791db834be5e97594b2b30d2d1739a951941c4dc47f70"),
  CAROL(
      Kdf.BCRYPT,
      "carol-p\u00e4ssphrase-\u00fc",
      "carol (bcrypt)",
      "0036f916d006522d3b23855d30fcd9c75994557fc6f9ae3350b9bf5d1539318a",
      "4a3c84b943e568d3d690ca4ef74cbc6309ae5618b06884a816f4d48a9fc77d07"),
  EVE(
      Kdf.PBKDF2_HMAC_SHA256,
      "eve-passphrase",
      "eve (pbkdf2)",
      "603a98090060b6dffece5cc2fe6b5188a4a98e4e80b8a604367f818058d9eeb6",
      "4dd5609a20854d141e41da47832e8808afd80a2e29a7ce1945210e582fd74965"),
  MALLORY(
      Kdf.NONE,
      null,
      "never a recipient",
      "d7a02f19f6168fea2184fbe11a9d60d164d13caf31bff6a12dc5fe011615ed97",
      "ca6a0eac2e6d8fc1485c33036499cb44cca0bed75faa774042adb04d77871358"),
  SENDER(
      Kdf.NONE,
      null,
      "writer key used for most vectors",
      "a046710d20db236d5debfeaac2785cae77ebd67c69c0df97b1e80c38d046c6f5",
      "689a4982a4a23324594e8b4b4bfbb0abfc3a97f4ab4adcf66a3fecd424da684d");

  final Kdf kdf;
  final String passphrase;
  final String comment;
  final byte[] secret;
  final byte[] publicKey;

  ReferenceKey(Kdf kdf, String passphrase, String comment, String secretHex, String publicHex) {
    this.kdf = kdf;
    this.passphrase = passphrase;
    this.comment = comment;
    this.secret = HexFormat.of().parseHex(secretHex);
    this.publicKey = HexFormat.of().parseHex(publicHex);
  }

  String fileName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  Path secretKeyFile() {
    return resource(fileName() + ".sec");
  }

  Path publicKeyFile() {
    return resource(fileName() + ".pub");
  }

  String secretKeyText() {
    return read(secretKeyFile());
  }

  String publicKeyText() {
    return read(publicKeyFile());
  }

  private static Path resource(String name) {
    URL url = ReferenceKey.class.getResource("/vectors/keys/" + name);
    if (url == null) {
      throw new IllegalStateException("missing test resource vectors/keys/" + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
