package io.lega.hub.passport;

import io.lega.hub.config.HubConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Wires the one {@link SigningKey}: read (or made) from {@code lega.hub.passport.signing-key-file}.
 */
public class SigningKeyProducer {

  private static final Logger LOG = Logger.getLogger(SigningKeyProducer.class);

  @Produces
  @Singleton
  @Startup // a key file that cannot be read or made stops the start
  SigningKey signingKey(HubConfig config) {
    SigningKey key = SigningKey.loadOrCreate(config.passport().signingKeyFile());
    LOG.infof(
        "Passports are signed with key %s (%s)", key.keyId(), config.passport().signingKeyFile());
    return key;
  }
}
