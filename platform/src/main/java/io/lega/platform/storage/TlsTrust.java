package io.lega.platform.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Trust material made from a PEM file of certificates, to reach an S3 endpoint whose certificate
 * the JVM's trust store does not know.
 *
 * @param trustManager trusts exactly the certificates in the file
 * @param socketFactory TLS sockets that use {@code trustManager}
 */
record TlsTrust(X509TrustManager trustManager, SSLSocketFactory socketFactory) {

  /**
   * Reads every certificate in {@code pemFile}.
   *
   * @throws StorageException if the file cannot be read or holds no certificate
   */
  static TlsTrust fromPem(Path pemFile) throws StorageException {
    try {
      Collection<? extends Certificate> certificates;
      try (InputStream in = Files.newInputStream(pemFile)) {
        certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
      }
      if (certificates.isEmpty()) {
        throw new StorageException("no certificate in " + pemFile);
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate certificate : certificates) {
        store.setCertificateEntry("trusted-" + i++, certificate);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      X509TrustManager trustManager = null;
      for (TrustManager candidate : factory.getTrustManagers()) {
        if (candidate instanceof X509TrustManager x509) {
          trustManager = x509;
        }
      }
      if (trustManager == null) {
        throw new StorageException("no X.509 trust manager available for " + pemFile);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager}, null);
      return new TlsTrust(trustManager, context.getSocketFactory());
    } catch (StorageException e) {
      throw e;
    } catch (IOException | GeneralSecurityException e) {
      throw new StorageException("cannot load trusted certificates from " + pemFile + ": " + e, e);
    }
  }
}
