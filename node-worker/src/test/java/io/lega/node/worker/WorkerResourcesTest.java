package io.lega.node.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lega.platform.storage.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerResourcesTest {

  @TempDir Path dir;

  private static StorageGroup posix(Optional<Path> root, boolean createRoot) {
    StorageGroup.Posix posix =
        new StorageGroup.Posix() {
          @Override
          public Optional<Path> root() {
            return root;
          }

          @Override
          public boolean createRoot() {
            return createRoot;
          }
        };
    return new StorageGroup() {
      @Override
      public Type type() {
        return Type.POSIX;
      }

      @Override
      public Posix posix() {
        return posix;
      }

      @Override
      public S3 s3() {
        throw new UnsupportedOperationException();
      }
    };
  }

  @Test
  void closesInTheReverseOrderAndGoesOnPastFailures() {
    List<String> closed = new ArrayList<>();
    WorkerResources resources = new WorkerResources();
    resources.closeAtEnd("first", () -> closed.add("first"));
    resources.closeAtEnd(
        "failing",
        () -> {
          closed.add("failing");
          throw new IllegalStateException("boom");
        });
    resources.closeAtEnd("last", () -> closed.add("last"));

    resources.close();

    assertThat(closed).containsExactly("last", "failing", "first");
    resources.close();
    assertThat(closed).hasSize(3);
  }

  @Test
  void opensAPosixStorageAndHasNoBrokerBeforeTheStart() {
    WorkerResources resources = new WorkerResources();
    Path root = dir.resolve("archive");

    Storage storage = resources.openStorage(posix(Optional.of(root), true), "lega.archive");

    assertThat(storage).isNotNull();
    assertThat(Files.isDirectory(root)).isTrue();
    assertThat(resources.broker()).isEmpty();
    resources.close();
  }

  @Test
  void aMissingKeyNamesIt() {
    WorkerResources resources = new WorkerResources();

    assertThatThrownBy(() -> resources.openStorage(posix(Optional.empty(), true), "lega.archive"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lega.archive.posix.root");
  }
}
