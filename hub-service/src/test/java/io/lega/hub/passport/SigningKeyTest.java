package io.lega.hub.passport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signing key: made once, read the same at every start, never replaced. */
class SigningKeyTest {

  @TempDir Path directory;

  @Test
  void theKeyIsMadeOnceAndReadTheSameAtTheNextStart() throws Exception {
    Path file = directory.resolve("keys/hub-signing-key.jwk");

    SigningKey first = SigningKey.loadOrCreate(file);
    String written = Files.readString(file);
    SigningKey second = SigningKey.loadOrCreate(file);

    assertThat(second.keyId()).isEqualTo(first.keyId());
    assertThat(second.jwks()).isEqualTo(first.jwks());
    assertThat(Files.readString(file)).isEqualTo(written);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.list(file.getParent())).containsExactly(file);
    PublicJsonWebKey stored = PublicJsonWebKey.Factory.newPublicJwk(written);
    assertThat(stored.getPrivateKey()).isNotNull();
    // the JWKS has the public half only, under the same key id
    JsonWebKeySet jwks = new JsonWebKeySet(first.jwks());
    assertThat(jwks.getJsonWebKeys()).hasSize(1);
    assertThat(jwks.getJsonWebKeys().get(0).getKeyId()).isEqualTo(first.keyId());
    assertThat(jwks.getJsonWebKeys().get(0).getAlgorithm()).isEqualTo("ES256");
    assertThat(first.jwks()).doesNotContain("\"d\"");
    assertThat(first.keyId())
        .isNotEqualTo(SigningKey.loadOrCreate(directory.resolve("other.jwk")).keyId());
  }

  @Test
  void aFileThatIsNoKeyStopsTheStartAndStays() throws Exception {
    Path file = directory.resolve("broken.jwk");
    Files.writeString(file, "{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}");

    assertThatThrownBy(() -> SigningKey.loadOrCreate(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(file.toString());
    assertThat(Files.readString(file)).isEqualTo("{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}");

    Files.writeString(file, "not json");
    assertThatThrownBy(() -> SigningKey.loadOrCreate(file))
        .isInstanceOf(IllegalStateException.class);

    // a public key alone cannot sign
    String publicOnly =
        new JsonWebKeySet(SigningKey.loadOrCreate(directory.resolve("good.jwk")).jwks())
            .getJsonWebKeys()
            .get(0)
            .toJson();
    Files.writeString(file, publicOnly);
    assertThatThrownBy(() -> SigningKey.loadOrCreate(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not a P-256 private key");
  }
}
