package io.lega.hub.config;

import io.lega.platform.broker.BrokerConfig;
import io.lega.platform.broker.FallbackBrokerConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Every setting of the hub service, under {@code lega.hub}. The database is configured with the
 * standard {@code quarkus.datasource.*} keys (a JDBC URL for the migrations, a reactive URL for
 * everything else).
 *
 * <p>Each shared {@code lega.hub.broker.*} key ({@link BrokerConfig}) falls back to the same key
 * under {@code lega.broker.*}, the broker settings the services share (the ones test-support's
 * {@code AmqpBrokerResource} and {@code ./lega up} set), and then to its default; {@code nodes}
 * falls back to {@code lega.broker.node-name}.
 */
@ConfigMapping(prefix = "lega.hub")
public interface HubConfig {

  /**
   * Bearer token of the hub's administrators: every {@code /api} endpoint accepts it. No default:
   * the hub does not start without it. Never logged.
   */
  String adminToken();

  /**
   * Bearer token of the nodes' services (the inboxes): it reads {@code GET /api/users/{username}}
   * only, and that answer includes the password hash. No default: the hub does not start without
   * it. Never logged; must differ from the admin token.
   */
  String serviceToken();

  /**
   * Ingest every upload as soon as its {@code files.inbox} message arrives: the hub sends {@code
   * ingest} from the message's handler, as {@code POST /api/submissions/{id}/ingest} would. A
   * user's own {@code ingest_on_upload} ({@code true} or {@code false}) overrides this; users
   * without one ({@code null}) follow it.
   */
  @WithDefault("false")
  boolean ingestOnUpload();

  /** The user directory. */
  Users users();

  /** Listing endpoints. */
  Api api();

  /** The AMQP broker the nodes' messages arrive on. */
  Broker broker();

  interface Users {
    /**
     * bcrypt cost (log2 of the rounds) of newly stored password hashes, 4 to 31. 12 takes about a
     * quarter of a second per hash; raising it slows logins at the inbox too.
     */
    @WithDefault("12")
    int bcryptCost();

    /** Shortest password accepted, in characters. bcrypt reads at most 72 bytes of it. */
    @WithDefault("10")
    int minPasswordLength();

    /** Smallest RSA modulus accepted in an SSH public key, in bits. */
    @WithDefault("2048")
    int minRsaBits();

    /** Most SSH public keys one user may have. */
    @WithDefault("20")
    int maxSshKeys();
  }

  interface Api {
    /** Page size of a listing when the request names none. */
    @WithDefault("50")
    int defaultPageSize();

    /** Largest page size a request may ask for. */
    @WithDefault("500")
    int maxPageSize();
  }

  /**
   * {@code lega.hub.broker.*}: the keys every service shares ({@link BrokerConfig}, documented
   * there), each falling back to {@code lega.broker.<key>} and then to its default ({@code
   * prefetch}: 10 here), and the hub's own.
   */
  interface Broker extends FallbackBrokerConfig {
    @Override
    @WithDefault("${lega.broker.prefetch:10}")
    int prefetch();

    /**
     * Consume the nodes' messages. {@code false} runs the REST API alone, with no broker connection
     * (the readiness check then ignores the broker).
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * The nodes linked to this hub (lower-case letters, digits, {@code -}, {@code _}): the hub's
     * topology has one outbound queue {@code to_node.<name>} per node. Every hub &rarr; node
     * message ({@code ingest}, {@code cancel}, {@code accession}, {@code mapping}, {@code release},
     * {@code deprecate}) goes to the <b>first</b> node of the list (exchange {@code hub}, routing
     * key {@code to_node.<first>}): the submissions do not record which node reported them yet, so
     * a hub drives one node; the others' queues are declared for their links only.
     */
    @WithDefault("${lega.broker.node-name:node1}")
    List<String> nodes();

    /**
     * Which part of the topology the hub declares at start: {@code hub} (the hub's own broker:
     * exchange {@code hub}, the {@code files.*} queues, {@code hub.error}, one {@code to_node.*}
     * per node) or {@code both} (one broker shared with a single node, as with {@code ./lega up}:
     * the node's exchange and queues too).
     */
    @WithDefault("hub")
    TopologySide topologySide();
  }

  /** The topology sides the hub may declare. */
  /** The Passports the hub issues to researchers, and the key that signs them. */
  Passport passport();

  /** GA4GH Passports and their visas. */
  interface Passport {

    /** {@code lega.hub.passport.issuer}: the {@code iss} of Passports and visas, the hub's URL. */
    @WithDefault("http://localhost:8080")
    String issuer();

    /**
     * {@code lega.hub.passport.jwks-url}: the {@code jku} of visas, where the hub's public keys are
     * served ({@code GET /.well-known/jwks.json}).
     */
    @WithDefault("${lega.hub.passport.issuer:http://localhost:8080}/.well-known/jwks.json")
    String jwksUrl();

    /** {@code lega.hub.passport.lifetime}: how long a Passport (and any visa in it) is valid. */
    @WithDefault("PT1H")
    Duration lifetime();

    /**
     * {@code lega.hub.passport.signing-key-file}: the ES256 signing key (a private JWK, owner-only
     * permissions), generated there at the first start and read at every later one.
     */
    @WithDefault("hub-signing-key.jwk")
    Path signingKeyFile();
  }

  enum TopologySide {
    HUB,
    BOTH
  }
}
