package io.lega.hub.service;

import io.lega.hub.config.HubConfig;
import io.lega.hub.repository.SshKeyEntity;
import io.lega.hub.repository.SshKeyRepository;
import io.lega.hub.repository.UserEntity;
import io.lega.hub.repository.UserRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The user directory: register, list, read, change, disable. Users are never deleted, and a
 * username is never reused.
 *
 * <p>Passwords are checked, then hashed with bcrypt on a worker thread (it is slow on purpose)
 * before the transaction starts; only the hash is stored. SSH keys are parsed and checked ({@link
 * SshPublicKey}) and stored with their fingerprints.
 */
@ApplicationScoped
public class UserService {

  private static final Logger LOG = Logger.getLogger(UserService.class);

  private final UserRepository users;
  private final SshKeyRepository keys;
  private final PasswordHasher hasher;
  private final Validator validator;
  private final HubConfig.Users settings;

  public UserService(
      UserRepository users,
      SshKeyRepository keys,
      PasswordHasher hasher,
      Validator validator,
      HubConfig config) {
    this.users = users;
    this.keys = keys;
    this.hasher = hasher;
    this.validator = validator;
    this.settings = config.users();
  }

  /**
   * Registers a user.
   *
   * @throws InvalidRequestException (in the Uni) for invalid input
   * @throws DuplicateUserException (in the Uni) if the username is taken
   */
  public Uni<User> create(NewUser request) {
    return Uni.createFrom()
        .deferred(
            () -> {
              if (request == null) {
                throw new InvalidRequestException("a JSON body describing the user is required");
              }
              validate(request);
              List<String> roles = roles(request.roles());
              List<SshPublicKey> sshKeys = sshKeys(request.sshPublicKeys());
              if (request.password() != null) {
                hasher.check(request.password());
              }
              return hashed(request.password())
                  .flatMap(
                      hash ->
                          Panache.withTransaction(
                              () ->
                                  insert(
                                      request.username(),
                                      request.email(),
                                      hash,
                                      roles,
                                      sshKeys,
                                      request.ingestOnUpload())))
                  .onFailure(UserService::isUniqueViolation)
                  .transform(e -> new DuplicateUserException(request.username()));
            });
  }

  private Uni<User> insert(
      String username,
      String email,
      String passwordHash,
      List<String> roles,
      List<SshPublicKey> sshKeys,
      Boolean ingestOnUpload) {
    return users
        .exists(username)
        .flatMap(
            exists -> {
              if (exists) {
                throw new DuplicateUserException(username);
              }
              Instant now = now();
              UserEntity user = new UserEntity();
              user.username = username;
              user.email = email;
              user.passwordHash = passwordHash;
              user.roles = roles.toArray(String[]::new);
              user.enabled = true;
              user.ingestOnUpload = ingestOnUpload;
              user.createdAt = now;
              user.updatedAt = now;
              return users.persistAndFlush(user);
            })
        .call(user -> addKeys(user.id, sshKeys))
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
        .deferred(
            () -> {
              if (changes == null) {
                throw new InvalidRequestException("a JSON body with the changes is required");
              }
              validate(changes);
              List<String> roles = changes.roles() == null ? null : roles(changes.roles());
              List<SshPublicKey> sshKeys =
                  changes.sshPublicKeys() == null ? null : sshKeys(changes.sshPublicKeys());
              if (changes.password() != null) {
                hasher.check(changes.password());
              }
              return hashed(changes.password())
                  .flatMap(
                      hash ->
                          Panache.withTransaction(
                              () ->
                                  existing(username)
                                      .call(
                                          user ->
                                              apply(
                                                  user,
                                                  changes.email(),
                                                  hash,
                                                  roles,
                                                  sshKeys,
                                                  changes.enabled(),
                                                  changes.ingestOnUpload()))
                                      .flatMap(this::load)));
            })
        .invoke(user -> LOG.infof("changed user %s: %s", username, changes));
  }

  /**
   * Enables or disables a user. A disabled user stays in the directory (the inboxes see {@code
   * enabled: false} and refuse them) with their submissions.
   *
   * @throws NoSuchResourceException (in the Uni) if there is no such user
   */
  public Uni<User> setEnabled(String username, boolean enabled) {
    return Panache.withTransaction(
            () ->
                existing(username)
                    .call(user -> apply(user, null, null, null, null, enabled, null))
                    .flatMap(this::load))
        .invoke(user -> LOG.infof("%s user %s", enabled ? "enabled" : "disabled", username));
  }

  private Uni<UserEntity> existing(String username) {
    return users
        .findByUsername(username)
        .onItem()
        .ifNull()
        .failWith(() -> new NoSuchResourceException("no user called '" + username + "'"));
  }

  private Uni<Void> apply(
      UserEntity user,
      String email,
      String passwordHash,
      List<String> roles,
      List<SshPublicKey> sshKeys,
      Boolean enabled,
      UploadSwitch ingestOnUpload) {
    if (email != null) {
      user.email = email;
    }
    if (passwordHash != null) {
      user.passwordHash = passwordHash;
    }
    if (roles != null) {
      user.roles = roles.toArray(String[]::new);
    }
    if (enabled != null) {
      user.enabled = enabled;
    }
    if (ingestOnUpload != null) {
      user.ingestOnUpload = ingestOnUpload.stored();
    }
    user.updatedAt = now();
    return sshKeys == null ? Uni.createFrom().voidItem() : replaceKeys(user.id, sshKeys);
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
    Instant now = now();
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
    List<Long> ids = page.stream().map(u -> u.id).toList();
    return keys.ofUsers(ids)
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

  /** Now, as precisely as PostgreSQL keeps it (so what is returned equals what is read later). */
  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  /** The bcrypt hash of {@code password}, made on a worker thread; {@code null} for none. */
  private Uni<String> hashed(String password) {
    if (password == null) {
      return Uni.createFrom().nullItem();
    }
    return VertxContextSupport.executeBlocking(() -> hasher.hash(password));
  }

  private <T> void validate(T request) {
    Set<ConstraintViolation<T>> violations = validator.validate(request);
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(
          violations.stream()
              .map(ConstraintViolation::getMessage)
              .sorted()
              .collect(Collectors.joining("; ")));
    }
  }

  /** Role names checked and put in {@link Role} order; duplicates collapse. */
  static List<String> roles(List<String> names) {
    if (names == null) {
      return List.of();
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String name : names) {
      if (name == null) {
        throw new InvalidRequestException("roles must not contain null");
      }
      roles.add(
          Role.of(name)
              .orElseThrow(
                  () ->
                      new InvalidRequestException(
                          "unknown role '" + shorten(name) + "' (roles are: " + Role.all() + ")")));
    }
    return Arrays.stream(Role.values()).filter(roles::contains).map(Role::id).toList();
  }

  /** Keys parsed and checked; the same key twice is refused. */
  private List<SshPublicKey> sshKeys(List<String> lines) {
    if (lines == null) {
      return List.of();
    }
    if (lines.size() > settings.maxSshKeys()) {
      throw new InvalidRequestException(
          "at most " + settings.maxSshKeys() + " SSH public keys per user");
    }
    List<SshPublicKey> parsed = new ArrayList<>();
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      SshPublicKey key;
      try {
        key = SshPublicKey.parse(lines.get(i), settings.minRsaBits());
      } catch (InvalidRequestException e) {
        throw new InvalidRequestException("ssh_public_keys[" + i + "]: " + e.getMessage());
      }
      Integer earlier = seen.putIfAbsent(key.fingerprint(), i);
      if (earlier != null) {
        throw new InvalidRequestException(
            "ssh_public_keys["
                + i
                + "] is the same key as ssh_public_keys["
                + earlier
                + "] ("
                + key.fingerprint()
                + ")");
      }
      parsed.add(key);
    }
    return parsed;
  }

  private static String shorten(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }

  /** A unique constraint failed (two requests registered the same name at once). */
  static boolean isUniqueViolation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof org.hibernate.exception.ConstraintViolationException c
          && "23505".equals(c.getSQLState())) {
        return true;
      }
      if (t instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
