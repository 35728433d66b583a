package io.lega.testsupport.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Pattern;

/**
 * The buckets, objects and multipart uploads of {@link FileS3Server}, as files under one root.
 *
 * <p>Layout: {@code <root>/<bucket>/objects/<key>} (the key percent-encoded into one file name, so
 * no key reaches outside its bucket), {@code <bucket>/uploads/<uploadId>/} holding the key and one
 * file per part, and {@code <bucket>/tmp/} for writes in progress. Every write goes to a temporary
 * file that is moved into place atomically once complete and verified, so a reader sees the old
 * object or the new one, never a part of either.
 *
 * <p>Multipart uploads are assembled where they are written: the first part received sets the
 * upload's part size, and every part of that size is written straight into the upload's {@code
 * data} file at offset {@code (number - 1) * size}, recorded by a {@code <number>.at} file holding
 * its ETag. A part of another size (the last, usually) is kept in a file of its own, {@code
 * <number>}. Completing an upload whose listed parts start with parts 1, 2, ... written in place
 * appends the others to {@code data}, truncates it and moves it into place: a rename, not a copy of
 * the object. Any other list of parts (a gap, a part in place after one that is not) is joined into
 * a new file with {@link FileChannel#transferTo} (in-kernel {@code copy_file_range} on Linux). A
 * part being written holds its upload's lock shared; completion and abort hold it exclusively, so
 * no part lands in a file that has become an object.
 *
 * <p>ETags are opaque and computed from the file's identity (inode, size, modification time): they
 * change whenever an object is rewritten and cost no pass over the data.
 */
final class ObjectFiles {
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f]{32}");
  private static final int MAX_KEY_BYTES = 1024;
  private static final int MAX_PARTS = 10_000;

  private final Path root;

  /** Per upload id: shared while a part is written, exclusive to complete or abort it. */
  private final ConcurrentHashMap<String, ReentrantReadWriteLock> uploadLocks =
      new ConcurrentHashMap<>();

  ObjectFiles(Path root) throws IOException {
    this.root = Files.createDirectories(root);
  }

  /** An object's size, time and ETag. */
  record Info(String key, long size, Instant lastModified, String etag) {}

  /** An incomplete multipart upload. */
  record Upload(String key, String uploadId, Instant initiated) {}

  /** A part named by a complete request. */
  record PartRef(int number, String etag) {}

  boolean bucketExists(String bucket) throws S3Error {
    return Files.isDirectory(bucketDir(bucket));
  }

  /** Creates a bucket; false if it existed. */
  boolean createBucket(String bucket) throws S3Error, IOException {
    Path dir = bucketDir(bucket);
    if (Files.isDirectory(dir)) {
      return false;
    }
    Files.createDirectories(dir.resolve("objects"));
    Files.createDirectories(dir.resolve("uploads"));
    Files.createDirectories(dir.resolve("tmp"));
    return true;
  }

  /**
   * Writes an object from a body of known length.
   *
   * @param sha256 the hex SHA-256 the body must have, or null
   */
  Info put(String bucket, String key, InputStream body, long length, String sha256)
      throws S3Error, IOException {
    Path target = objectFile(bucket, key);
    Path tmp = receive(bucket, body, length, sha256, true);
    move(tmp, target);
    syncDirectory(target.getParent());
    return info(key, target);
  }

  Optional<Info> stat(String bucket, String key) throws S3Error, IOException {
    Path file = objectFile(bucket, key);
    try {
      return Optional.of(info(key, file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * Opens an object for reading whole with direct I/O ({@link DirectIo#copyWhole}), or answers
   * {@code null} if the file system refuses it.
   */
  FileChannel openDirect(String bucket, String key) throws S3Error, IOException {
    try {
      return DirectIo.open(objectFile(bucket, key), StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw S3Error.noSuchKey(key);
    }
  }

  /** Opens an object for reading; the channel stays valid if the object is replaced meanwhile. */
  FileChannel open(String bucket, String key) throws S3Error, IOException {
    try {
      return FileChannel.open(objectFile(bucket, key), StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw S3Error.noSuchKey(key);
    }
  }

  void delete(String bucket, String key) throws S3Error, IOException {
    Files.deleteIfExists(objectFile(bucket, key));
  }

  /** Keys with this prefix in order, at most {@code max}, after {@code startAfter} if given. */
  List<Info> list(String bucket, String prefix, String startAfter, int max)
      throws S3Error, IOException {
    Path dir = bucketDir(bucket).resolve("objects");
    TreeMap<String, Path> keys = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String key = FileNames.decode(file.getFileName().toString());
        if (key.startsWith(prefix) && (startAfter == null || key.compareTo(startAfter) > 0)) {
          keys.put(key, file);
        }
      }
    }
    List<Info> out = new ArrayList<>();
    for (var entry : keys.entrySet()) {
      if (out.size() == max) {
        break;
      }
      try {
        out.add(info(entry.getKey(), entry.getValue()));
      } catch (NoSuchFileException e) {
        // deleted while listing
      }
    }
    return out;
  }

  String createUpload(String bucket, String key) throws S3Error, IOException {
    objectFile(bucket, key); // validates the key
    String id = UUID.randomUUID().toString().replace("-", "");
    Path dir = Files.createDirectory(bucketDir(bucket).resolve("uploads").resolve(id));
    Files.writeString(dir.resolve("key"), key, StandardCharsets.UTF_8);
    return id;
  }

  /** Stores one part; returns its ETag. */
  String putPart(
      String bucket,
      String key,
      String uploadId,
      int number,
      InputStream body,
      long length,
      String sha256)
      throws S3Error, IOException {
    if (number < 1 || number > MAX_PARTS) {
      throw S3Error.badRequest("InvalidArgument", "part numbers are 1 to " + MAX_PARTS);
    }
    Path dir = uploadDir(bucket, key, uploadId);
    Lock shared = lockOf(uploadId).readLock();
    shared.lock();
    try {
      if (!Files.isDirectory(dir)) { // completed or aborted meanwhile
        throw S3Error.noSuchUpload();
      }
      Path inPlace = dir.resolve(number + ".at");
      Path separate = dir.resolve(Integer.toString(number));
      long partSize = partSize(bucket, dir, length);
      if (length > 0 && length == partSize) {
        Files.deleteIfExists(inPlace); // its bytes are about to be overwritten
        Path dataFile = dir.resolve("data");
        FileChannel direct =
            partSize % DirectIo.ALIGNMENT == 0
                ? DirectIo.open(dataFile, StandardOpenOption.WRITE, StandardOpenOption.CREATE)
                : null;
        if (direct != null) {
          try (direct) {
            receiveDirect(body, length, sha256, direct, (number - 1) * partSize);
          }
        } else {
          try (FileChannel data =
              FileChannel.open(dataFile, StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
            receive(body, length, sha256, data, (number - 1) * partSize);
          }
        }
        String etag = UUID.randomUUID().toString().replace("-", "");
        writeSmallFile(bucket, inPlace, etag);
        Files.deleteIfExists(separate);
        return etag;
      }
      Path tmp = receive(bucket, body, length, sha256, false);
      move(tmp, separate);
      Files.deleteIfExists(inPlace);
      return etag(separate);
    } finally {
      shared.unlock();
    }
  }

  /** Joins the named parts into the object and removes the upload. */
  Info complete(String bucket, String key, String uploadId, List<PartRef> parts)
      throws S3Error, IOException {
    Path dir = uploadDir(bucket, key, uploadId);
    if (parts.isEmpty()) {
      throw S3Error.badRequest("MalformedXML", "a complete request names at least one part");
    }
    Lock exclusive = lockOf(uploadId).writeLock();
    exclusive.lock();
    try {
      if (!Files.isDirectory(dir)) {
        throw S3Error.noSuchUpload();
      }
      List<Piece> pieces = pieces(dir, parts);
      long partSize = pieces.stream().anyMatch(Piece::inPlace) ? readPartSize(dir) : 0;
      int prefix = 0;
      while (prefix < pieces.size()
          && pieces.get(prefix).inPlace()
          && pieces.get(prefix).number() == prefix + 1) {
        prefix++;
      }
      boolean restSeparate =
          pieces.subList(prefix, pieces.size()).stream().noneMatch(Piece::inPlace);
      Path target = objectFile(bucket, key);
      if (prefix > 0 && restSeparate) {
        Path data = dir.resolve("data");
        appendAndTruncate(data, prefix * partSize, pieces.subList(prefix, pieces.size()));
        move(data, target);
      } else {
        move(joined(bucket, dir, pieces, partSize), target);
      }
      syncDirectory(target.getParent());
      deleteTree(dir);
      uploadLocks.remove(uploadId); // a part still waiting finds the upload gone
      return info(key, target);
    } finally {
      exclusive.unlock();
    }
  }

  void abort(String bucket, String key, String uploadId) throws S3Error, IOException {
    Path dir = uploadDir(bucket, key, uploadId);
    Lock exclusive = lockOf(uploadId).writeLock();
    exclusive.lock();
    try {
      deleteTree(dir);
      uploadLocks.remove(uploadId);
    } finally {
      exclusive.unlock();
    }
  }

  /** A listed part: in the upload's {@code data} file, or in a file of its own. */
  private record Piece(int number, boolean inPlace, Path file, long length) {}

  /** The listed parts, checked: in ascending order, uploaded, with the ETags given. */
  private static List<Piece> pieces(Path dir, List<PartRef> parts) throws S3Error, IOException {
    List<Piece> pieces = new ArrayList<>();
    long partSize = -1;
    int previous = 0;
    for (PartRef ref : parts) {
      if (ref.number() <= previous) {
        throw S3Error.badRequest("InvalidPartOrder", "parts must be listed in ascending order");
      }
      previous = ref.number();
      Path inPlace = dir.resolve(ref.number() + ".at");
      Path separate = dir.resolve(Integer.toString(ref.number()));
      String etag;
      Piece piece;
      if (Files.exists(inPlace)) {
        etag = Files.readString(inPlace, StandardCharsets.UTF_8);
        partSize = partSize < 0 ? readPartSize(dir) : partSize;
        piece = new Piece(ref.number(), true, dir.resolve("data"), partSize);
      } else {
        try {
          etag = etag(separate);
          piece = new Piece(ref.number(), false, separate, Files.size(separate));
        } catch (NoSuchFileException e) {
          throw S3Error.badRequest("InvalidPart", "part " + ref.number() + " was not uploaded");
        }
      }
      if (!etag.equals(unquote(ref.etag()))) {
        throw S3Error.badRequest("InvalidPart", "part " + ref.number() + "'s ETag differs");
      }
      pieces.add(piece);
    }
    return pieces;
  }

  /** Appends the separate parts to {@code data} at {@code position}, cuts it there, syncs it. */
  private static void appendAndTruncate(Path data, long position, List<Piece> rest)
      throws IOException {
    try (FileChannel out = FileChannel.open(data, StandardOpenOption.WRITE)) {
      long end = position;
      for (Piece piece : rest) {
        end += transfer(piece.file(), 0, piece.length(), out, end);
      }
      out.truncate(end);
      out.force(true);
    }
  }

  /** A new file holding the pieces one after the other (the parts in place read from data). */
  private Path joined(String bucket, Path dir, List<Piece> pieces, long partSize)
      throws S3Error, IOException {
    Path tmp = tmpFile(bucket);
    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      long end = 0;
      for (Piece piece : pieces) {
        long from = piece.inPlace() ? (piece.number() - 1) * partSize : 0;
        end += transfer(piece.file(), from, piece.length(), out, end);
      }
      out.force(true);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    return tmp;
  }

  /** Copies {@code length} bytes of {@code file} from {@code from} to {@code out} at {@code at}. */
  private static long transfer(Path file, long from, long length, FileChannel out, long at)
      throws IOException {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      if (in.size() < from + length) {
        throw new IOException("a part of the upload is shorter than recorded: " + file);
      }
      out.position(at);
      long done = 0;
      while (done < length) {
        done += in.transferTo(from + done, length - done, out);
      }
      return length;
    }
  }

  /**
   * The upload's part size: set by the first part received ({@code length}), read back after.
   * Synchronized: one process owns the files, and the first part's size must win.
   */
  private synchronized long partSize(String bucket, Path dir, long length)
      throws S3Error, IOException {
    try {
      return readPartSize(dir);
    } catch (NoSuchFileException e) {
      writeSmallFile(bucket, dir.resolve("part-size"), Long.toString(length));
      return length;
    }
  }

  private static long readPartSize(Path dir) throws IOException {
    return Long.parseLong(Files.readString(dir.resolve("part-size"), StandardCharsets.UTF_8));
  }

  /** Writes a few bytes to a file atomically (a temporary file, then a move). */
  private void writeSmallFile(String bucket, Path file, String text) throws S3Error, IOException {
    Path tmp = tmpFile(bucket);
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    move(tmp, file);
  }

  private ReentrantReadWriteLock lockOf(String uploadId) {
    return uploadLocks.computeIfAbsent(uploadId, id -> new ReentrantReadWriteLock());
  }

  List<Upload> uploads(String bucket) throws S3Error, IOException {
    Path dir = bucketDir(bucket).resolve("uploads");
    List<Upload> out = new ArrayList<>();
    try (DirectoryStream<Path> uploads = Files.newDirectoryStream(dir)) {
      for (Path upload : uploads) {
        try {
          String key = Files.readString(upload.resolve("key"), StandardCharsets.UTF_8);
          Instant initiated = Files.getLastModifiedTime(upload).toInstant();
          out.add(new Upload(key, upload.getFileName().toString(), initiated));
        } catch (NoSuchFileException e) {
          // completed or aborted while listing
        }
      }
    }
    out.sort(
        (a, b) ->
            a.key().equals(b.key())
                ? a.uploadId().compareTo(b.uploadId())
                : a.key().compareTo(b.key()));
    return out;
  }

  /**
   * Streams a body into a new temporary file, checking its length and (if given) its SHA-256.
   *
   * @param durable whether to flush it to the disk before returning: for whole objects; a part
   *     becomes durable as part of the object its completion writes
   */
  private Path receive(String bucket, InputStream body, long length, String sha256, boolean durable)
      throws S3Error, IOException {
    Path tmp = tmpFile(bucket);
    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      receive(body, length, sha256, out, 0);
      if (durable) {
        out.force(false);
      }
    } catch (S3Error | IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    return tmp;
  }

  /** Like {@link #receive(InputStream, long, String, FileChannel, long)}, with direct I/O. */
  private static void receiveDirect(
      InputStream body, long length, String sha256, FileChannel out, long offset)
      throws S3Error, IOException {
    MessageDigest digest = sha256 == null ? null : sha256();
    long received = DirectIo.receive(body, length, digest, out, offset);
    checkBody(received, length, digest, sha256);
  }

  /**
   * Streams a body into a file at {@code offset}, checking its length and (if given) its SHA-256.
   */
  private static void receive(
      InputStream body, long length, String sha256, FileChannel out, long offset)
      throws S3Error, IOException {
    MessageDigest digest = sha256 == null ? null : sha256();
    long received = 0;
    byte[] buffer = new byte[1 << 17];
    ByteBuffer wrapped = ByteBuffer.wrap(buffer);
    int n;
    while (received < length
        && (n = body.read(buffer, 0, (int) Math.min(buffer.length, length - received))) > 0) {
      if (digest != null) {
        digest.update(buffer, 0, n);
      }
      wrapped.clear().limit(n);
      long at = offset + received;
      while (wrapped.hasRemaining()) {
        at += out.write(wrapped, at);
      }
      received += n;
    }
    checkBody(received, length, digest, sha256);
  }

  private static void checkBody(long received, long length, MessageDigest digest, String sha256)
      throws S3Error {
    if (received != length) {
      throw S3Error.badRequest(
          "IncompleteBody", "the body ended after " + received + " of " + length + " bytes");
    }
    if (digest != null && !HexFormat.of().formatHex(digest.digest()).equals(sha256)) {
      throw S3Error.badRequest(
          "XAmzContentSHA256Mismatch", "the body's SHA-256 is not x-amz-content-sha256");
    }
  }

  private Path tmpFile(String bucket) throws S3Error, IOException {
    Path dir = bucketDir(bucket);
    if (!Files.isDirectory(dir)) {
      throw S3Error.noSuchBucket(bucket);
    }
    return Files.createFile(dir.resolve("tmp").resolve(UUID.randomUUID().toString()));
  }

  private Path bucketDir(String bucket) throws S3Error {
    if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
      throw S3Error.badRequest("InvalidBucketName", "invalid bucket name");
    }
    return root.resolve(bucket);
  }

  private Path objectFile(String bucket, String key) throws S3Error {
    if (key == null
        || key.isEmpty()
        || key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      throw S3Error.badRequest("KeyTooLongError", "keys are 1 to " + MAX_KEY_BYTES + " bytes");
    }
    String name = FileNames.encode(key);
    if (name.length() > 250) {
      throw S3Error.badRequest("KeyTooLongError", "this key is too long for this server");
    }
    Path dir = bucketDir(bucket);
    if (!Files.isDirectory(dir)) {
      throw S3Error.noSuchBucket(bucket);
    }
    return dir.resolve("objects").resolve(name);
  }

  private Path uploadDir(String bucket, String key, String uploadId) throws S3Error, IOException {
    if (uploadId == null || !UPLOAD_ID.matcher(uploadId).matches()) {
      throw S3Error.noSuchUpload();
    }
    objectFile(bucket, key);
    Path dir = bucketDir(bucket).resolve("uploads").resolve(uploadId);
    try {
      if (!Files.readString(dir.resolve("key"), StandardCharsets.UTF_8).equals(key)) {
        throw S3Error.noSuchUpload();
      }
    } catch (NoSuchFileException e) {
      throw S3Error.noSuchUpload();
    }
    return dir;
  }

  private static Info info(String key, Path file) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    return new Info(
        key, attributes.size(), attributes.lastModifiedTime().toInstant(), etag(attributes));
  }

  private static String etag(Path file) throws IOException {
    return etag(Files.readAttributes(file, BasicFileAttributes.class));
  }

  private static String etag(BasicFileAttributes attributes) {
    String identity =
        attributes.fileKey()
            + "/"
            + attributes.size()
            + "/"
            + attributes.lastModifiedTime().toInstant();
    return SigV4.sha256Hex(identity).substring(0, 32);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      Files.deleteIfExists(from);
      throw e;
    }
  }

  /** Makes a rename into this directory durable (Linux: fsync of the directory). */
  private static void syncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // some platforms cannot open a directory; the rename itself stands
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        Files.deleteIfExists(file);
      }
    } catch (NoSuchFileException e) {
      return;
    }
    Files.deleteIfExists(dir);
  }

  private static String unquote(String etag) {
    String e = etag.trim();
    return e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")
        ? e.substring(1, e.length() - 1)
        : e;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static void copy(FileChannel in, long start, long length, OutputStream out) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    long position = start;
    long end = start + length;
    while (position < end) {
      buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
      int n = in.read(buffer, position);
      if (n < 0) {
        throw new IOException("the object ended early");
      }
      out.write(buffer.array(), 0, n);
      position += n;
    }
  }
}
