package io.lega.node.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lega.crypt4gh.kdf.Kdf;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.keys.KeyFiles;
import io.lega.crypt4gh.keys.KeyProtection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeKeysTest {

  private static final String SECRET = "correct horse battery staple";

  @TempDir Path dir;

  record Key(Path path, Optional<String> passphrase, Optional<Path> passphraseFile)
      implements KeyGroup {}

  private Crypt4ghPrivateKey written(Path file, String passphrase) throws Exception {
    Crypt4ghPrivateKey key = Crypt4ghPrivateKey.generate();
    KeyProtection protection =
        passphrase == null
            ? KeyProtection.none()
            : KeyProtection.withPassphrase(Kdf.SCRYPT, passphrase.toCharArray());
    KeyFiles.writePrivateKey(file, key, protection, null, false);
    return key;
  }

  @Test
  void loadsAProtectedKeyWithAPassphraseFromConfigOrAFile() throws Exception {
    Path file = dir.resolve("archive.sec");
    Crypt4ghPrivateKey key = written(file, SECRET);
    Path secretFile = dir.resolve("passphrase");
    Files.writeString(secretFile, SECRET + "\n");

    assertThat(
            NodeKeys.privateKey(new Key(file, Optional.of(SECRET), Optional.empty()), "k")
                .publicKey())
        .isEqualTo(key.publicKey());
    assertThat(
            NodeKeys.privateKey(new Key(file, Optional.empty(), Optional.of(secretFile)), "k")
                .publicKey())
        .isEqualTo(key.publicKey());
  }

  @Test
  void aWrongOrMissingPassphraseNamesTheKeyButNeverThePassphrase() throws Exception {
    Path file = dir.resolve("archive.sec");
    written(file, SECRET);

    assertThatThrownBy(
            () ->
                NodeKeys.privateKey(
                    new Key(file, Optional.of("not " + SECRET), Optional.empty()),
                    "lega.keys.archive"))
        .isInstanceOf(NodeKeys.KeyLoadException.class)
        .hasMessageContaining("lega.keys.archive")
        .hasMessageContaining("passphrase")
        .hasMessageNotContaining(SECRET);
    assertThatThrownBy(
            () ->
                NodeKeys.privateKey(
                    new Key(file, Optional.empty(), Optional.empty()), "lega.keys.archive"))
        .isInstanceOf(NodeKeys.KeyLoadException.class)
        .hasMessageContaining("missing or wrong");
  }

  @Test
  void severalKeysLoadInOrderAndNoneIsAnError() throws Exception {
    Path first = dir.resolve("one.sec");
    Path second = dir.resolve("two.sec");
    Crypt4ghPrivateKey one = written(first, SECRET);
    Crypt4ghPrivateKey two = written(second, null);

    List<Crypt4ghPrivateKey> keys =
        NodeKeys.privateKeys(
            List.of(
                new Key(first, Optional.of(SECRET), Optional.empty()),
                new Key(second, Optional.empty(), Optional.empty())),
            "lega.keys.submission");

    assertThat(keys)
        .extracting(Crypt4ghPrivateKey::publicKey)
        .containsExactly(one.publicKey(), two.publicKey());
    assertThatThrownBy(() -> NodeKeys.privateKeys(List.of(), "lega.keys.submission"))
        .isInstanceOf(NodeKeys.KeyLoadException.class)
        .hasMessageContaining("lega.keys.submission[0].path");
  }

  @Test
  void aMissingFileIsAClearError() {
    Path missing = dir.resolve("nope.sec");
    assertThatThrownBy(
            () -> NodeKeys.privateKey(new Key(missing, Optional.empty(), Optional.empty()), "k"))
        .isInstanceOf(NodeKeys.KeyLoadException.class)
        .hasMessageContaining("nope.sec");
    assertThatThrownBy(() -> NodeKeys.publicKey(missing, "lega.keys.archive-public-key"))
        .isInstanceOf(NodeKeys.KeyLoadException.class)
        .hasMessageContaining("lega.keys.archive-public-key");
  }
}
