package io.lega.download.files;

import io.lega.crypt4gh.body.ByteRange;
import io.lega.download.access.PermittedFile;
import java.util.List;

/**
 * A permitted download, ready to stream.
 *
 * @param permitted the file and the dataset that permits it
 * @param delivery the header and body pieces to send
 * @param ranges the plaintext ranges asked for (empty: the whole file)
 * @param plaintextSize the file's plaintext length
 * @param auditId the {@code download_audit} row, or {@code null} (HEAD: nothing is read)
 */
public record PreparedDownload(
    PermittedFile permitted,
    Delivery delivery,
    List<ByteRange> ranges,
    long plaintextSize,
    Long auditId) {

  /** The same with its audit row. */
  PreparedDownload withAuditId(long id) {
    return new PreparedDownload(permitted, delivery, ranges, plaintextSize, id);
  }
}
