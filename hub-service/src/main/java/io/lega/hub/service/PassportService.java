package io.lega.hub.service;

import io.lega.hub.config.HubConfig;
import io.lega.hub.passport.PassportSigner;
import io.lega.hub.repository.AccessRequestRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Issues a researcher's Passport: one {@code ControlledAccessGrants} visa per dataset they hold a
 * live grant for (approved, not revoked, not expired), valid for {@code lega.hub.passport.lifetime}
 * at most.
 */
@ApplicationScoped
public class PassportService {

  private static final Logger LOG = Logger.getLogger(PassportService.class);

  private final AccessRequestRepository requests;
  private final PassportSigner signer;
  private final Duration lifetime;

  public PassportService(
      AccessRequestRepository requests, PassportSigner signer, HubConfig config) {
    this.requests = requests;
    this.signer = signer;
    this.lifetime = config.passport().lifetime();
  }

  /** A signed Passport and how long it is valid. */
  public record Passport(String token, Duration lifetime) {}

  /**
   * The actor's Passport.
   *
   * @throws ForbiddenException (in the Uni) unless the actor is a researcher
   */
  @WithSession
  public Uni<Passport> issue(Actor actor) {
    if (actor.admin() || !actor.has(Role.RESEARCHER)) {
      return Uni.createFrom().failure(new ForbiddenException("only a researcher gets a Passport"));
    }
    Instant now = Instant.now();
    Instant until = now.plus(lifetime);
    return requests
        .liveGrants(actor.username(), now)
        .map(
            grants ->
                grants.stream()
                    .map(
                        g ->
                            new PassportSigner.Grant(
                                g.datasetId(), g.dacId(), g.grantedAt(), g.expiresAt()))
                    .toList())
        .map(grants -> signer.passport(actor.username(), grants, now, until))
        .invoke(() -> LOG.infof("Passport issued to %s", actor.username()))
        .map(token -> new Passport(token, lifetime));
  }
}
