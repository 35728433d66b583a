package io.lega.crypt4gh.keys;

import io.lega.crypt4gh.error.InvalidKeyFileException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;

/**
 * Reads and writes Crypt4GH key files in the format of the reference implementation
 * (EGA-archive/crypt4gh), which the Go implementation (neicnordic/crypt4gh) shares.
 *
 * <p>A public key file is a PEM block labelled {@code CRYPT4GH PUBLIC KEY} holding the 32 raw key
 * bytes. A private key file is a PEM block labelled {@code CRYPT4GH PRIVATE KEY} (Python) or {@code
 * CRYPT4GH ENCRYPTED PRIVATE KEY} (Go) holding the {@code c4gh-v1} format: see {@link
 * PrivateKeyFormat}. Keys are written as the reference writes them, base64 on one line.
 *
 * <p>Errors: malformed content gives {@link InvalidKeyFileException}; a missing or wrong passphrase
 * gives {@link io.lega.crypt4gh.error.WrongPassphraseException}. No message ever holds a passphrase
 * or secret bytes.
 */
public final class KeyFiles {
  /** The PEM label the reference writes on private keys, protected or not. */
  public static final String PRIVATE_KEY_LABEL = "CRYPT4GH PRIVATE KEY";

  /** The PEM label the Go implementation writes on (always protected) private keys. */
  public static final String ENCRYPTED_PRIVATE_KEY_LABEL = "CRYPT4GH ENCRYPTED PRIVATE KEY";

  /** The PEM label of public keys. */
  public static final String PUBLIC_KEY_LABEL = "CRYPT4GH PUBLIC KEY";

  /** Key files are a few hundred bytes; anything above this size is refused unread. */
  public static final int MAX_FILE_SIZE = 1 << 20;

  private static final Set<String> PRIVATE_LABELS =
      Set.of(PRIVATE_KEY_LABEL, ENCRYPTED_PRIVATE_KEY_LABEL);
  private static final Set<String> PUBLIC_LABELS = Set.of(PUBLIC_KEY_LABEL);
  private static final String PRIVATE_KEY = "a Crypt4GH private key";
  private static final String PUBLIC_KEY = "a Crypt4GH public key";

  private KeyFiles() {}

  // ---------------------------------------------------------------- private keys, reading

  /**
   * Reads a private key file, with its KDF and comment.
   *
   * @param file the PEM file
   * @param passphrase asked only if the key is protected
   * @throws InvalidKeyFileException when the file is not a valid Crypt4GH private key (the message
   *     names the file)
   * @throws io.lega.crypt4gh.error.WrongPassphraseException when the passphrase is missing or wrong
   * @throws IOException when the file cannot be read, or the supplier fails
   */
  public static PrivateKeyFile readPrivateKeyFile(Path file, PassphraseSupplier passphrase)
      throws IOException {
    String text = readText(file);
    try {
      return readPrivateKeyFile(text, passphrase);
    } catch (InvalidKeyFileException e) {
      throw new InvalidKeyFileException(file + ": " + e.getMessage());
    }
  }

  /**
   * Reads the text of a private key file, with its KDF and comment.
   *
   * @see #readPrivateKeyFile(Path, PassphraseSupplier)
   */
  public static PrivateKeyFile readPrivateKeyFile(String pem, PassphraseSupplier passphrase)
      throws IOException {
    Pem.Block block = Pem.decode(pem, PRIVATE_LABELS, PRIVATE_KEY);
    return PrivateKeyFormat.decode(block.body(), passphrase);
  }

  /**
   * Reads a private key file.
   *
   * @see #readPrivateKeyFile(Path, PassphraseSupplier)
   */
  public static Crypt4ghPrivateKey readPrivateKey(Path file, PassphraseSupplier passphrase)
      throws IOException {
    return readPrivateKeyFile(file, passphrase).key();
  }

  /**
   * Reads the text of a private key file.
   *
   * @see #readPrivateKeyFile(Path, PassphraseSupplier)
   */
  public static Crypt4ghPrivateKey readPrivateKey(String pem, PassphraseSupplier passphrase)
      throws IOException {
    return readPrivateKeyFile(pem, passphrase).key();
  }

  /**
   * Reads the bytes of a private key file.
   *
   * @see #readPrivateKeyFile(Path, PassphraseSupplier)
   */
  public static Crypt4ghPrivateKey readPrivateKey(byte[] pem, PassphraseSupplier passphrase)
      throws IOException {
    return readPrivateKey(text(pem), passphrase);
  }

  // ---------------------------------------------------------------- public keys, reading

  /**
   * Reads a public key file.
   *
   * @throws InvalidKeyFileException when the file is not a Crypt4GH public key of 32 bytes (the
   *     message names the file)
   * @throws IOException when the file cannot be read
   */
  public static Crypt4ghPublicKey readPublicKey(Path file) throws IOException {
    String text = readText(file);
    try {
      return readPublicKey(text);
    } catch (InvalidKeyFileException e) {
      throw new InvalidKeyFileException(file + ": " + e.getMessage());
    }
  }

  /**
   * Reads the text of a public key file.
   *
   * @throws InvalidKeyFileException when it is not a Crypt4GH public key of 32 bytes
   */
  public static Crypt4ghPublicKey readPublicKey(String pem) throws InvalidKeyFileException {
    byte[] body = Pem.decode(pem, PUBLIC_LABELS, PUBLIC_KEY).body();
    if (body.length != X25519.KEY_LENGTH) {
      throw new InvalidKeyFileException(
          "invalid public key: " + body.length + " bytes, expected " + X25519.KEY_LENGTH);
    }
    return Crypt4ghPublicKey.of(body);
  }

  /**
   * Reads the bytes of a public key file.
   *
   * @see #readPublicKey(String)
   */
  public static Crypt4ghPublicKey readPublicKey(byte[] pem) throws InvalidKeyFileException {
    return readPublicKey(text(pem));
  }

  // ---------------------------------------------------------------- writing

  /**
   * The PEM text of a private key file, as the reference writes it: label {@value
   * #PRIVATE_KEY_LABEL}, base64 on one line, a final newline. A random salt and nonce are drawn for
   * each call.
   *
   * @param key the key
   * @param protection how to protect it
   * @param comment an optional comment (null for none), at most 65535 bytes in UTF-8
   */
  public static String privateKeyPem(
      Crypt4ghPrivateKey key, KeyProtection protection, String comment) {
    byte[] secret = key.secretBytes();
    try {
      return Pem.encode(PRIVATE_KEY_LABEL, PrivateKeyFormat.encode(secret, protection, comment));
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /** The PEM text of a public key file, as the reference writes it. */
  public static String publicKeyPem(Crypt4ghPublicKey key) {
    return Pem.encode(PUBLIC_KEY_LABEL, key.bytes());
  }

  /**
   * Writes a private key file, readable and writable by its owner only (POSIX mode 0600) where the
   * file system has POSIX permissions. The file is created with that mode, never widened.
   *
   * @param overwrite whether to replace an existing file (it is deleted first, so that the new one
   *     gets the restricted mode); when false, an existing file gives {@link
   *     java.nio.file.FileAlreadyExistsException}
   * @see #privateKeyPem(Crypt4ghPrivateKey, KeyProtection, String)
   */
  public static void writePrivateKey(
      Path file,
      Crypt4ghPrivateKey key,
      KeyProtection protection,
      String comment,
      boolean overwrite)
      throws IOException {
    byte[] content = privateKeyPem(key, protection, comment).getBytes(StandardCharsets.US_ASCII);
    if (overwrite) {
      Files.deleteIfExists(file);
    }
    Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
    Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
    FileAttribute<?>[] attributes =
        posix
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(ownerOnly)}
            : new FileAttribute<?>[0];
    try (SeekableByteChannel channel = Files.newByteChannel(file, options, attributes);
        OutputStream out = Channels.newOutputStream(channel)) {
      out.write(content);
    }
    if (posix) {
      Files.setPosixFilePermissions(file, ownerOnly);
    }
  }

  /**
   * Writes a public key file.
   *
   * @param overwrite whether to replace an existing file; when false, an existing file gives {@link
   *     java.nio.file.FileAlreadyExistsException}
   */
  public static void writePublicKey(Path file, Crypt4ghPublicKey key, boolean overwrite)
      throws IOException {
    byte[] content = publicKeyPem(key).getBytes(StandardCharsets.US_ASCII);
    if (overwrite) {
      Files.write(file, content);
    } else {
      Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }
  }

  // ---------------------------------------------------------------- helpers

  private static String readText(Path file) throws IOException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_FILE_SIZE + 1);
    }
    if (bytes.length > MAX_FILE_SIZE) {
      throw new InvalidKeyFileException(
          file + ": larger than " + MAX_FILE_SIZE + " bytes, not a Crypt4GH key file");
    }
    return text(bytes);
  }

  /**
   * Key files are ASCII; ISO-8859-1 maps every other byte to one char, so nothing is merged and a
   * stray byte fails base64 decoding. A UTF-8 byte-order mark is skipped.
   */
  private static String text(byte[] bytes) {
    int start =
        bytes.length >= 3
                && (bytes[0] & 0xff) == 0xef
                && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf
            ? 3
            : 0;
    return new String(bytes, start, bytes.length - start, StandardCharsets.ISO_8859_1);
  }
}
