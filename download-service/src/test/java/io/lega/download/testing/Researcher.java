package io.lega.download.testing;

import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.keys.KeyFiles;
import io.lega.crypt4gh.stream.Crypt4ghInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A researcher's Crypt4GH key pair: the header value they send, and decryption of what they get.
 */
public final class Researcher {

  private final Crypt4ghPrivateKey key = Crypt4ghPrivateKey.generate();

  /** {@code X-C4GH-Public-Key}: the base64 of their public key file, as SDA's clients send it. */
  public String publicKeyHeader() {
    return Base64.getEncoder()
        .encodeToString(KeyFiles.publicKeyPem(key.publicKey()).getBytes(StandardCharsets.US_ASCII));
  }

  /** Decrypts a Crypt4GH file with their private key. */
  public byte[] decrypt(byte[] crypt4gh) throws IOException {
    try (InputStream in = Crypt4ghInputStream.open(new ByteArrayInputStream(crypt4gh), key)) {
      return in.readAllBytes();
    }
  }

  public Crypt4ghPrivateKey key() {
    return key;
  }
}
