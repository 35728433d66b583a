package io.lega.finalize.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.lega.finalize.service.InboxCleaner.Outcome;
import io.lega.node.store.model.FileEntity;
import io.lega.platform.storage.PosixSettings;
import io.lega.platform.storage.PosixStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link InboxCleaner}: removes the ingested upload only. */
class InboxCleanerTest {

  static final Instant MODIFIED = Instant.parse("2026-01-02T03:04:05Z");

  @TempDir Path root;

  @Test
  void removesTheUploadThatWasIngestedOnce() throws Exception {
    Path upload = upload("alice", "run1/a.c4gh", 100, MODIFIED.plusMillis(700));
    try (PosixStorage inbox = PosixStorage.open(PosixSettings.of(root))) {
      InboxCleaner cleaner = new InboxCleaner(inbox);

      assertThat(cleaner.remove(file("alice", "run1/a.c4gh", 100L, MODIFIED)))
          .isEqualTo(Outcome.REMOVED);
      assertThat(upload).doesNotExist();
      assertThat(cleaner.remove(file("alice", "run1/a.c4gh", 100L, MODIFIED)))
          .isEqualTo(Outcome.ABSENT);
    }
  }

  @Test
  void keepsAFileOfAnotherSizeOrTime() throws Exception {
    Path resized = upload("bob", "b.c4gh", 99, MODIFIED);
    Path touched = upload("bob", "c.c4gh", 100, MODIFIED.plusSeconds(60));
    try (PosixStorage inbox = PosixStorage.open(PosixSettings.of(root))) {
      InboxCleaner cleaner = new InboxCleaner(inbox);

      assertThat(cleaner.remove(file("bob", "b.c4gh", 100L, MODIFIED))).isEqualTo(Outcome.KEPT);
      assertThat(cleaner.remove(file("bob", "c.c4gh", 100L, MODIFIED))).isEqualTo(Outcome.KEPT);
      assertThat(cleaner.remove(file("bob", "c.c4gh", null, null))).isEqualTo(Outcome.KEPT);
      assertThat(resized).exists();
      assertThat(touched).exists();
    }
  }

  @Test
  void aSizeAloneIsEnoughWhenNoTimeWasRecorded() throws Exception {
    Path upload = upload("carol", "d.c4gh", 5, MODIFIED);
    try (PosixStorage inbox = PosixStorage.open(PosixSettings.of(root))) {
      assertThat(new InboxCleaner(inbox).remove(file("carol", "/d.c4gh", 5L, null)))
          .isEqualTo(Outcome.REMOVED);
      assertThat(upload).doesNotExist();
    }
  }

  private Path upload(String user, String path, int size, Instant modified) throws Exception {
    Path file = root.resolve(user).resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[size]);
    Files.setLastModifiedTime(file, FileTime.from(modified));
    return file;
  }

  private static FileEntity file(String user, String path, Long size, Instant modified) {
    FileEntity file = new FileEntity();
    file.submissionUser = user;
    file.inboxPath = path;
    file.inboxSize = size;
    file.inboxLastModified = modified;
    return file;
  }
}
