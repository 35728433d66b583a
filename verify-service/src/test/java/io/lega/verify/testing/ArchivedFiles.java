package io.lega.verify.testing;

import static io.lega.testsupport.quarkus.Blocking.await;

import io.lega.contracts.Checksum;
import io.lega.contracts.ChecksumType;
import io.lega.contracts.FileArchived;
import io.lega.contracts.IngestionTrigger;
import io.lega.contracts.MessageCodec;
import io.lega.crypt4gh.header.DataEditList;
import io.lega.crypt4gh.header.Header;
import io.lega.crypt4gh.keys.Crypt4ghPublicKey;
import io.lega.crypt4gh.stream.Crypt4ghOutputStream;
import io.lega.node.store.ArchiveInfo;
import io.lega.node.store.FileRepository;
import io.lega.node.store.NewFile;
import io.lega.node.store.model.ChecksumSource;
import io.lega.node.store.model.FileEntity;
import io.lega.node.store.model.FileEvent;
import io.lega.node.store.model.FileEventEntity;
import io.lega.platform.storage.Storage;
import io.quarkus.hibernate.reactive.panache.Panache;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * Prepares files as ingest leaves them for verify: a random plaintext encrypted with the crypt4gh
 * module for the archive key, its body and header objects in the archive, and the {@code files} row
 * with its events ({@code uploaded}, {@code submitted} with the ingest message, {@code archived}),
 * archive info and archived checksum.
 */
public final class ArchivedFiles {

  /** A prepared file and what the test expects verify to find. */
  public record Archived(
      UUID id,
      String user,
      String path,
      byte[] body,
      byte[] header,
      long plaintextSize,
      String sha256,
      String md5,
      String bodySha256) {

    /** The message ingest publishes on {@code archived}. */
    public String message() {
      return new String(
          MessageCodec.shared()
              .encode(
                  new FileArchived(
                      id.toString(),
                      user,
                      path,
                      id.toString(),
                      List.of(Checksum.sha256(bodySha256)))),
          StandardCharsets.UTF_8);
    }
  }

  /** How to make one file. */
  public static final class Spec {
    int size = 100 * 1024;
    Optional<DataEditList> editList = Optional.empty();
    boolean declare = true;
    String declaredSha256;
    String declaredMd5;
    UnaryOperator<byte[]> damage = UnaryOperator.identity();
    boolean damageAfterArchiving;

    /** Plaintext size in bytes (100 KiB by default). */
    public Spec size(int bytes) {
      size = bytes;
      return this;
    }

    /** An edit list in the header. */
    public Spec editList(long... lengths) {
      editList = Optional.of(DataEditList.of(lengths));
      return this;
    }

    /** Declare no decrypted checksums in the ingest message. */
    public Spec undeclared() {
      declare = false;
      return this;
    }

    /** Declare these decrypted checksums instead of the right ones. */
    public Spec declared(String sha256, String md5) {
      declaredSha256 = sha256;
      declaredMd5 = md5;
      return this;
    }

    /** Change the body before ingest sees it (so the archived checksum is of the damaged body). */
    public Spec uploadedDamaged(UnaryOperator<byte[]> change) {
      damage = change;
      damageAfterArchiving = false;
      return this;
    }

    /** Change the body after ingest archived it (the archived checksum is of the intact body). */
    public Spec archiveDamaged(UnaryOperator<byte[]> change) {
      damage = change;
      damageAfterArchiving = true;
      return this;
    }
  }

  private final FileRepository files;
  private final Storage archive;
  private final Crypt4ghPublicKey archiveKey;

  public ArchivedFiles(FileRepository files, Storage archive, Crypt4ghPublicKey archiveKey) {
    this.files = files;
    this.archive = archive;
    this.archiveKey = archiveKey;
  }

  /** A new spec. */
  public static Spec spec() {
    return new Spec();
  }

  /** Prepares a file as the spec says. */
  public Archived archived(Spec spec) throws IOException {
    UUID id = UUID.randomUUID();
    String user = "user_" + id.toString().substring(0, 8);
    String path = "run1/sample-" + id.toString().substring(9, 13) + ".bam.c4gh";
    byte[] plain = random(spec.size);

    ByteArrayOutputStream encrypted = new ByteArrayOutputStream(spec.size + spec.size / 64 + 4096);
    try (Crypt4ghOutputStream out =
        Crypt4ghOutputStream.create(
            encrypted, List.of(archiveKey), Optional.empty(), spec.editList)) {
      out.write(plain);
    }
    InputStream in = new ByteArrayInputStream(encrypted.toByteArray());
    byte[] header = Header.read(in).encode();
    byte[] intact = in.readAllBytes();
    byte[] body = spec.damageAfterArchiving ? intact : spec.damage.apply(intact.clone());
    String bodySha256 = hex("SHA-256", body);
    byte[] stored = spec.damageAfterArchiving ? spec.damage.apply(intact.clone()) : body;

    byte[] seen = decryptedView(plain, spec.editList);
    String sha256 = hex("SHA-256", seen);
    String md5 = hex("MD5", seen);

    archive.write(id.toString(), new ByteArrayInputStream(stored));
    archive.write(id + ".header", new ByteArrayInputStream(header));

    List<Checksum> declared = new ArrayList<>();
    if (spec.declare) {
      declared.add(Checksum.sha256(spec.declaredSha256 != null ? spec.declaredSha256 : sha256));
      declared.add(Checksum.md5(spec.declaredMd5 != null ? spec.declaredMd5 : md5));
    }
    String trigger =
        new String(
            MessageCodec.shared().encode(new IngestionTrigger(user, path, List.of(), declared)),
            StandardCharsets.UTF_8);
    Instant modified = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    await(
        () ->
            files.register(
                new NewFile(id, user, path, (long) encrypted.size(), modified),
                FileEvent.UPLOADED,
                "inbox-service",
                null));
    await(() -> files.recordEvent(id, FileEvent.SUBMITTED, "ingest-service", null, trigger));
    await(
        () ->
            files.setArchiveInfo(
                id,
                new ArchiveInfo(
                    header, hex("SHA-256", random(32)), id.toString(), (long) body.length)));
    await(
        () ->
            files.storeChecksums(
                id, ChecksumSource.ARCHIVED, Map.of(ChecksumType.SHA256, bodySha256)));
    await(() -> files.recordEvent(id, FileEvent.ARCHIVED, "ingest-service", null, null));
    return new Archived(id, user, path, body, header, seen.length, sha256, md5, bodySha256);
  }

  /** The plaintext as a reader sees it through the edit list: skip, keep, skip, keep... */
  static byte[] decryptedView(byte[] plain, Optional<DataEditList> editList) {
    if (editList.isEmpty()) {
      return plain;
    }
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    long[] lengths = editList.get().lengths();
    int position = 0;
    for (int i = 0; i < lengths.length; i++) {
      int length = (int) Math.min(lengths[i], plain.length - position);
      if (i % 2 == 1) {
        kept.write(plain, position, length);
      }
      position += length;
    }
    if (lengths.length % 2 == 1) {
      kept.write(plain, position, plain.length - position);
    }
    return kept.toByteArray();
  }

  /** The file's row as it is now. */
  public FileEntity file(UUID id) {
    return await(() -> Panache.withSession(() -> files.findById(id)));
  }

  /** The file's events, oldest first. */
  public List<FileEventEntity> events(UUID id) {
    return await(() -> files.events(id));
  }

  /** The file's checksums from one source. */
  public Map<ChecksumType, String> checksums(UUID id, ChecksumSource source) {
    return await(() -> files.checksums(id, source));
  }

  /** A body with one bit flipped at {@code offset}. */
  public static UnaryOperator<byte[]> flipBit(long offset) {
    return body -> {
      body[(int) offset] ^= 0x10;
      return body;
    };
  }

  /** A body cut to its first {@code length} bytes. */
  public static UnaryOperator<byte[]> cutTo(long length) {
    return body -> Arrays.copyOf(body, (int) length);
  }

  public static byte[] random(int size) {
    byte[] bytes = new byte[size];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }

  public static String hex(String algorithm, byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
