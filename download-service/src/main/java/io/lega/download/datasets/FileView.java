package io.lega.download.datasets;

/**
 * A file of a dataset, as listed.
 *
 * @param fileId its accession id ({@code EGAF...}): the id of {@code /files/{fileId}}
 * @param filePath where the submitter uploaded it (their inbox path)
 * @param size the archived body's size in bytes (a download adds its header)
 * @param decryptedSize the plaintext's size in bytes
 * @param decryptedSha256 the plaintext's SHA-256, lower-case hex
 */
public record FileView(
    String fileId, String filePath, Long size, Long decryptedSize, String decryptedSha256) {}
