package io.gitopskit.git.internal;

import io.gitopskit.git.RepoCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Locale;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory2;
import org.eclipse.jgit.transport.http.JDKHttpConnectionFactory;
import org.eclipse.jgit.util.HttpSupport;

/**
 * JGit HTTP connections that trust HTTPS servers per {@link RepoCredentials.Tls}: only the
 * given CA certificates, or nothing checked when insecure. Set on one transport at a time
 * ({@code TransportHttp.setHttpConnectionFactory}), never JVM-wide. Not API.
 */
final class TlsConnectionFactory implements HttpConnectionFactory2 {

  private final JDKHttpConnectionFactory delegate = new JDKHttpConnectionFactory();
  private final boolean insecure;
  private final TrustManager[] trustManagers;

  TlsConnectionFactory(RepoCredentials.Tls tls) {
    this.insecure = tls.insecure();
    this.trustManagers = insecure ? new TrustManager[0] : trustManagers(tls);
  }

  private static TrustManager[] trustManagers(RepoCredentials.Tls tls) {
    try {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(
          new ByteArrayInputStream(tls.caCertificates().getBytes(StandardCharsets.US_ASCII)))) {
        ks.setCertificateEntry("ca-" + i++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      return tmf.getTrustManagers();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("the CA certificates for "
          + Redaction.url(tls.urlPrefix()) + " cannot be used: " + e.getMessage(), e);
    }
  }

  @Override
  public HttpConnection create(URL url) throws IOException {
    return delegate.create(url);
  }

  @Override
  public HttpConnection create(URL url, Proxy proxy) throws IOException {
    return delegate.create(url, proxy);
  }

  @Override
  public GitSession newSession() {
    return new GitSession() {
      @Override
      public HttpConnection configure(HttpConnection connection, boolean sslVerify)
          throws IOException, GeneralSecurityException {
        if (!"https".equals(connection.getURL().getProtocol().toLowerCase(Locale.ROOT))) {
          return connection;
        }
        if (insecure || !sslVerify) {
          HttpSupport.disableSslVerify(connection);
        } else {
          connection.configure(null, trustManagers, null);
        }
        return connection;
      }

      @Override
      public void close() {
        // nothing held
      }
    };
  }
}
