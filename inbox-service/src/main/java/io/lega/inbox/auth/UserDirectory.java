package io.lega.inbox.auth;

import java.util.Optional;

/** Where the inbox looks users up. */
public interface UserDirectory {

  /**
   * @return the user, or empty if the user is unknown or cannot be looked up now (the reason is
   *     logged)
   */
  Optional<HubUser> find(String username);
}
