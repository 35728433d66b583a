package io.lega.crypt4gh.error;

/** A data segment failed its Poly1305 authentication with every data key: it was altered. */
public final class SegmentAuthenticationException extends Crypt4ghException {
  private final long segmentIndex;

  public SegmentAuthenticationException(long segmentIndex) {
    super(
        "data segment "
            + segmentIndex
            + " failed authentication: the file is damaged or was tampered with");
    this.segmentIndex = segmentIndex;
  }

  /** Zero-based index of the failing segment in the body. */
  public long segmentIndex() {
    return segmentIndex;
  }
}
