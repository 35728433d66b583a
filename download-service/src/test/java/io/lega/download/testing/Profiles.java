package io.lega.download.testing;

import io.lega.testsupport.quarkus.AmqpBrokerResource;
import io.lega.testsupport.quarkus.PostgresResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The two archives the download tests run against. */
public final class Profiles {

  private Profiles() {}

  /** The archive in a bucket of the embedded s3proxy. */
  public static class S3Archive implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return resources("s3");
    }

    @Override
    public boolean disableGlobalTestResources() {
      return true;
    }
  }

  /** The archive in a folder, and plaintext delivery switched on. */
  public static class PosixArchive implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("lega.download.plaintext.enabled", "true");
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return resources("posix");
    }

    @Override
    public boolean disableGlobalTestResources() {
      return true;
    }
  }

  private static List<QuarkusTestProfile.TestResourceEntry> resources(String archive) {
    return List.of(
        new QuarkusTestProfile.TestResourceEntry(PostgresResource.class),
        new QuarkusTestProfile.TestResourceEntry(AmqpBrokerResource.class),
        new QuarkusTestProfile.TestResourceEntry(
            DownloadEnvironment.class, Map.of("archive", archive)));
  }
}
