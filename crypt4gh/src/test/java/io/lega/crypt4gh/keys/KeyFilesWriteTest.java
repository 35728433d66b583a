package io.lega.crypt4gh.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lega.crypt4gh.kdf.Kdf;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesWriteTest {
  @TempDir Path dir;

  @Test
  void privateKeyFileIsOwnerOnlyAndReadsBack() throws Exception {
    Path file = dir.resolve("key.sec");
    Crypt4ghPrivateKey key = Crypt4ghPrivateKey.generate();
    KeyFiles.writePrivateKey(
        file, key, KeyProtection.withPassphrase(Kdf.SCRYPT, "pw".toCharArray()), "me", false);

    assertThat(KeyFiles.readPrivateKey(file, PassphraseSupplier.of("pw")).secretBytes())
        .isEqualTo(key.secretBytes());
    assertOwnerOnly(file);
  }

  @Test
  void overwritingAPrivateKeyRestrictsTheNewFileToo() throws Exception {
    Path file = dir.resolve("key.sec");
    Files.writeString(file, "old");
    if (supportsPosix()) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
    Crypt4ghPrivateKey key = Crypt4ghPrivateKey.generate();

    assertThatThrownBy(() -> KeyFiles.writePrivateKey(file, key, KeyProtection.none(), null, false))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(file)).isEqualTo("old");

    KeyFiles.writePrivateKey(file, key, KeyProtection.none(), null, true);
    assertThat(KeyFiles.readPrivateKey(file, null).secretBytes()).isEqualTo(key.secretBytes());
    assertOwnerOnly(file);
  }

  @Test
  void publicKeyFileReadsBackAndIsNotOverwrittenUnlessAsked() throws Exception {
    Path file = dir.resolve("key.pub");
    Crypt4ghPublicKey first = Crypt4ghPrivateKey.generate().publicKey();
    Crypt4ghPublicKey second = Crypt4ghPrivateKey.generate().publicKey();

    KeyFiles.writePublicKey(file, first, false);
    assertThat(KeyFiles.readPublicKey(file)).isEqualTo(first);
    assertThat(Files.readString(file)).isEqualTo(KeyFiles.publicKeyPem(first));

    assertThatThrownBy(() -> KeyFiles.writePublicKey(file, second, false))
        .isInstanceOf(FileAlreadyExistsException.class);
    KeyFiles.writePublicKey(file, second, true);
    assertThat(KeyFiles.readPublicKey(file)).isEqualTo(second);
  }

  private void assertOwnerOnly(Path file) throws Exception {
    assumeTrue(supportsPosix(), "no POSIX permissions on this file system");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  private boolean supportsPosix() {
    return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
