package io.lega.inbox.auth;

import java.security.PublicKey;
import java.util.Optional;
import java.util.Set;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.jboss.logging.Logger;

/**
 * Password (bcrypt) and public key authentication against the hub's user directory. A user logs in
 * only if the hub knows them, they are enabled, and they hold one of the allowed roles ({@code *}
 * allows every role). Logs say who was refused and why, never a password, hash or key.
 */
public final class HubAuthenticator implements PasswordAuthenticator, PublickeyAuthenticator {

  /** The role value that lets every enabled user in. */
  public static final String ANY_ROLE = "*";

  private static final Logger LOG = Logger.getLogger(HubAuthenticator.class);

  private final UserDirectory directory;
  private final Set<String> allowedRoles;

  public HubAuthenticator(UserDirectory directory, Set<String> allowedRoles) {
    this.directory = directory;
    this.allowedRoles = Set.copyOf(allowedRoles);
  }

  @Override
  public boolean authenticate(String username, String password, ServerSession session) {
    Optional<HubUser> user = mayLogIn(username);
    if (user.isEmpty()) {
      return false;
    }
    String hash = user.get().passwordHash();
    if (hash == null) {
      LOG.infof("password login refused for %s: the user has no password", username);
      return false;
    }
    boolean ok;
    try {
      ok = password != null && OpenBSDBCrypt.checkPassword(hash, password.toCharArray());
    } catch (IllegalArgumentException e) {
      // A hash that is not bcrypt, or a password bcrypt cannot take (over 72 bytes).
      LOG.warnf("password login refused for %s: %s", username, e.getMessage());
      return false;
    }
    if (!ok) {
      LOG.infof("password login refused for %s: wrong password", username);
    }
    return ok;
  }

  @Override
  public boolean authenticate(String username, PublicKey key, ServerSession session) {
    Optional<HubUser> user = mayLogIn(username);
    if (user.isEmpty()) {
      return false;
    }
    int line = 0;
    for (String entry : user.get().sshPublicKeys()) {
      line++;
      if (entry.isBlank() || entry.strip().startsWith("#")) {
        continue;
      }
      try {
        PublicKey known =
            AuthorizedKeyEntry.parseAuthorizedKeyEntry(entry.strip())
                .resolvePublicKey(session, PublicKeyEntryResolver.FAILING);
        if (KeyUtils.compareKeys(known, key)) {
          return true;
        }
      } catch (Exception e) {
        LOG.warnf(
            "user %s: public key %d from the hub cannot be read (%s)",
            username, line, e.getClass().getSimpleName());
      }
    }
    LOG.infof(
        "public key login refused for %s: %s key %s is not theirs",
        username, KeyUtils.getKeyType(key), KeyUtils.getFingerPrint(key));
    return false;
  }

  private Optional<HubUser> mayLogIn(String username) {
    Optional<HubUser> found = directory.find(username);
    if (found.isEmpty()) {
      return found;
    }
    HubUser user = found.get();
    if (!user.enabled()) {
      LOG.infof("login refused for %s: the user is disabled", username);
      return Optional.empty();
    }
    if (!allowedRoles.contains(ANY_ROLE)
        && user.roles().stream().noneMatch(allowedRoles::contains)) {
      LOG.infof("login refused for %s: none of the roles %s", username, allowedRoles);
      return Optional.empty();
    }
    return found;
  }
}
