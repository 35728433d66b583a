package io.lega.node.store;

import static io.lega.node.store.Blocking.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lega.node.store.model.Crypt4ghKeyEntity;
import io.lega.node.store.model.KeyPurpose;
import io.lega.testsupport.quarkus.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** {@link KeyRegistryRepository}: the node's public keys. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class KeyRegistryRepositoryTest {

  @Inject KeyRegistryRepository keys;

  @Test
  void registerOnceAndListActive() throws Throwable {
    String key = Fixtures.sha256();

    Crypt4ghKeyEntity stored =
        await(
            () ->
                keys.register(
                    key.toUpperCase(Locale.ROOT), KeyPurpose.ARCHIVE, "archive key 2025"));
    Crypt4ghKeyEntity again = await(() -> keys.register(key, KeyPurpose.ARCHIVE, "other text"));

    assertThat(stored.publicKeyHex).isEqualTo(key);
    assertThat(stored.purpose).isEqualTo(KeyPurpose.ARCHIVE);
    assertThat(stored.description).isEqualTo("archive key 2025");
    assertThat(stored.createdAt).isNotNull();
    assertThat(stored.deprecatedAt).isNull();
    assertThat(again.description).isEqualTo("archive key 2025");
    assertThat(await(() -> keys.active(KeyPurpose.ARCHIVE)))
        .extracting(k -> k.publicKeyHex)
        .contains(key);
    assertThat(await(() -> keys.active(KeyPurpose.SUBMISSION)))
        .extracting(k -> k.publicKeyHex)
        .doesNotContain(key);
  }

  @Test
  void aKeyHasOnePurpose() throws Throwable {
    String key = Fixtures.sha256();
    await(() -> keys.register(key, KeyPurpose.SUBMISSION, null));

    assertThatThrownBy(() -> await(() -> keys.register(key, KeyPurpose.ARCHIVE, null)))
        .isInstanceOfSatisfying(
            KeyPurposeConflictException.class,
            e -> {
              assertThat(e.publicKeyHex()).isEqualTo(key);
              assertThat(e.stored()).isEqualTo(KeyPurpose.SUBMISSION);
            });
  }

  @Test
  void aDeprecatedKeyIsNoLongerActive() throws Throwable {
    String key = Fixtures.sha256();
    await(() -> keys.register(key, KeyPurpose.SUBMISSION, null));

    assertThat(await(() -> keys.deprecate(key))).isTrue();
    assertThat(await(() -> keys.deprecate(key))).isFalse();
    assertThat(await(() -> keys.deprecate(Fixtures.sha256()))).isFalse();

    assertThat(await(() -> keys.active(KeyPurpose.SUBMISSION)))
        .extracting(k -> k.publicKeyHex)
        .doesNotContain(key);
    assertThat(await(() -> keys.register(key, KeyPurpose.SUBMISSION, null)).deprecatedAt)
        .isNotNull();
  }

  @Test
  void onlyThirtyTwoByteKeysInHex() {
    assertThatThrownBy(() -> await(() -> keys.register("abc", KeyPurpose.ARCHIVE, null)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> await(() -> keys.register("g".repeat(64), KeyPurpose.ARCHIVE, null)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
