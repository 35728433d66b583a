package io.lega.crypt4gh.header;

import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.keys.Crypt4ghPublicKey;
import io.lega.crypt4gh.keys.X25519;
import java.util.Optional;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * The key that encrypts a header packet: the first 32 bytes of BLAKE2b-512 over the X25519 shared
 * secret, the reader's public key and the writer's public key (libsodium's {@code crypto_kx}, as
 * the specification and the reference implementation use it).
 */
final class SharedKey {
  private SharedKey() {}

  /** The key a writer uses to encrypt a packet for {@code reader}. */
  static Optional<byte[]> forWriter(Crypt4ghPrivateKey writer, Crypt4ghPublicKey reader) {
    return X25519
        .sharedSecret(writer.secretBytes(), reader.bytes())
        .map(dh -> derive(dh, reader, writer.publicKey()));
  }

  /** The key a reader uses to decrypt a packet written with {@code writer}'s key. */
  static Optional<byte[]> forReader(Crypt4ghPrivateKey reader, Crypt4ghPublicKey writer) {
    return X25519
        .sharedSecret(reader.secretBytes(), writer.bytes())
        .map(dh -> derive(dh, reader.publicKey(), writer));
  }

  private static byte[] derive(byte[] dh, Crypt4ghPublicKey reader, Crypt4ghPublicKey writer) {
    Blake2bDigest blake2b = new Blake2bDigest(512);
    blake2b.update(dh, 0, dh.length);
    byte[] readerBytes = reader.bytes();
    blake2b.update(readerBytes, 0, readerBytes.length);
    byte[] writerBytes = writer.bytes();
    blake2b.update(writerBytes, 0, writerBytes.length);
    byte[] digest = new byte[64];
    blake2b.doFinal(digest, 0);
    byte[] key = new byte[32];
    System.arraycopy(digest, 0, key, 0, 32);
    return key;
  }
}
