package io.lega.crypt4gh.error;

/** The file is Crypt4GH, but of a version other than 1. */
public final class UnsupportedVersionException extends Crypt4ghException {
  private final long version;

  public UnsupportedVersionException(long version) {
    super("unsupported Crypt4GH version " + version + " (only version 1 is supported)");
    this.version = version;
  }

  public long version() {
    return version;
  }
}
