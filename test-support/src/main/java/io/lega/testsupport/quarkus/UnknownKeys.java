package io.lega.testsupport.quarkus;

import io.quarkus.runtime.Quarkus;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

  /** How long a refused start may take; an application still running then has started. */
  public static final Duration STARTED_AFTER = Duration.ofSeconds(90);

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
    LaunchResult result = launch(launcher, key);
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

  /**
   * Launches on a thread of its own: an application that starts runs until it is told to exit, so
   * after {@link #STARTED_AFTER} it is told to, and the check fails.
   */
  private static LaunchResult launch(QuarkusMainLauncher launcher, String key) {
    FutureTask<LaunchResult> launch = new FutureTask<>(launcher::launch);
    Thread thread = new Thread(launch, "unknown-key-launch");
    thread.setDaemon(true);
    thread.start();
    try {
      return launch.get(STARTED_AFTER.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      Quarkus.asyncExit(1);
      try {
        launch.get(60, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // it failed already
      }
      throw new AssertionError(
          "the application was still running after "
              + STARTED_AFTER
              + " despite the unknown key "
              + key);
    } catch (ExecutionException e) {
      throw new AssertionError("the launch failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
