package io.lega.testsupport.quarkus;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.util.Map;

/**
 * Proves that a service refuses to start when its configuration holds a key that no
 * {@code @ConfigMapping} declares (a misspelt {@code lega.*} key), and that it says which key.
 *
 * <pre>
 * &#64;QuarkusMainTest
 * &#64;TestProfile(UnknownKeyTest.Misspelt.class)
 * class UnknownKeyTest {
 *   public static class Misspelt extends UnknownKeys.Profile {
 *     public Misspelt() { super("lega.broker.prefech"); }
 *   }
 *
 *   &#64;Test
 *   void aMisspeltKeyStopsTheStart(QuarkusMainLauncher launcher) {
 *     UnknownKeys.assertRefused(launcher, new Misspelt().key());
 *   }
 * }
 * </pre>
 *
 * <p>The application is started as {@code java -jar} would start it (its main, in this JVM), with
 * the module's other test resources; it must end with a non-zero exit code and an error naming the
 * key.
 */
public final class UnknownKeys {

  private UnknownKeys() {}

  /**
   * A test profile adding one key that no mapping declares; subclass it with a no-arg constructor.
   */
  public abstract static class Profile implements QuarkusTestProfile {
    private final String key;

    protected Profile(String key) {
      this.key = key;
    }

    /** The unknown key. */
    public String key() {
      return key;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(key, "1");
    }
  }

  /**
   * Starts the application and checks that it refused to start because of {@code key}.
   *
   * @throws AssertionError when it started, or failed for another reason
   */
  public static void assertRefused(QuarkusMainLauncher launcher, String key) {
    LaunchResult result = launcher.launch();
    String output = result.getOutput() + "\n" + result.getErrorOutput();
    if (result.exitCode() == 0) {
      throw new AssertionError("the application started despite the unknown key " + key);
    }
    if (!output.contains(key) || !output.contains("does not map to any root")) {
      throw new AssertionError(
          "the application did not start (exit code "
              + result.exitCode()
              + "), but not because of the unknown key "
              + key
              + ":\n"
              + output);
    }
  }
}
