package io.lega.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PosixStorageTest extends StorageContractTest {
  @TempDir Path temp;

  Path root;

  @Override
  protected Storage openStorage() throws Exception {
    root = temp.resolve("root");
    return PosixStorage.open(PosixSettings.of(root));
  }

  @Override
  protected long bytesHandedOff() throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).mapToLong(PosixStorageTest::size).sum();
    }
  }

  @Override
  protected long maxBufferedWhileWriting() {
    return MIB;
  }

  @Test
  void largeObjectsOfEveryAlignmentRoundTrip() throws IOException {
    // a megabyte or more goes through direct I/O, with its unaligned tail written ordinarily
    for (long size :
        List.of(MIB - 1L, (long) MIB, MIB + 1L, 2L * MIB - 1, 3L * MIB + 4095, 4L * MIB + 4096)) {
      GeneratedStream source = new GeneratedStream(size, size);
      assertThat(storage.write("big-" + size, source)).isEqualTo(size);

      assertThat(Files.size(root.resolve("big-" + size))).isEqualTo(size);
      assertThat(GeneratedStream.digestOf(storage.read("big-" + size)))
          .as("%d bytes read whole", size)
          .isEqualTo(new GeneratedStream.Content(size, source.sha256Hex()));
      byte[] whole = Files.readAllBytes(root.resolve("big-" + size));
      try (java.io.InputStream range = storage.read("big-" + size, size - 5000, size)) {
        assertThat(range.readAllBytes())
            .isEqualTo(java.util.Arrays.copyOfRange(whole, (int) size - 5000, (int) size));
      }
    }
    assertThat(filesUnderRoot()).hasSize(6);
  }

  @Test
  void objectsAreFilesUnderTheRoot() throws IOException {
    storage.write("a/b/c.c4gh", bytes("body"));

    assertThat(root.resolve("a/b/c.c4gh")).hasContent("body");
    assertThat(filesUnderRoot()).containsExactly("a/b/c.c4gh");
  }

  @Test
  void aFailedWriteLeavesNoTemporaryFile() throws IOException {
    storage.write("dir/existing", bytes("x"));
    IOException boom = new IOException("broken");

    assertThatThrownBy(
            () -> storage.write("dir/new", new GeneratedStream(1, 2 * MIB).failingAfter(MIB, boom)))
        .isSameAs(boom);

    assertThat(filesUnderRoot()).containsExactly("dir/existing");
  }

  @Test
  void aDirectoryIsNotAnObject() throws IOException {
    storage.write("d/inner", bytes("x"));

    assertThat(storage.stat("d")).isEmpty();
    assertThatThrownBy(() -> storage.read("d")).isInstanceOf(NoSuchObjectException.class);
    storage.delete("d");
    assertThat(root.resolve("d/inner")).exists();
  }

  @Test
  void anObjectCannotBeADirectoryOfOthers() throws IOException {
    storage.write("file", bytes("x"));

    assertThat(storage.stat("file/below")).isEmpty();
    assertThatThrownBy(() -> storage.read("file/below")).isInstanceOf(NoSuchObjectException.class);
    storage.delete("file/below");
    assertThatThrownBy(() -> storage.write("file/below", bytes("y")))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("file/below")
        .hasMessageContaining("not a directory");
    assertThat(readString("file")).isEqualTo("x");
  }

  @Test
  void aDirectorySymlinkLeadingOutIsRefused() throws IOException {
    Path outside = Files.createDirectories(temp.resolve("outside"));
    Files.writeString(outside.resolve("secret"), "secret");
    Files.createSymbolicLink(root.resolve("escape"), outside);

    assertEscapeRefused(() -> storage.read("escape/secret"));
    assertEscapeRefused(() -> storage.read("escape/secret", 0, 3));
    assertEscapeRefused(() -> storage.stat("escape/secret"));
    assertEscapeRefused(() -> storage.write("escape/planted", bytes("x")));
    assertEscapeRefused(() -> storage.write("escape/deeper/planted", bytes("x")));
    assertEscapeRefused(() -> storage.delete("escape/secret"));

    assertThat(outside.resolve("secret")).hasContent("secret");
    assertThat(outside.resolve("planted")).doesNotExist();
    assertThat(outside.resolve("deeper")).doesNotExist();
  }

  @Test
  void aFileSymlinkLeadingOutIsRefused() throws IOException {
    Path secret = Files.writeString(temp.resolve("secret"), "secret");
    Files.createSymbolicLink(root.resolve("link"), secret);

    assertEscapeRefused(() -> storage.read("link"));
    assertEscapeRefused(() -> storage.stat("link"));
    assertEscapeRefused(() -> storage.write("link", bytes("overwritten")));

    assertThat(secret).hasContent("secret");
  }

  @Test
  void aDanglingSymlinkIsReplacedNotFollowed() throws IOException {
    Path target = temp.resolve("would-be-created");
    Files.createSymbolicLink(root.resolve("dangling"), target);

    assertThat(storage.stat("dangling")).isEmpty();
    assertThatThrownBy(() -> storage.read("dangling")).isInstanceOf(NoSuchObjectException.class);
    storage.write("dangling", bytes("inside"));

    assertThat(target).doesNotExist();
    assertThat(Files.isSymbolicLink(root.resolve("dangling"))).isFalse();
    assertThat(readString("dangling")).isEqualTo("inside");
  }

  @Test
  void symlinksInsideTheRootAreFollowed() throws IOException {
    storage.write("real/object", bytes("content"));
    Files.createSymbolicLink(root.resolve("alias"), root.resolve("real"));

    assertThat(readString("alias/object")).isEqualTo("content");
  }

  @Test
  void theRootIsCreatedOrRequired() throws IOException {
    Path missing = temp.resolve("missing/root");

    assertThatThrownBy(() -> PosixStorage.open(new PosixSettings(missing, false)))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(missing.toString());
    try (PosixStorage created = PosixStorage.open(new PosixSettings(missing, true))) {
      assertThat(created.root()).isDirectory();
    }
  }

  @Test
  void aRootThatIsAFileIsRefused() throws IOException {
    Path file = Files.writeString(temp.resolve("plain-file"), "x");

    assertThatThrownBy(() -> PosixStorage.open(PosixSettings.of(file)))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void statHasNoEtag() throws IOException {
    storage.write("no-etag", bytes("x"));

    assertThat(storage.stat("no-etag").orElseThrow().etag()).isEmpty();
  }

  @Test
  void theFactoryOpensAPosixStorage() throws IOException {
    try (Storage made = Storages.create(PosixSettings.of(temp.resolve("made")))) {
      assertThat(made).isInstanceOf(PosixStorage.class);
      made.write("x", bytes("y"));
      assertThat(temp.resolve("made/x")).hasContent("y");
    }
  }

  @Test
  void copyStreamsAnObjectToAnotherStorage() throws IOException {
    GeneratedStream source = new GeneratedStream(9, 3L * MIB + 5);
    storage.write("to/copy", source);

    try (Storage backup = PosixStorage.open(PosixSettings.of(temp.resolve("backup")))) {
      assertThat(Storages.copy(storage, backup, "to/copy")).isEqualTo(3L * MIB + 5);

      assertThat(GeneratedStream.digestOf(backup.read("to/copy")).sha256())
          .isEqualTo(source.sha256Hex());
      assertThatThrownBy(() -> Storages.copy(storage, backup, "absent"))
          .isInstanceOf(NoSuchObjectException.class);
      assertThat(backup.exists("absent")).isFalse();
    }
  }

  private void assertEscapeRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(StorageException.class)
        .isNotInstanceOf(NoSuchObjectException.class)
        .hasMessageContaining("outside the storage root");
  }

  private List<String> filesUnderRoot() throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString())
          .sorted()
          .collect(Collectors.toList());
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      // a temporary file renamed away between listing and sizing
      if (!Files.exists(file)) {
        return 0;
      }
      throw new UncheckedIOException(e);
    }
  }
}
