package io.lega.node.store;

import static io.lega.node.store.Blocking.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.lega.testsupport.quarkus.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link RevocationRepository} and {@link NodeStore}'s blocking edge to it. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class RevocationRepositoryTest {

  @Inject RevocationRepository revocations;

  @Inject NodeStore store;

  @Test
  void aRevocationIsRecordedOnceAndLiftedByAGrant() throws Throwable {
    String user = Fixtures.user();
    String dataset = Fixtures.datasetId();
    String other = Fixtures.datasetId();
    Instant before = Instant.now().minusSeconds(1);

    assertThat(await(() -> revocations.revoke(user, dataset, "{\"type\":\"permission.deleted\"}")))
        .isTrue();
    Instant first = await(() -> revocations.revokedAt(user, List.of(dataset))).get(dataset);
    assertThat(first).isAfter(before);
    // a redelivery keeps the first time
    assertThat(await(() -> revocations.revoke(user, dataset, null))).isFalse();
    assertThat(await(() -> revocations.revokedAt(user, List.of(dataset, other))))
        .isEqualTo(Map.of(dataset, first));
    // another user, another dataset: untouched
    assertThat(await(() -> revocations.revokedAt(Fixtures.user(), List.of(dataset)))).isEmpty();

    assertThat(await(() -> revocations.lift(user, dataset))).isTrue();
    assertThat(await(() -> revocations.lift(user, dataset))).isFalse();
    assertThat(await(() -> revocations.revokedAt(user, List.of(dataset)))).isEmpty();
    assertThat(await(() -> revocations.revokedAt(user, List.of()))).isEmpty();
  }

  @Test
  void theBlockingEdgeRevokesAndLifts() throws Throwable {
    String user = Fixtures.user();
    String dataset = Fixtures.datasetId();

    assertThat(store.revoke(user, dataset, null)).isTrue();
    assertThat(store.revoke(user, dataset, null)).isFalse();
    assertThat(await(() -> revocations.revokedAt(user, List.of(dataset)))).containsKey(dataset);
    assertThat(store.liftRevocation(user, dataset)).isTrue();
    assertThat(store.liftRevocation(user, dataset)).isFalse();
  }
}
