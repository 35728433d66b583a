package io.lega.platform.storage;

import static io.lega.platform.storage.S3TestSettings.withTrustedCertificates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTrustTest {

  @Test
  void trustsExactlyTheCertificatesInThePemFile() throws Exception {
    TlsTrust trust = TlsTrust.fromPem(resource("test-ca.pem"));

    assertThat(trust.trustManager().getAcceptedIssuers())
        .singleElement()
        .satisfies(
            ca -> assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=lega-test-ca"));
    assertThat(trust.socketFactory()).isNotNull();
  }

  @Test
  void aFileWithoutCertificatesIsAStorageError(@TempDir Path temp) throws IOException {
    Path empty = Files.writeString(temp.resolve("empty.pem"), "");
    Path garbage =
        Files.writeString(temp.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\nxx");

    assertThatThrownBy(() -> TlsTrust.fromPem(empty))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(empty.toString());
    assertThatThrownBy(() -> TlsTrust.fromPem(garbage))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(garbage.toString());
    assertThatThrownBy(() -> TlsTrust.fromPem(temp.resolve("missing.pem")))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("missing.pem");
  }

  @Test
  void s3SettingsWithUnreadableCertificatesFailAtOpen(@TempDir Path temp) {
    S3Settings settings =
        withTrustedCertificates(
            S3Settings.of("https://127.0.0.1:1", "a", "s", "archive"), temp.resolve("nope.pem"));

    assertThatThrownBy(() -> S3Storage.open(settings))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("nope.pem");
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(TlsTrustTest.class.getResource(name).toURI());
  }
}
