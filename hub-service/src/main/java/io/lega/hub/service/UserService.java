package io.lega.hub.service;

import io.lega.hub.repository.SshKeyEntity;
import io.lega.hub.repository.SshKeyRepository;
import io.lega.hub.repository.UniqueViolation;
import io.lega.hub.repository.UserEntity;
import io.lega.hub.repository.UserRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The user directory: register, list, read, change, disable. Users are never deleted, and a
 * username is never reused.
 *
 * <p>Requests are checked ({@link UserInput}), then the password is hashed with bcrypt on a worker
 * thread (it is slow on purpose) before the transaction starts ({@link #insert} and {@link #change}
 * are the transactions; ArC intercepts their calls from within this bean); only the hash is stored.
 * SSH keys are stored with their fingerprints.
 */
@ApplicationScoped
public class UserService {

  private static final Logger LOG = Logger.getLogger(UserService.class);

  private final UserRepository users;
  private final SshKeyRepository keys;
  private final PasswordHasher hasher;
  private final UserInput input;

  public UserService(
      UserRepository users, SshKeyRepository keys, PasswordHasher hasher, UserInput input) {
    this.users = users;
    this.keys = keys;
    this.hasher = hasher;
    this.input = input;
  }

  /**
   * Registers a user.
   *
   * @throws InvalidRequestException (in the Uni) for invalid input
   * @throws DuplicateUserException (in the Uni) if the username is taken
   */
  public Uni<User> create(NewUser request) {
    return Uni.createFrom()
        .item(() -> input.registration(request))
        .flatMap(
            fields ->
                hashed(request.password())
                    .flatMap(hash -> insert(request.username(), fields, hash)))
        .onFailure(UniqueViolation::in)
        .transform(e -> new DuplicateUserException(request.username()));
  }

  /** One page of users, by username. */
  @WithSession
  public Uni<PageOf<User>> list(int page, int size) {
    return users
        .count()
        .flatMap(
            total ->
                users
                    .page(page, size)
                    .flatMap(this::load)
                    .map(items -> new PageOf<>(items, page, size, total)));
  }

  /**
   * The user called {@code username}, enabled or not.
   *
   * @throws NoSuchResourceException (in the Uni) if there is none
   */
  @WithSession
  public Uni<User> find(String username) {
    return existing(username).flatMap(this::load);
  }

  /**
   * Changes a user: every non-null field of {@code changes}.
   *
   * @throws InvalidRequestException (in the Uni) for invalid input
   * @throws NoSuchResourceException (in the Uni) if there is no such user
   */
  public Uni<User> update(String username, UserChanges changes) {
    return Uni.createFrom()
        .item(() -> input.changes(changes))
        .flatMap(
            fields -> hashed(changes.password()).flatMap(hash -> change(username, fields, hash)))
        .invoke(user -> LOG.infof("changed user %s: %s", username, changes));
  }

  /**
   * Enables or disables a user. A disabled user stays in the directory (the inboxes see {@code
   * enabled: false} and refuse them) with their submissions.
   *
   * @throws NoSuchResourceException (in the Uni) if there is no such user
   */
  public Uni<User> setEnabled(String username, boolean enabled) {
    return change(username, UserInput.Fields.enabled(enabled), null)
        .invoke(user -> LOG.infof("%s user %s", enabled ? "enabled" : "disabled", username));
  }

  /** The registration's transaction. */
  @WithTransaction
  Uni<User> insert(String username, UserInput.Fields fields, String passwordHash) {
    return users
        .exists(username)
        .map(exists -> newUser(username, exists))
        .call(user -> apply(user, fields, passwordHash, user.createdAt))
        .call(users::persistAndFlush)
        .call(user -> addKeys(user.id, fields.sshKeys()))
        .flatMap(this::load)
        .invoke(
            user ->
                LOG.infof(
                    "registered user %s (roles %s, %d SSH key(s), password %s)",
                    user.username(),
                    user.roles(),
                    user.sshKeys().size(),
                    user.passwordHash() == null ? "none" : "set"));
  }

  /** A change's transaction. */
  @WithTransaction
  Uni<User> change(String username, UserInput.Fields fields, String passwordHash) {
    return existing(username)
        .call(user -> apply(user, fields, passwordHash, Timestamps.now()))
        .flatMap(this::load);
  }

  private static UserEntity newUser(String username, boolean taken) {
    if (taken) {
      throw new DuplicateUserException(username);
    }
    UserEntity user = new UserEntity();
    user.username = username;
    user.createdAt = Timestamps.now();
    return user;
  }

  private Uni<UserEntity> existing(String username) {
    return users
        .findByUsername(username)
        .onItem()
        .ifNull()
        .failWith(() -> new NoSuchResourceException("no user called '" + username + "'"));
  }

  /** Sets every non-null field; the keys of a user already stored are replaced. */
  private Uni<Void> apply(
      UserEntity user, UserInput.Fields fields, String passwordHash, Instant now) {
    if (fields.email() != null) {
      user.email = fields.email();
    }
    if (passwordHash != null) {
      user.passwordHash = passwordHash;
    }
    if (fields.roles() != null) {
      user.roles = fields.roles().toArray(String[]::new);
    }
    if (fields.enabled() != null) {
      user.enabled = fields.enabled();
    }
    if (fields.ingestOnUpload() != null) {
      user.ingestOnUpload = fields.ingestOnUpload().stored();
    }
    user.updatedAt = now;
    return user.id == null || fields.sshKeys() == null
        ? Uni.createFrom().voidItem()
        : replaceKeys(user.id, fields.sshKeys());
  }

  /** Makes the user's keys {@code wanted}: keeps the ones already there, by fingerprint. */
  private Uni<Void> replaceKeys(long userId, List<SshPublicKey> wanted) {
    return keys.ofUser(userId)
        .flatMap(
            existing -> {
              Map<String, SshPublicKey> toAdd = new LinkedHashMap<>();
              wanted.forEach(key -> toAdd.put(key.fingerprint(), key));
              Uni<Void> work = Uni.createFrom().voidItem();
              for (SshKeyEntity stored : existing) {
                SshPublicKey kept = toAdd.remove(stored.fingerprint);
                if (kept == null) {
                  work = work.call(() -> keys.delete(stored));
                } else {
                  stored.publicKey = kept.line(); // the comment may have changed
                }
              }
              return work.call(() -> addKeys(userId, List.copyOf(toAdd.values())));
            });
  }

  private Uni<Void> addKeys(long userId, List<SshPublicKey> sshKeys) {
    if (sshKeys.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    Instant now = Timestamps.now();
    List<SshKeyEntity> rows = new ArrayList<>();
    for (SshPublicKey key : sshKeys) {
      SshKeyEntity row = new SshKeyEntity();
      row.userId = userId;
      row.keyType = key.type();
      row.publicKey = key.line();
      row.fingerprint = key.fingerprint();
      row.createdAt = now;
      rows.add(row);
    }
    return keys.persist(rows);
  }

  private Uni<User> load(UserEntity user) {
    return keys.flush().replaceWith(keys.ofUser(user.id)).map(stored -> user(user, stored));
  }

  private Uni<List<User>> load(List<UserEntity> page) {
    return keys.ofUsers(page.stream().map(u -> u.id).toList())
        .map(
            stored -> {
              Map<Long, List<SshKeyEntity>> byUser =
                  stored.stream()
                      .collect(
                          Collectors.groupingBy(
                              k -> k.userId, LinkedHashMap::new, Collectors.toList()));
              return page.stream().map(u -> user(u, byUser.getOrDefault(u.id, List.of()))).toList();
            });
  }

  private static User user(UserEntity user, List<SshKeyEntity> stored) {
    return new User(
        user.username,
        user.email,
        user.passwordHash,
        user.enabled,
        user.roles == null ? List.of() : List.of(user.roles),
        stored.stream().map(k -> new User.SshKey(k.keyType, k.publicKey, k.fingerprint)).toList(),
        user.ingestOnUpload,
        user.createdAt,
        user.updatedAt);
  }

  /** The bcrypt hash of {@code password}, made on a worker thread; {@code null} for none. */
  private Uni<String> hashed(String password) {
    return password == null
        ? Uni.createFrom().nullItem()
        : VertxContextSupport.executeBlocking(() -> hasher.hash(password));
  }
}
