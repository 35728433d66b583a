package io.lega.crypt4gh.roundtrip;

import io.lega.crypt4gh.body.ByteRange;
import io.lega.crypt4gh.body.Segments;
import io.lega.crypt4gh.header.DataEditList;
import io.lega.crypt4gh.header.Header;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.keys.Crypt4ghPublicKey;
import io.lega.crypt4gh.stream.Crypt4ghInputStream;
import io.lega.crypt4gh.stream.Crypt4ghOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Deterministic plaintexts and keys, and the simplest ways to encrypt and decrypt them. */
public final class TestData {
  public static final int SEG = Segments.PLAIN_SIZE;

  /** The plaintext sizes every round trip covers. */
  public static final int[] SIZES = {0, 1, 65535, 65536, 65537, 3 * 65536, 5 * 1024 * 1024 + 17};

  private TestData() {}

  /** {@code size} pseudo-random bytes, the same for the same seed. */
  public static byte[] plaintext(long seed, int size) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  /** A key pair derived from a seed, so that failures reproduce. */
  public static Crypt4ghPrivateKey key(long seed) {
    byte[] secret = new byte[32];
    new Random(0x5eed_0000L + seed).nextBytes(secret);
    return Crypt4ghPrivateKey.of(secret);
  }

  /** Encrypts {@code plain} with one write call. */
  public static byte[] encrypt(
      byte[] plain,
      List<Crypt4ghPublicKey> recipients,
      Optional<Crypt4ghPrivateKey> writer,
      Optional<DataEditList> editList)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Crypt4ghOutputStream c4gh =
        Crypt4ghOutputStream.create(out, recipients, writer, editList)) {
      c4gh.write(plain);
    }
    return out.toByteArray();
  }

  public static byte[] encrypt(byte[] plain, Crypt4ghPublicKey recipient) throws IOException {
    return encrypt(plain, List.of(recipient), Optional.empty(), Optional.empty());
  }

  /** Decrypts a whole file, optionally a range of it. */
  public static byte[] decrypt(byte[] file, Crypt4ghPrivateKey reader, ByteRange range)
      throws IOException {
    try (InputStream in =
        Crypt4ghInputStream.open(new ByteArrayInputStream(file), reader, Optional.empty(), range)) {
      return in.readAllBytes();
    }
  }

  public static byte[] decrypt(byte[] file, Crypt4ghPrivateKey reader) throws IOException {
    return decrypt(file, reader, ByteRange.all());
  }

  /** Length of the header at the start of {@code file}. */
  public static int headerLength(byte[] file) throws IOException {
    return Header.read(new ByteArrayInputStream(file)).length();
  }

  /** The body of {@code file}: what follows its header. */
  public static byte[] body(byte[] file) throws IOException {
    return Arrays.copyOfRange(file, headerLength(file), file.length);
  }

  /** {@code Arrays.copyOfRange} clipped to the array, as a range past the end reads. */
  public static byte[] slice(byte[] bytes, long start, long end) {
    int from = (int) Math.min(start, bytes.length);
    int to = (int) Math.min(end, bytes.length);
    return Arrays.copyOfRange(bytes, from, Math.max(from, to));
  }

  /**
   * An independent model of an edit list: skip, keep, skip, keep, ...; an odd count keeps
   * everything after the last skip.
   */
  public static byte[] applyEditList(byte[] plain, long... lengths) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long position = 0;
    for (int i = 0; i < lengths.length; i++) {
      boolean keep = i % 2 == 1;
      long end = lengths[i] >= plain.length - position ? plain.length : position + lengths[i];
      if (keep && end > position) {
        out.write(plain, (int) position, (int) (end - position));
      }
      position = end;
    }
    if (lengths.length % 2 == 1 && position < plain.length) {
      out.write(plain, (int) position, (int) (plain.length - position));
    }
    return out.toByteArray();
  }

  /** The {@code index}-th encrypted segment of a body. */
  public static byte[] segment(byte[] body, int index) {
    int start = index * Segments.CIPHER_SIZE;
    return Arrays.copyOfRange(body, start, Math.min(body.length, start + Segments.CIPHER_SIZE));
  }

  /** The encrypted segments of a body, in order. */
  public static List<byte[]> segments(byte[] body) {
    List<byte[]> all = new ArrayList<>();
    for (int i = 0; i * (long) Segments.CIPHER_SIZE < body.length; i++) {
      all.add(segment(body, i));
    }
    return all;
  }
}
