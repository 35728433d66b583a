package io.lega.inbox.sftp;

import io.lega.inbox.ingestion.IngestionGuard;
import io.lega.inbox.notify.InboxNotifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.spec.NamedParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.jboss.logging.Logger;

/**
 * The SFTP inbox on Apache MINA SSHD: SFTP only (no shell, exec, SCP or forwarding), password and
 * public key logins checked by the given authenticator, each user jailed in their own folder, and
 * uploads reported through the {@link InboxNotifier}. Usable without Quarkus (tests start it
 * directly).
 */
public final class InboxSftpServer implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(InboxSftpServer.class);

  /**
   * @param host address to bind
   * @param port TCP port; 0 for any free one (see {@link #port()})
   * @param hostKeyPath where the host key is kept (generated at first start, mode 0600)
   * @param hostKeyAlgorithm the algorithm of a newly generated host key
   * @param inboxRoot folder holding one folder per user
   * @param quotaBytes most bytes per user inbox, 0 for no limit
   * @param idleTimeout silent sessions are closed after this
   * @param maxAuthAttempts failed logins allowed per connection
   */
  public record Settings(
      String host,
      int port,
      Path hostKeyPath,
      HostKeyAlgorithm hostKeyAlgorithm,
      Path inboxRoot,
      long quotaBytes,
      Duration idleTimeout,
      int maxAuthAttempts) {

    public Settings {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(hostKeyPath, "hostKeyPath");
      Objects.requireNonNull(hostKeyAlgorithm, "hostKeyAlgorithm");
      Objects.requireNonNull(inboxRoot, "inboxRoot");
      Objects.requireNonNull(idleTimeout, "idleTimeout");
      if (quotaBytes < 0) {
        throw new IllegalArgumentException("quotaBytes must be 0 (no limit) or more");
      }
    }
  }

  private final Settings settings;
  private final SshServer sshd;
  private final SimpleGeneratorHostKeyProvider hostKeys;

  /** Hashes uploads beside the SFTP threads (see {@link Digests}); one thread per core. */
  private final ExecutorService hashing =
      Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), hashThreads());

  public InboxSftpServer(
      Settings settings,
      PasswordAuthenticator passwords,
      PublickeyAuthenticator publicKeys,
      InboxNotifier notifier,
      IngestionGuard guard) {
    this.settings = settings;
    this.hostKeys = new SimpleGeneratorHostKeyProvider(settings.hostKeyPath());
    hostKeys.setStrictFilePermissions(true);
    hostKeys.setOverwriteAllowed(false);
    if (settings.hostKeyAlgorithm() == HostKeyAlgorithm.ED25519) {
      hostKeys.setAlgorithm(SecurityUtils.EDDSA);
      hostKeys.setKeySpec(NamedParameterSpec.ED25519);
    } else {
      hostKeys.setAlgorithm(KeyUtils.RSA_ALGORITHM);
      hostKeys.setKeySize(3072);
    }

    sshd = SshServer.setUpDefaultServer();
    sshd.setHost(settings.host());
    sshd.setPort(settings.port());
    sshd.setKeyPairProvider(hostKeys);

    sshd.setPasswordAuthenticator(passwords);
    sshd.setPublickeyAuthenticator(publicKeys);
    sshd.setKeyboardInteractiveAuthenticator(null);
    sshd.setGSSAuthenticator(null);
    sshd.setHostBasedAuthenticator(null);
    sshd.setUserAuthFactories(
        List.of(UserAuthPublicKeyFactory.INSTANCE, UserAuthPasswordFactory.INSTANCE));

    // SFTP only: no shell, no exec (hence no SCP), no port, agent or X11 forwarding.
    sshd.setShellFactory(null);
    sshd.setCommandFactory(null);
    sshd.setAgentFactory(null);
    sshd.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);

    CoreModuleProperties.IDLE_TIMEOUT.set(sshd, settings.idleTimeout());
    CoreModuleProperties.MAX_AUTH_REQUESTS.set(sshd, settings.maxAuthAttempts());
    // Nagle's algorithm holds back the small status replies to pipelined writes until the client
    // acknowledges earlier segments, and the client stalls waiting for them: half the throughput.
    CoreModuleProperties.TCP_NODELAY.set(sshd, true);
    sshd.setCipherFactories(ciphers(sshd.getCipherFactories()));

    SftpSubsystemFactory sftp = new SftpSubsystemFactory();
    sftp.setFileSystemAccessor(new JailedFileSystemAccessor());
    sftp.setErrorStatusDataHandler(new InboxStatusDataHandler());
    sftp.addSftpEventListener(
        new UploadListener(notifier, guard, settings.quotaBytes(), new FileIdAttribute(), hashing));
    sshd.setSubsystemFactories(List.of(sftp));
    // The file system factory is set at start, once the inbox root is known to exist.
  }

  /**
   * MINA's defaults without {@code chacha20-poly1305@openssh.com}: MINA implements it in plain
   * Java, at about 2.5 times the CPU of AES, which the JDK runs on the processor's AES
   * instructions. An OpenSSH client, which prefers ChaCha20, then picks {@code aes128-ctr} (with
   * {@code hmac-sha2-256-etm@openssh.com}); the AES modes, CTR and GCM, stay for every client.
   */
  static List<NamedFactory<Cipher>> ciphers(List<NamedFactory<Cipher>> defaults) {
    return defaults.stream()
        .filter(c -> !BuiltinCiphers.cc20p1305_openssh.getName().equals(c.getName()))
        .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
  }

  private static ThreadFactory hashThreads() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "inbox-hash-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Makes the inbox root and the host key if needed, then listens. */
  public void start() throws IOException {
    Path root = Files.createDirectories(settings.inboxRoot()).toRealPath();
    sshd.setFileSystemFactory(new InboxFileSystemFactory(root));
    Path keyDir = settings.hostKeyPath().toAbsolutePath().getParent();
    if (keyDir != null) {
      Files.createDirectories(keyDir);
    }
    KeyPair hostKey = loadHostKey();
    sshd.start();
    LOG.infof(
        "SFTP inbox listening on %s:%d, users under %s, host key %s %s",
        settings.host(),
        port(),
        root,
        KeyUtils.getKeyType(hostKey.getPublic()),
        KeyUtils.getFingerPrint(hostKey.getPublic()));
  }

  private KeyPair loadHostKey() throws IOException {
    List<KeyPair> keys = hostKeys.loadKeys(null);
    if (keys.isEmpty()) {
      throw new IOException(
          "no host key could be loaded or generated at " + settings.hostKeyPath());
    }
    return keys.get(0);
  }

  /** The port the server listens on (the bound one when configured as 0). */
  public int port() {
    return sshd.getPort();
  }

  public boolean isRunning() {
    return sshd.isStarted() && sshd.isOpen();
  }

  /** The host key's SHA-256 fingerprint, as {@code ssh-keygen -l} prints it. */
  public String hostKeyFingerprint() throws IOException {
    return KeyUtils.getFingerPrint(loadHostKey().getPublic());
  }

  @Override
  public void close() throws IOException {
    if (sshd.isStarted()) {
      sshd.stop(true);
      LOG.info("SFTP inbox stopped");
    }
    hashing.shutdown(); // what is queued is still hashed; later uploads hash in their own thread
  }
}
