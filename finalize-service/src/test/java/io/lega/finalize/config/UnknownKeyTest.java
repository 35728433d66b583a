package io.lega.finalize.config;

import io.lega.testsupport.quarkus.UnknownKeys;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

/**
 * FinalizeConfig maps the whole {@code lega} prefix and refuses what it does not declare: a
 * misspelt key stops the start, with the key named, instead of being silently ignored.
 */
@QuarkusMainTest
@TestProfile(UnknownKeyTest.Misspelt.class)
class UnknownKeyTest {

  /** {@code lega.broker.prefetch}, misspelt. */
  public static class Misspelt extends UnknownKeys.Profile {
    public Misspelt() {
      super("lega.broker.prefech");
    }
  }

  @Test
  void aMisspeltKeyStopsTheStart(QuarkusMainLauncher launcher) {
    UnknownKeys.assertRefused(launcher, new Misspelt().key());
  }
}
