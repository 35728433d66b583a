package io.lega.crypt4gh.hostile;

import io.lega.crypt4gh.cipher.ChaCha20Poly1305;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.keys.Crypt4ghPublicKey;
import io.lega.crypt4gh.keys.X25519;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Builds Crypt4GH headers byte by byte (little-endian), independently of the library's writers, so
 * that every count, length, method and type can be set to anything.
 */
final class Forge {
  static final byte[] MAGIC = "crypt4gh".getBytes(StandardCharsets.US_ASCII);

  private Forge() {}

  static byte[] le32(long value) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value).array();
  }

  static byte[] le64(long value) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** Magic, version and packet count. */
  static byte[] preamble(long version, long packetCount) {
    return concat(MAGIC, le32(version), le32(packetCount));
  }

  /** A version 1 header holding exactly these packets. */
  static byte[] header(byte[]... packets) {
    return concat(preamble(1, packets.length), concat(packets));
  }

  /** A packet: its length (of the whole packet), its encryption method, then {@code payload}. */
  static byte[] rawPacket(long method, byte[] payload) {
    return concat(le32(8 + payload.length), le32(method), payload);
  }

  /**
   * A method-0 packet: the writer's public key, then {@code content} sealed with ChaCha20-Poly1305
   * under BLAKE2b-512(shared secret || reader key || writer key)[0..32].
   */
  static byte[] sealedPacket(Crypt4ghPrivateKey writer, Crypt4ghPublicKey reader, byte[] content) {
    byte[] dh = X25519.sharedSecret(writer.secretBytes(), reader.bytes()).orElseThrow();
    Blake2bDigest blake2b = new Blake2bDigest(512);
    blake2b.update(dh, 0, dh.length);
    blake2b.update(reader.bytes(), 0, 32);
    blake2b.update(writer.publicKey().bytes(), 0, 32);
    byte[] digest = new byte[64];
    blake2b.doFinal(digest, 0);
    byte[] key = java.util.Arrays.copyOf(digest, 32);
    return rawPacket(
        0, concat(writer.publicKey().bytes(), ChaCha20Poly1305.sealWithNonce(key, content)));
  }

  /** A {@code data_encryption_parameters} packet's plaintext. */
  static byte[] dataKey(long method, byte[] key) {
    return concat(le32(0), le32(method), key);
  }

  static byte[] dataKey(byte[] key) {
    return dataKey(0, key);
  }

  /** A {@code data_edit_list} packet's plaintext declaring {@code count} lengths. */
  static byte[] editListDeclaring(long count, long... lengths) {
    byte[][] parts = new byte[lengths.length + 2][];
    parts[0] = le32(1);
    parts[1] = le32(count);
    for (int i = 0; i < lengths.length; i++) {
      parts[i + 2] = le64(lengths[i]);
    }
    return concat(parts);
  }

  static byte[] editList(long... lengths) {
    return editListDeclaring(lengths.length, lengths);
  }
}
