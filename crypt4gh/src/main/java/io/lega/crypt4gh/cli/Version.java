package io.lega.crypt4gh.cli;

import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code --version}: the jar's, and the Crypt4GH format version. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Version.class.getPackage().getImplementationVersion();
    return new String[] {
      "crypt4gh (lega) " + (version == null ? "development" : version),
      "Crypt4GH format version 1",
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")"
    };
  }
}
