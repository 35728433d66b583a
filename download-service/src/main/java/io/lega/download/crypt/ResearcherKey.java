package io.lega.download.crypt;

import io.lega.crypt4gh.keys.Crypt4ghPublicKey;
import io.lega.crypt4gh.keys.KeyFiles;
import io.lega.download.http.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reads the researcher's Crypt4GH public key from header {@value #HEADER}: the base64 of a public
 * key file (the PEM text {@code crypt4gh-keygen} writes, as SDA's clients send it), or the base64
 * of the 32 raw key bytes.
 */
public final class ResearcherKey {

  /** The request header. */
  public static final String HEADER = "X-C4GH-Public-Key";

  private ResearcherKey() {}

  /**
   * @throws ProblemException 400 if the header is missing or does not hold a Crypt4GH public key
   */
  public static Crypt4ghPublicKey parse(String header) {
    if (header == null || header.isBlank()) {
      throw ProblemException.badRequest(
          HEADER + " is required: the base64 of your Crypt4GH public key file");
    }
    byte[] decoded;
    try {
      decoded = Base64.getMimeDecoder().decode(header.strip());
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (decoded.length == 32) {
      return Crypt4ghPublicKey.of(decoded);
    }
    if (decoded.length > 4096) {
      throw invalid();
    }
    try {
      return KeyFiles.readPublicKey(new String(decoded, StandardCharsets.US_ASCII));
    } catch (java.io.IOException | RuntimeException e) {
      throw invalid();
    }
  }

  private static ProblemException invalid() {
    return ProblemException.badRequest(
        HEADER
            + " is not a Crypt4GH public key: send the base64 of your public key file (the PEM"
            + " text) or of its 32 raw bytes");
  }
}
