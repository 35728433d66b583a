package io.lega.download.crypt;

import io.lega.crypt4gh.error.NoDecryptablePacketException;
import io.lega.crypt4gh.header.DecryptedHeader;
import io.lega.crypt4gh.header.Header;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.download.config.DownloadConfig;
import io.lega.node.worker.NodeKeys;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The archive's private keys ({@code lega.download.archive-keys}), loaded at start (a key that
 * cannot be loaded stops the service), and what they are used for: opening an archived header to
 * re-wrap its packets. Never a body.
 */
@Startup
@Singleton
public class ArchiveKeys {

  private static final Logger LOG = Logger.getLogger(ArchiveKeys.class);

  private final List<Crypt4ghPrivateKey> keys;

  public ArchiveKeys(DownloadConfig config) {
    this.keys = NodeKeys.privateKeys(config.archiveKeys(), "lega.download.archive-keys");
    LOG.infof(
        "archive keys loaded: %s",
        String.join(", ", keys.stream().map(k -> k.publicKey().hex()).toList()));
  }

  /** How many keys are loaded (at least one). */
  public int count() {
    return keys.size();
  }

  /**
   * Opens an archived header with the first key that can.
   *
   * @throws IOException if the header is malformed, or no key opens it
   */
  public DecryptedHeader open(byte[] archivedHeader) throws IOException {
    Header header = Header.read(new ByteArrayInputStream(archivedHeader));
    for (Crypt4ghPrivateKey key : keys) {
      try {
        return DecryptedHeader.open(header, key, Optional.empty());
      } catch (NoDecryptablePacketException e) {
        // the next key, during a rotation
      }
    }
    throw new NoDecryptablePacketException(
        "no archive key opens this file's header (" + keys.size() + " tried)");
  }
}
