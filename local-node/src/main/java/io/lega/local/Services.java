package io.lega.local;

import io.lega.testsupport.ConfigKeys;
import io.lega.testsupport.PostgresConnection;
import io.lega.testsupport.S3Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every service of a local node and its configuration: the one place where a service's keys are
 * written. The keys are documented in each service's {@code @ConfigMapping} ({@code HubConfig},
 * {@code InboxConfig}, {@code IngestConfig}, {@code VerifyConfig}, {@code FinalizeConfig}, {@code
 * DownloadConfig}).
 */
public final class Services {

  /** The node's name on the broker ({@code to_node.<name>} and the like). */
  public static final String NODE_NAME = "node1";

  /**
   * A service to start.
   *
   * @param module its module (the packaged application's folder)
   * @param name its process's name (and log file's)
   * @param httpPort its HTTP port (health checks at {@code /q/health/ready})
   * @param properties its configuration, given as {@code -Dkey=value}
   */
  public record Service(String module, String name, int httpPort, Map<String, String> properties) {
    public Service {
      properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
  }

  /**
   * What a service's configuration is made from.
   *
   * @param options what was asked for
   * @param ports the ports picked
   * @param keys the node's keys
   * @param secrets the generated tokens
   * @param backends the infrastructure
   */
  public record Node(
      NodeOptions options, Ports ports, LocalKeys keys, Secrets secrets, Backends backends) {

    /** The hub's base URL. */
    public String hubUrl() {
      return "http://127.0.0.1:" + ports.hub();
    }
  }

  /**
   * The node's pipeline workers, in start order, each with its own keys (on top of the ones every
   * worker gets: node database, broker, archive, inbox storage). A new worker is one more entry.
   */
  public enum Worker {
    /** Opens submitted headers, re-encrypts them for the archive key, archives the body. */
    INGEST("ingest-service") {
      @Override
      void configure(Node node, Map<String, String> p) {
        LocalKeys keys = node.keys();
        inboxStorage(node, p);
        p.put("lega.keys.submission[0].path", keys.secretKey(LocalKeys.SUBMISSION).toString());
        p.put(
            "lega.keys.submission[0].passphrase-file",
            keys.passphraseFile(LocalKeys.SUBMISSION).toString());
        p.put("lega.keys.archive-public-key", keys.publicKey(LocalKeys.ARCHIVE).toString());
        p.put("lega.broker.route-hub-messages", "true");
      }
    },
    /** Decrypts every archived segment with the archive key, checks the checksums. */
    VERIFY("verify-service") {
      @Override
      void configure(Node node, Map<String, String> p) {
        LocalKeys keys = node.keys();
        p.put("lega.keys.archive.path", keys.secretKey(LocalKeys.ARCHIVE).toString());
        p.put(
            "lega.keys.archive.passphrase-file", keys.passphraseFile(LocalKeys.ARCHIVE).toString());
      }
    },
    /** Records accession ids, backs files up, marks them ready, cleans the inbox; datasets. */
    FINALIZE("finalize-service") {
      @Override
      void configure(Node node, Map<String, String> p) {
        inboxStorage(node, p);
        p.put("lega.finalize.backup.enabled", Boolean.toString(node.options().backup()));
        p.putAll(s3Storage("lega.backup", node.backends().s3(), node.backends().backupBucket()));
      }
    };

    private final String module;

    Worker(String module) {
      this.module = module;
    }

    /** The worker's module. */
    public String module() {
      return module;
    }

    abstract void configure(Node node, Map<String, String> properties);
  }

  private Services() {}

  /**
   * Every service of the node, in start order: hub, inbox, each worker instance, then the download
   * service (one instance, whatever the number of workers).
   */
  public static List<Service> of(Node node) {
    List<Service> all = new ArrayList<>();
    all.add(hub(node));
    all.add(inbox(node));
    int workers = node.options().workers();
    for (int i = 1; i <= workers; i++) {
      for (Worker worker : Worker.values()) {
        String name = workers == 1 ? worker.module() : worker.module() + "-" + i;
        int port = Ports.free();
        all.add(new Service(worker.module(), name, port, worker(node, worker, port)));
      }
    }
    if (workers > 0) {
      all.add(download(node));
    }
    return all;
  }

  /**
   * Researchers' downloads: trusts the hub's Passports and visas (its JWKS over loopback HTTP),
   * re-wraps headers with the archive key, reads the archive the workers write.
   */
  static Service download(Node node) {
    int port = node.ports().download();
    Map<String, String> p = new LinkedHashMap<>();
    p.put("quarkus.http.port", Integer.toString(port));
    p.putAll(datasource(node.backends().nodeDatabase(), true));
    p.putAll(broker(node));
    p.put("lega.broker.topology-side", "both");
    String jwks = node.hubUrl() + "/.well-known/jwks.json";
    for (String list : List.of("passport-issuers", "visa-issuers")) {
      p.put("lega.download.auth." + list + "[0].issuer", node.hubUrl());
      p.put("lega.download.auth." + list + "[0].jwks-url", jwks);
    }
    p.put("lega.download.auth.allow-http-jwks", "true"); // loopback only
    p.put("lega.download.api.public-url", "http://127.0.0.1:" + port);
    if (node.options().posixArchive()) {
      p.put("lega.download.archive.type", "posix");
      p.put("lega.download.archive.posix.root", node.options().archiveRoot().toString());
    } else {
      p.putAll(
          s3Storage(
              "lega.download.archive", node.backends().s3(), node.backends().archiveBucket()));
    }
    LocalKeys keys = node.keys();
    p.put("lega.download.archive-keys[0].path", keys.secretKey(LocalKeys.ARCHIVE).toString());
    p.put(
        "lega.download.archive-keys[0].passphrase-file",
        keys.passphraseFile(LocalKeys.ARCHIVE).toString());
    return new Service("download-service", "download-service", port, p);
  }

  static Service hub(Node node) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("quarkus.http.port", Integer.toString(node.ports().hub()));
    p.put("lega.hub.admin-token", node.secrets().adminToken());
    p.put("lega.hub.service-token", node.secrets().serviceToken());
    p.put("lega.hub.passport.issuer", node.hubUrl());
    p.put("lega.hub.passport.signing-key-file", node.keys().hubSigningKey().toString());
    p.put("lega.hub.broker.topology-side", "both");
    p.putAll(datasource(node.backends().hubDatabase(), true));
    p.putAll(broker(node));
    return new Service("hub-service", "hub-service", node.ports().hub(), p);
  }

  static Service inbox(Node node) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("quarkus.http.port", Integer.toString(node.ports().inboxHttp()));
    p.put("lega.inbox.sftp.port", Integer.toString(node.ports().sftp()));
    p.put("lega.inbox.sftp.host-key-path", node.keys().sftpHostKey().toString());
    p.put("lega.inbox.storage.root", node.options().inboxRoot().toString());
    p.put("lega.inbox.hub.url", node.hubUrl());
    p.put("lega.inbox.hub.token", node.secrets().serviceToken());
    p.put("lega.inbox.broker.topology-side", "both");
    if (node.options().workers() > 0) {
      // files being ingested are read from the node database (JDBC only), which ingest migrates
      p.put("lega.inbox.ingestion-guard", "database");
      p.putAll(datasource(node.backends().nodeDatabase(), false));
    }
    p.putAll(broker(node));
    return new Service("inbox-service", "inbox-service", node.ports().inboxHttp(), p);
  }

  static Map<String, String> worker(Node node, Worker worker, int httpPort) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("quarkus.http.port", Integer.toString(httpPort));
    p.putAll(datasource(node.backends().nodeDatabase(), true));
    p.putAll(broker(node));
    p.put("lega.broker.topology-side", "both");
    if (node.options().posixArchive()) {
      p.put("lega.archive.type", "posix");
      p.put("lega.archive.posix.root", node.options().archiveRoot().toString());
    } else {
      p.putAll(s3Storage("lega.archive", node.backends().s3(), node.backends().archiveBucket()));
    }
    worker.configure(node, p);
    p.putAll(node.options().workerProperties());
    return p;
  }

  private static void inboxStorage(Node node, Map<String, String> p) {
    p.put("lega.inbox-storage.type", "posix");
    p.put("lega.inbox-storage.posix.root", node.options().inboxRoot().toString());
  }

  private static Map<String, String> broker(Node node) {
    Map<String, String> p = new LinkedHashMap<>(ConfigKeys.broker(node.backends().broker()));
    p.put("lega.broker.node-name", NODE_NAME);
    p.putAll(node.options().brokerTuning());
    return p;
  }

  private static Map<String, String> datasource(PostgresConnection db, boolean reactive) {
    Map<String, String> p = new LinkedHashMap<>(ConfigKeys.postgres(db));
    if (!reactive) {
      p.remove(ConfigKeys.DATASOURCE_REACTIVE_URL);
    }
    return p;
  }

  private static Map<String, String> s3Storage(String prefix, S3Connection s3, String bucket) {
    return ConfigKeys.s3Storage(prefix, s3, bucket);
  }
}
