package io.lega.node.store;

import io.lega.contracts.ChecksumType;
import io.lega.node.store.model.ChecksumSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a transition writes on the file besides its event, all in the transition's transaction, in
 * this order: the archive information, the checksums (source by source, in the order given), the
 * decrypted size, the accession id. Start from {@link #NONE}.
 *
 * @param archive where and how ingest archived the file, or {@code null}
 * @param checksums hex values by type, by source; a source without values is left out
 * @param decryptedSize the size of the decrypted content, or {@code null}
 * @param accessionId the file's accession id, or {@code null}
 */
public record FileWrites(
    ArchiveInfo archive,
    Map<ChecksumSource, Map<ChecksumType, String>> checksums,
    Long decryptedSize,
    String accessionId) {

  /** Nothing to write. */
  public static final FileWrites NONE = new FileWrites(null, Map.of(), null, null);

  /** Keeps the checksums in the order given, unmodifiable. */
  public FileWrites {
    checksums = Collections.unmodifiableMap(new LinkedHashMap<>(checksums));
  }

  /** These writes, and the archive information. */
  public FileWrites withArchive(ArchiveInfo info) {
    return new FileWrites(
        Objects.requireNonNull(info, "info"), checksums, decryptedSize, accessionId);
  }

  /** These writes, and the checksums from {@code source} (none if {@code values} is empty). */
  public FileWrites withChecksums(ChecksumSource source, Map<ChecksumType, String> values) {
    if (values.isEmpty()) {
      return this;
    }
    Map<ChecksumSource, Map<ChecksumType, String>> more = new LinkedHashMap<>(checksums);
    more.put(source, Map.copyOf(values));
    return new FileWrites(archive, more, decryptedSize, accessionId);
  }

  /** These writes, and the decrypted size. */
  public FileWrites withDecryptedSize(long size) {
    return new FileWrites(archive, checksums, size, accessionId);
  }

  /** These writes, and the accession id. */
  public FileWrites withAccessionId(String id) {
    return new FileWrites(archive, checksums, decryptedSize, Objects.requireNonNull(id, "id"));
  }
}
