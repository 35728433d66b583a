package io.lega.download.auth;

import io.lega.download.config.DownloadConfig.TrustedIssuer;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The allow-listed (issuer, JWKS URL) pairs: the only URLs keys are ever fetched from. A token's
 * {@code jku} is looked up here before anything is fetched. Issuers are compared exactly; URLs
 * after RFC 3986 normalization (dot segments removed), otherwise exactly.
 */
final class TrustList {

  private final Map<String, List<URI>> urlsByIssuer;

  private TrustList(Map<String, List<URI>> urlsByIssuer) {
    this.urlsByIssuer = urlsByIssuer;
  }

  /**
   * @param issuers the configured pairs
   * @param allowHttp accept {@code http://} JWKS URLs (else only {@code https://})
   * @throws IllegalArgumentException for a blank issuer, or a URL that is relative or of another
   *     scheme
   */
  static TrustList of(List<TrustedIssuer> issuers, boolean allowHttp) {
    Map<String, Set<URI>> urls = new LinkedHashMap<>();
    for (TrustedIssuer trusted : issuers) {
      if (trusted.issuer().isBlank()) {
        throw new IllegalArgumentException("a trusted issuer is blank");
      }
      URI url = trusted.jwksUrl().normalize();
      String scheme = url.getScheme();
      boolean secure = "https".equalsIgnoreCase(scheme);
      if (!url.isAbsolute() || !(secure || (allowHttp && "http".equalsIgnoreCase(scheme)))) {
        throw new IllegalArgumentException(
            "JWKS URL of "
                + trusted.issuer()
                + " must be https://"
                + (allowHttp ? " or http://" : "")
                + ": "
                + url);
      }
      urls.computeIfAbsent(trusted.issuer(), issuer -> new LinkedHashSet<>()).add(url);
    }
    Map<String, List<URI>> ordered = new LinkedHashMap<>();
    urls.forEach((issuer, set) -> ordered.put(issuer, List.copyOf(set)));
    return new TrustList(Map.copyOf(ordered));
  }

  /**
   * The URL to fetch the issuer's keys from.
   *
   * @param issuer the token's {@code iss}
   * @param jku the token's {@code jku}; when absent, the issuer's first configured URL
   * @throws TokenRejectedException {@link TokenProblem#UNTRUSTED_ISSUER} for an issuer not on the
   *     list, {@link TokenProblem#UNTRUSTED_KEY_URL} for a {@code jku} not listed with it
   */
  URI keysUrl(String issuer, Optional<URI> jku) {
    List<URI> urls = urlsByIssuer.get(issuer);
    if (urls == null) {
      throw new TokenRejectedException(TokenProblem.UNTRUSTED_ISSUER);
    }
    if (jku.isEmpty()) {
      return urls.get(0);
    }
    URI wanted = jku.get().normalize();
    if (!urls.contains(wanted)) {
      throw new TokenRejectedException(TokenProblem.UNTRUSTED_KEY_URL);
    }
    return wanted;
  }
}
