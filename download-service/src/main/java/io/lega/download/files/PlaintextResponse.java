package io.lega.download.files;

import io.lega.crypt4gh.body.ByteRange;
import io.lega.download.access.PermittedFile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code /files/{id}/plaintext} response: the whole plaintext or one range of it.
 *
 * @param permitted the file
 * @param range what is served (the whole plaintext when not partial)
 * @param size the plaintext's size
 * @param partial whether one range was asked for (206)
 * @param auditId its {@code download_audit} row, once started
 */
record PlaintextResponse(
    PermittedFile permitted, ByteRange range, long size, boolean partial, Long auditId) {

  static PlaintextResponse of(
      PermittedFile permitted, long size, String rangeHeader, int maxRanges) {
    List<ByteRange> ranges = RangeHeader.parse(rangeHeader, size, maxRanges);
    if (ranges.size() == 1) {
      return new PlaintextResponse(permitted, ranges.get(0), size, true, null);
    }
    return new PlaintextResponse(permitted, new ByteRange(0, size), size, false, null);
  }

  PlaintextResponse withAuditId(long id) {
    return new PlaintextResponse(permitted, range, size, partial, id);
  }

  Map<String, List<String>> headers() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Accept-Ranges", List.of("bytes"));
    headers.put("Content-Length", List.of(Long.toString(range.length())));
    headers.put(
        "Content-Disposition",
        List.of("attachment; filename=\"" + FileResource.fileName(permitted) + "\""));
    if (partial) {
      headers.put(
          "Content-Range",
          List.of("bytes " + range.start() + "-" + (range.end() - 1) + "/" + size));
    }
    return headers;
  }
}
