package io.lega.hub.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lega.contracts.Checksum;
import io.lega.contracts.ChecksumType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The optional body of {@code POST /api/submissions/{id}/ingest}.
 *
 * @param decryptedChecksums checksums of the plaintext that the submitter declared (at most one
 *     sha256 and one md5); sent to the node in the {@code ingest} message, whose verification then
 *     checks the decrypted content against them. None: the node checks nothing of the kind. They
 *     are not stored: a later trigger sends only what its own request declares.
 */
public record IngestRequest(
    @JsonProperty("decrypted_checksums") List<Checksum> decryptedChecksums) {

  private static final Pattern HEX = Pattern.compile("[0-9a-f]*");

  /** The declared checksums, checked; none if the request is {@code null} or names none. */
  static List<Checksum> declared(IngestRequest request) {
    if (request == null || request.decryptedChecksums() == null) {
      return List.of();
    }
    List<Checksum> sums = request.decryptedChecksums();
    Set<ChecksumType> seen = EnumSet.noneOf(ChecksumType.class);
    for (int i = 0; i < sums.size(); i++) {
      Checksum sum = sums.get(i);
      String field = "decrypted_checksums[" + i + "]";
      if (sum == null || sum.type() == null || sum.value() == null) {
        throw new InvalidRequestException(
            field + " must be {\"type\": \"sha256\" or \"md5\", \"value\": \"<hex>\"}");
      }
      if (sum.value().length() != sum.type().hexLength() || !HEX.matcher(sum.value()).matches()) {
        throw new InvalidRequestException(
            field
                + ": a "
                + sum.type().jsonName()
                + " value is "
                + sum.type().hexLength()
                + " hexadecimal digits");
      }
      if (!seen.add(sum.type())) {
        throw new InvalidRequestException(
            field + " repeats the " + sum.type().jsonName() + " checksum");
      }
    }
    return List.copyOf(sums);
  }
}
