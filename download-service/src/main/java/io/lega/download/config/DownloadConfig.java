package io.lega.download.config;

import io.lega.node.worker.KeyGroup;
import io.lega.node.worker.StorageGroup;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every setting of the download service, under {@code lega.download}. The database is configured
 * with the usual {@code quarkus.datasource.*} keys, and the broker with the node's shared {@code
 * lega.broker.*} keys (node-worker's {@code BrokerGroup}, read by its {@code NodeBrokerProducer}).
 *
 * <p>With the defaults nothing is trusted: until at least one Passport issuer and one visa issuer
 * are configured, every request is refused.
 */
@ConfigMapping(prefix = "lega.download")
public interface DownloadConfig {

  /** Checking the Passport of a request and the visas in it. */
  Auth auth();

  /**
   * Where ingest archived the bodies ({@code lega.download.archive.*}: {@code type} = {@code posix}
   * with {@code posix.root}, or {@code s3} with {@code s3.endpoint}, {@code s3.access-key}, {@code
   * s3.secret-key}, {@code s3.bucket}, ...). Only read: ranged reads of the object named by {@code
   * files.archive_location}.
   */
  StorageGroup archive();

  /**
   * The archive's Crypt4GH private keys ({@code lega.download.archive-keys[0].path}, with {@code
   * .passphrase} or {@code .passphrase-file}), to open the archived headers and re-wrap them for
   * the researcher; several during a key rotation (each header is tried with each key, in order).
   * At least one is required: the service does not start without it. Never used to decrypt a body.
   */
  List<KeyGroup> archiveKeys();

  /** The HTTP API: {@code lega.download.api.*}. */
  Api api();

  /** Plaintext delivery: {@code lega.download.plaintext.*}. */
  Plaintext plaintext();

  /** {@code lega.download.plaintext.*}. */
  interface Plaintext {

    /**
     * Serve {@code GET /files/{id}/plaintext}: the decrypted file, decrypted here with the archive
     * key. Off by default, and it should stay off wherever the network between this service and the
     * researcher is not trusted: with it off the service only ever sends Crypt4GH and never
     * decrypts a body, and the endpoint answers 404.
     */
    @WithDefault("false")
    boolean enabled();
  }

  /** {@code lega.download.api.*}: paging and limits of the requests. */
  interface Api {

    /** Files per page of {@code GET /datasets/{id}/files} when the request names no pageSize. */
    @WithDefault("100")
    int defaultPageSize();

    /** Largest {@code pageSize} accepted; a larger one is a 400. */
    @WithDefault("1000")
    int maxPageSize();

    /**
     * Most ranges in one {@code Range} header; more is a 400 (each range costs two edit-list
     * lengths in the header, and the header's size is bounded).
     */
    @WithDefault("64")
    int maxRanges();

    /**
     * Bytes read from the archive storage at a time while streaming a body: the memory a download
     * holds (one such buffer in flight per download, whatever the file's size).
     */
    @WithDefault("262144")
    int chunkSize();

    /**
     * The URL researchers reach this service at, as DRS {@code access_methods} and {@code self_uri}
     * name it (e.g. {@code https://download.node1.example.org}). Unset: taken from each request's
     * own URL.
     */
    Optional<URI> publicUrl();
  }

  /** {@code lega.download.auth.*}: who is trusted, how keys are fetched, and the limits. */
  interface Auth {

    /**
     * The brokers whose Passports are accepted: each an issuer ({@code iss}, compared exactly) and
     * the one URL its signing keys (a JWKS) are fetched from, given as {@code
     * lega.download.auth.passport-issuers[0].issuer} and {@code ...passport-issuers[0].jwks-url}. A
     * Passport from any other issuer is refused, and a Passport whose header names a {@code jku}
     * other than its issuer's URL is refused before anything is fetched. Default: none.
     */
    List<TrustedIssuer> passportIssuers();

    /**
     * The visa issuers whose visas are accepted: pairs of {@code iss} and JWKS URL, as {@code
     * lega.download.auth.visa-issuers[0].issuer} and {@code ...visa-issuers[0].jwks-url}. A visa is
     * used only if its ({@code iss}, header {@code jku}) pair is one of these; any other visa is
     * ignored without fetching anything. Default: none.
     */
    List<TrustedIssuer> visaIssuers();

    /**
     * How long a fetched JWKS is used before it is fetched again. A rotated key is picked up at the
     * latest this long after it was published. The cache holds at most one entry per configured
     * JWKS URL, since no other URL is ever fetched.
     */
    @WithDefault("PT5M")
    Duration jwksCacheLifetime();

    /** Largest JWKS document accepted, in bytes; a larger answer counts as no keys. */
    @WithDefault("524288")
    int jwksMaxSize();

    /** Time allowed to connect to a JWKS URL, and again to receive its answer. */
    @WithDefault("PT5S")
    Duration jwksFetchTimeout();

    /**
     * Accept {@code http://} JWKS URLs. Off by default: keys fetched without TLS can be replaced on
     * the way. Only for a hub on the same machine (local runs, tests).
     */
    @WithDefault("false")
    boolean allowHttpJwks();

    /**
     * Most visas read from one Passport: those after this many are ignored (and logged as such), so
     * a huge Passport cannot make one request verify an unbounded number of signatures.
     */
    @WithDefault("100")
    int maxVisas();

    /** Largest visa accepted, in characters of its compact serialization; larger are ignored. */
    @WithDefault("16384")
    int maxVisaSize();

    /** Largest Passport accepted, in characters of its compact serialization; larger is refused. */
    @WithDefault("262144")
    int maxPassportSize();

    /**
     * Clock difference tolerated with an issuer when checking {@code exp}, {@code nbf}, {@code iat}
     * and {@code asserted}, whole seconds.
     */
    @WithDefault("PT30S")
    Duration clockSkew();

    /**
     * The audience this service expects in a Passport's {@code aud}. When set, a Passport without
     * it is refused; when unset (the default), {@code aud} is not checked, as the hub's Passports
     * name no audience. Visas' {@code aud} is never checked (GA4GH visas name none).
     */
    Optional<String> audience();
  }

  /** An issuer and the one URL its public keys are fetched from. */
  interface TrustedIssuer {

    /**
     * The issuer, as it appears in the tokens' {@code iss} claim (an exact, case-sensitive match).
     */
    String issuer();

    /** Where the issuer's JWKS is served; a token's {@code jku}, when present, must equal it. */
    URI jwksUrl();
  }
}
