package io.lega.download.access;

import io.lega.download.auth.PassportValidator;
import io.lega.download.auth.VerifiedPassport;
import io.lega.download.config.DownloadConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The request path's side of {@link PassportValidator}: validation may fetch a JWKS over HTTP (it
 * blocks), so it runs on a worker thread, and the answer comes back on the request's Vert.x
 * context, where Hibernate Reactive continues.
 */
@Singleton
public class PassportCheck {

  private final PassportValidator validator;
  private final Vertx vertx;

  public PassportCheck(DownloadConfig config, Vertx vertx) {
    this.validator = new PassportValidator(config.auth(), Clock.systemUTC());
    this.vertx = vertx;
  }

  /**
   * @param authorization the request's {@code Authorization} header, or null
   * @return the Passport; a {@link io.lega.download.auth.TokenRejectedException} (401) if refused
   */
  public Uni<VerifiedPassport> bearer(String authorization) {
    return vertx.executeBlocking(
        Uni.createFrom().item(() -> validator.validateAuthorization(authorization)), false);
  }

  /**
   * @param passport a Passport's compact serialization (a DRS POST body)
   */
  public Uni<VerifiedPassport> passport(String passport) {
    return vertx.executeBlocking(Uni.createFrom().item(() -> validator.validate(passport)), false);
  }
}
