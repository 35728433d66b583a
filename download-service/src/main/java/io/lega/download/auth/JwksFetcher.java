package io.lega.download.auth;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * Fetches a JWKS over HTTP: no redirects (a redirect could lead off the allow-list), timeouts on
 * connecting and on the answer, a bounded body. Only public asymmetric keys are kept: a symmetric
 * ({@code oct}) key in the set can never verify anything.
 */
final class JwksFetcher {

  private static final Logger LOG = Logger.getLogger(JwksFetcher.class);

  private final HttpClient client;
  private final Duration timeout;
  private final int maxSize;

  /**
   * @param timeout for connecting, and again for the whole answer
   * @param maxSize largest JWKS document accepted, in bytes
   */
  JwksFetcher(Duration timeout, int maxSize) {
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.timeout = timeout;
    this.maxSize = maxSize;
  }

  /**
   * @param url an allow-listed JWKS URL
   * @return its public keys (possibly none)
   * @throws TokenRejectedException {@link TokenProblem#KEYS_UNAVAILABLE} if the URL does not answer
   *     200 with a JWKS within the limits
   */
  List<JsonWebKey> fetch(URI url) {
    HttpRequest request =
        HttpRequest.newBuilder(url).timeout(timeout).header("Accept", "application/json").build();
    try {
      HttpResponse<InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw unavailable(url, "status " + response.statusCode(), null);
        }
        byte[] bytes = body.readNBytes(maxSize + 1);
        if (bytes.length > maxSize) {
          throw unavailable(url, "larger than " + maxSize + " bytes", null);
        }
        List<JsonWebKey> keys =
            new JsonWebKeySet(new String(bytes, StandardCharsets.UTF_8))
                .getJsonWebKeys().stream().filter(PublicJsonWebKey.class::isInstance).toList();
        LOG.debugf("fetched %d public keys from %s", keys.size(), url);
        return keys;
      }
    } catch (IOException | JoseException e) {
      throw unavailable(url, e.toString(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(url, "interrupted", e);
    }
  }

  private static TokenRejectedException unavailable(URI url, String why, Throwable cause) {
    LOG.warnf("JWKS at %s unusable: %s", url, why);
    return cause == null
        ? new TokenRejectedException(TokenProblem.KEYS_UNAVAILABLE)
        : new TokenRejectedException(TokenProblem.KEYS_UNAVAILABLE, cause);
  }
}
