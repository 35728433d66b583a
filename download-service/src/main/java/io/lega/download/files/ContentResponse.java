package io.lega.download.files;

import io.lega.crypt4gh.body.ByteRange;
import io.lega.download.access.PermittedFile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code /files/{id}/content} response: the whole archived body or one range of it, with its
 * ETag.
 *
 * @param permitted the file
 * @param etag the body's stable entity tag (quoted)
 * @param range the one range served, or {@code null} for the whole body
 * @param size the body's size
 * @param auditId its {@code download_audit} row, once started
 */
record ContentResponse(
    PermittedFile permitted, String etag, ByteRange range, long size, Long auditId) {

  static ContentResponse of(
      PermittedFile permitted, String sha256, String rangeHeader, String ifRange, int maxRanges) {
    long size = permitted.file().archiveSize;
    String etag = "\"" + (sha256 != null ? sha256 : permitted.file().id + "-" + size) + "\"";
    ByteRange range = null;
    if (rangeHeader != null && (ifRange == null || ifRange.strip().equals(etag))) {
      List<ByteRange> ranges = RangeHeader.parse(rangeHeader, size, maxRanges);
      if (ranges.size() == 1) {
        range = ranges.get(0);
      }
    }
    return new ContentResponse(permitted, etag, range, size, null);
  }

  ContentResponse withAuditId(long id) {
    return new ContentResponse(permitted, etag, range, size, id);
  }

  ByteRange piece() {
    return range != null ? range : new ByteRange(0, size);
  }

  Map<String, List<String>> headers() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("ETag", List.of(etag));
    headers.put("Accept-Ranges", List.of("bytes"));
    headers.put("Content-Length", List.of(Long.toString(piece().length())));
    if (range != null) {
      headers.put(
          "Content-Range",
          List.of("bytes " + range.start() + "-" + (range.end() - 1) + "/" + size));
    }
    return headers;
  }
}
