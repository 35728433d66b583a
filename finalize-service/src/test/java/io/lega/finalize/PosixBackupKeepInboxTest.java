package io.lega.finalize;

import static io.lega.finalize.testing.NodeFiles.accession;
import static io.lega.finalize.testing.NodeFiles.accessionId;
import static org.assertj.core.api.Assertions.assertThat;

import io.lega.finalize.config.FinalizeConfig;
import io.lega.finalize.testing.FinalizeBus;
import io.lega.finalize.testing.FinalizeEnvironment;
import io.lega.finalize.testing.NodeFiles;
import io.lega.finalize.testing.NodeFiles.Prepared;
import io.lega.node.store.FileRepository;
import io.lega.node.store.model.FileEntity;
import io.lega.node.store.model.FileState;
import io.lega.node.worker.StorageGroup;
import io.lega.platform.storage.Storage;
import io.lega.platform.storage.Storages;
import io.lega.testsupport.NodeBus;
import io.lega.testsupport.quarkus.AmqpBrokerResource;
import io.lega.testsupport.quarkus.PostgresResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Backup on a POSIX folder, inbox files kept ({@code lega.finalize.remove-from-inbox=false}). */
@QuarkusTest
@TestProfile(PosixBackupKeepInboxTest.Profile.class)
class PosixBackupKeepInboxTest {

  /** Its own resources: the backup on POSIX. */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("lega.finalize.remove-from-inbox", "false");
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(
          new TestResourceEntry(PostgresResource.class),
          new TestResourceEntry(AmqpBrokerResource.class),
          new TestResourceEntry(FinalizeEnvironment.class, Map.of("backup", "posix")));
    }

    @Override
    public boolean disableGlobalTestResources() {
      return true;
    }
  }

  @Inject FinalizeConfig config;
  @Inject FileRepository files;

  @Test
  void theBackupGoesToTheFolderAndTheInboxFileStays() throws Exception {
    Path backupRoot = config.backup().posix().root().orElseThrow();
    try (Storage archive =
            Storages.create(StorageGroup.settings(config.archive(), "lega.archive"));
        NodeBus bus = FinalizeBus.open(config.broker())) {
      NodeFiles node =
          new NodeFiles(files, archive, config.inboxStorage().posix().root().orElseThrow());
      Prepared file = node.verified();
      String accessionId = accessionId();

      bus.publish("accession", accession(file, accessionId), file.id());

      bus.toHub("files.completed", file.id(), Duration.ofSeconds(30));
      FileEntity stored = node.file(file.id());
      assertThat(stored.state).isEqualTo(FileState.READY);
      assertThat(stored.backupLocation).isEqualTo(file.id().toString());
      assertThat(Files.readAllBytes(backupRoot.resolve(file.id().toString())))
          .isEqualTo(file.body());
      assertThat(Files.readAllBytes(backupRoot.resolve(file.id() + ".header")))
          .isEqualTo(file.header());
      assertThat(file.inboxFile()).exists();
    }
  }
}
