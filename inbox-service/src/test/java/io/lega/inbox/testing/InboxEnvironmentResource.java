package io.lega.inbox.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a {@code @QuarkusTest} of the inbox needs besides the broker: a {@link FakeHub} and fresh
 * folders (users' inboxes, host key, client files) under one temporary folder, deleted at stop.
 * Returns {@code lega.inbox.hub.url}, {@code lega.inbox.hub.token}, {@code lega.inbox.storage.root}
 * and {@code lega.inbox.sftp.host-key-path}; injects itself into fields annotated {@link Inject}.
 */
public class InboxEnvironmentResource implements QuarkusTestResourceLifecycleManager {

  /** Marks the test's field that receives the environment. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.FIELD)
  public @interface Inject {}

  private Path dir;
  private FakeHub hub;

  @Override
  public Map<String, String> start() {
    try {
      dir = Files.createTempDirectory("inbox-quarkus-test");
      Files.createDirectories(clientDir());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    hub = new FakeHub(InboxFixture.TOKEN);
    return Map.of(
        "lega.inbox.hub.url", hub.url().toString(),
        "lega.inbox.hub.token", InboxFixture.TOKEN,
        "lega.inbox.storage.root", inboxRoot().toString(),
        "lega.inbox.sftp.host-key-path", dir.resolve("keys/ssh_host_key").toString());
  }

  @Override
  public void inject(TestInjector testInjector) {
    testInjector.injectIntoFields(
        this,
        new TestInjector.AnnotatedAndMatchesType(Inject.class, InboxEnvironmentResource.class));
  }

  public FakeHub hub() {
    return hub;
  }

  /** The users' folders, as the application sees them. */
  public Path inboxRoot() {
    return dir.resolve("users");
  }

  /** Where the test keeps its keys and files to upload. */
  public Path clientDir() {
    return dir.resolve("client");
  }

  /** A submitter with an ed25519 key (made at the first call for that user); returns the key. */
  public Path submitter(String user) {
    Path key = clientDir().resolve(user + "_key");
    if (!Files.exists(key)) {
      Commands.sshKeygen(clientDir(), user + "_key");
    }
    hub.putUser(
        user,
        true,
        null,
        java.util.List.of(Commands.publicKeyLine(key)),
        java.util.List.of("submitter"));
    return key;
  }

  @Override
  public void stop() {
    if (hub != null) {
      hub.close();
    }
    if (dir != null) {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
