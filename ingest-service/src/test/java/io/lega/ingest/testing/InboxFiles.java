package io.lega.ingest.testing;

import io.lega.contracts.Checksum;
import io.lega.crypt4gh.header.DataEditList;
import io.lega.crypt4gh.header.Header;
import io.lega.crypt4gh.keys.Crypt4ghPublicKey;
import io.lega.crypt4gh.stream.Crypt4ghOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/** Crypt4GH files as a submitter makes them, put in the test's POSIX inbox. */
public final class InboxFiles {

  private final Path root;
  private final Random random = new Random(42);

  public InboxFiles(Path root) {
    this.root = root;
  }

  /** A user name of its own for each test (so that inbox paths never collide). */
  public static String newUser() {
    return "user-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Random plaintext. */
  public byte[] plaintext(int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return bytes;
  }

  /** The plaintext encrypted for {@code recipient}, as the reference tool does. */
  public static byte[] encrypt(byte[] plaintext, Crypt4ghPublicKey recipient) throws IOException {
    return encrypt(plaintext, recipient, Optional.empty());
  }

  /** The plaintext encrypted for {@code recipient}, with an edit list in the header. */
  public static byte[] encrypt(
      byte[] plaintext, Crypt4ghPublicKey recipient, Optional<DataEditList> editList)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Crypt4ghOutputStream c4gh =
        Crypt4ghOutputStream.create(out, List.of(recipient), Optional.empty(), editList)) {
      c4gh.write(plaintext);
    }
    return out.toByteArray();
  }

  /** Puts bytes in the inbox at {@code <user>/<path>}. */
  public void put(String user, String path, byte[] content) throws IOException {
    Path file = root.resolve(user).resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
  }

  /** The length of a Crypt4GH file's header. */
  public static int headerLength(byte[] file) throws IOException {
    return Header.read(new ByteArrayInputStream(file)).length();
  }

  /** The body of a Crypt4GH file (everything after the header). */
  public static byte[] body(byte[] file) throws IOException {
    return Arrays.copyOfRange(file, headerLength(file), file.length);
  }

  public static String sha256(byte[] bytes) {
    return hex("SHA-256", bytes);
  }

  public static String md5(byte[] bytes) {
    return hex("MD5", bytes);
  }

  /** sha256 and md5 of the bytes, as the inbox reports them. */
  public static List<Checksum> checksums(byte[] bytes) {
    return List.of(Checksum.sha256(sha256(bytes)), Checksum.md5(md5(bytes)));
  }

  private static String hex(String algorithm, byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
