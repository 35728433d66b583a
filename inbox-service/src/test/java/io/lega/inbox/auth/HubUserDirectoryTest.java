package io.lega.inbox.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.lega.inbox.testing.FakeHub;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HubUserDirectoryTest {

  private static final String KEY =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBIEW2TJtlmC/Ncy1qhzi7pzmZUQhONjBHapn4kFqr3i test";

  private final FakeHub hub = new FakeHub("the-token");
  private final MutableClock clock = new MutableClock();

  @AfterEach
  void stopHub() {
    hub.close();
  }

  private HubUserDirectory directory(URI url, String token) {
    return new HubUserDirectory(
        url, token, Duration.ofSeconds(60), Duration.ofMinutes(15), Duration.ofSeconds(2), clock);
  }

  @Test
  void readsTheHubsFieldsWithTheBearerToken() {
    hub.putUser("alice", true, "pw", List.of(KEY), List.of("submitter", "researcher"));

    HubUser alice = directory(hub.url(), "the-token").find("alice").orElseThrow();

    assertThat(alice.username()).isEqualTo("alice");
    assertThat(alice.enabled()).isTrue();
    assertThat(alice.passwordHash()).startsWith("$2b$04$");
    assertThat(alice.sshPublicKeys()).containsExactly(KEY);
    assertThat(alice.roles()).containsExactlyInAnyOrder("submitter", "researcher");
    assertThat(alice.toString()).doesNotContain("$2b$");
  }

  @Test
  void wrongTokenFindsNobody() {
    hub.putUser("alice", true, "pw", List.of(), List.of("submitter"));

    assertThat(directory(hub.url(), "not-the-token").find("alice")).isEmpty();
  }

  @Test
  void cachedUserIsUsedWithinTheTtlWithoutAskingTheHub() {
    hub.putUser("alice", true, "pw", List.of(), List.of("submitter"));
    HubUserDirectory directory = directory(hub.url(), "the-token");
    directory.find("alice");
    int asked = hub.requests();

    hub.putUser("alice", false, "pw", List.of(), List.of("submitter"));
    clock.advance(Duration.ofSeconds(59));

    assertThat(directory.find("alice").orElseThrow().enabled()).isTrue();
    assertThat(hub.requests()).isEqualTo(asked);
  }

  @Test
  void disabledAtTheHubIsRefusedAfterTheTtlEvenIfCachedEnabled() {
    hub.putUser("alice", true, "pw", List.of(), List.of("submitter"));
    HubUserDirectory directory = directory(hub.url(), "the-token");
    directory.find("alice");

    hub.putUser("alice", false, "pw", List.of(), List.of("submitter"));
    clock.advance(Duration.ofSeconds(61));

    assertThat(directory.find("alice").orElseThrow().enabled()).isFalse();
    // The definite answer replaced the cached one: the hub going away now changes nothing.
    hub.setFailing(true);
    clock.advance(Duration.ofSeconds(61));
    assertThat(directory.find("alice").orElseThrow().enabled()).isFalse();
  }

  @Test
  void userRemovedFromTheHubIsForgotten() {
    hub.putUser("alice", true, "pw", List.of(), List.of("submitter"));
    HubUserDirectory directory = directory(hub.url(), "the-token");
    directory.find("alice");

    hub.removeUser("alice");
    clock.advance(Duration.ofSeconds(61));
    assertThat(directory.find("alice")).isEmpty();

    hub.setFailing(true);
    assertThat(directory.find("alice")).isEmpty();
  }

  @Test
  void hubDownUsesARecentCachedUser() {
    hub.putUser("alice", true, "pw", List.of(), List.of("submitter"));
    HubUserDirectory directory = directory(hub.url(), "the-token");
    directory.find("alice");

    hub.setFailing(true);
    clock.advance(Duration.ofMinutes(10));
    assertThat(directory.find("alice")).isPresent();

    clock.advance(Duration.ofMinutes(6));
    assertThat(directory.find("alice")).isEmpty();
  }

  @Test
  void hubUnreachableWithoutCacheRefuses() {
    URI nowhere = hub.url();
    hub.close();

    assertThat(directory(nowhere, "the-token").find("alice")).isEmpty();
  }

  @Test
  void pathLikeNamesAreNeverLookedUp() {
    HubUserDirectory directory = directory(hub.url(), "the-token");

    for (String name : List.of("..", "../bob", "a/b", "", " alice", ".hidden", "a\nb")) {
      assertThat(directory.find(name)).as(name).isEmpty();
    }
    assertThat(hub.requests()).isZero();
  }

  @Test
  void authenticatorChecksRolesAndEnabled() {
    hub.putUser("alice", true, "pw", List.of(), List.of("submitter"));
    hub.putUser("rita", true, "pw", List.of(), List.of("researcher"));
    hub.putUser("dora", false, "pw", List.of(), List.of("submitter"));
    HubUserDirectory directory = directory(hub.url(), "the-token");

    HubAuthenticator submitters = new HubAuthenticator(directory, Set.of("submitter"));
    HubAuthenticator anyone = new HubAuthenticator(directory, Set.of(HubAuthenticator.ANY_ROLE));

    assertThat(submitters.authenticate("alice", "pw", null)).isTrue();
    assertThat(submitters.authenticate("alice", "wrong", null)).isFalse();
    assertThat(submitters.authenticate("rita", "pw", null)).isFalse();
    assertThat(anyone.authenticate("rita", "pw", null)).isTrue();
    assertThat(anyone.authenticate("dora", "pw", null)).isFalse();
  }

  /** A clock the test moves by hand. */
  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2025-01-01T00:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
