package io.gitopskit.git;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * Credentials for the repositories whose URL starts with a prefix: HTTPS user and token, or an
 * SSH private key with the known host keys to trust; and, separately, how the TLS certificate
 * of an HTTPS server is trusted ({@link Tls}: custom CA certificates or {@code insecure}, as
 * Argo CD's {@code argocd-tls-certs-cm} and a repository's {@code insecure} flag).
 *
 * <p>Authentication ({@link Https}, {@link Ssh}) and TLS trust ({@link Tls}) are chosen
 * independently, each by the longest matching prefix, so a token for {@code
 * https://git.example.com/} and a CA for the same host combine. {@link #toString()} never shows
 * a secret, and no secret ever appears in a log line, an exception message or an audit record.
 *
 * @since 0.1
 */
public sealed interface RepoCredentials
    permits RepoCredentials.Https, RepoCredentials.Ssh, RepoCredentials.Tls {

  /**
   * The URL prefix these credentials apply to, e.g. {@code https://git.example.com/team/}.
   *
   * @return the prefix
   */
  String urlPrefix();

  /**
   * HTTPS basic credentials: a user and a password or access token.
   *
   * @param urlPrefix the URL prefix
   * @param username the user name (for token-only servers any non-empty name)
   * @param token the password or token
   * @return the credentials
   */
  static Https https(String urlPrefix, String username, String token) {
    return new Https(urlPrefix, username, token);
  }

  /**
   * An SSH key, with strict host key checking against the given {@code known_hosts} lines.
   *
   * @param urlPrefix the URL prefix, e.g. {@code ssh://git@git.example.com/}
   * @param privateKey the private key in OpenSSH or PEM form, unencrypted
   * @param knownHosts {@code known_hosts} lines; a server whose key is not listed is refused
   * @return the credentials
   */
  static Ssh ssh(String urlPrefix, String privateKey, String knownHosts) {
    return new Ssh(urlPrefix, privateKey, "", knownHosts);
  }

  /**
   * TLS trust for HTTPS servers under a prefix: only the given CA certificates are trusted (the
   * JVM's default trust store is not consulted for these URLs), as Argo CD does with the
   * certificates configured for a server.
   *
   * @param urlPrefix the URL prefix, e.g. {@code https://git.internal.example/}
   * @param caCertificates one or more PEM {@code CERTIFICATE} blocks
   * @return the TLS settings
   * @throws IllegalArgumentException if no certificate can be read
   */
  static Tls tls(String urlPrefix, String caCertificates) {
    return new Tls(urlPrefix, caCertificates, false);
  }

  /**
   * No TLS verification for HTTPS servers under a prefix (Argo CD's {@code insecure: true}):
   * any certificate and host name are accepted. For test and bootstrap setups only.
   *
   * @param urlPrefix the URL prefix
   * @return the TLS settings
   */
  static Tls insecure(String urlPrefix) {
    return new Tls(urlPrefix, "", true);
  }

  /**
   * The authentication credentials ({@link Https} or {@link Ssh}) whose prefix is the longest
   * that the URL starts with; {@link Tls} entries are not considered.
   *
   * @param all candidate credentials
   * @param url the repository URL
   * @return the best match, or empty
   */
  static Optional<RepoCredentials> select(Collection<? extends RepoCredentials> all, String url) {
    return longest(all, url, c -> !(c instanceof Tls)).map(RepoCredentials.class::cast);
  }

  /**
   * The TLS settings whose prefix is the longest that the URL starts with.
   *
   * @param all candidate credentials
   * @param url the repository URL
   * @return the best match, or empty
   */
  static Optional<Tls> selectTls(Collection<? extends RepoCredentials> all, String url) {
    return longest(all, url, c -> c instanceof Tls).map(Tls.class::cast);
  }

  private static Optional<? extends RepoCredentials> longest(
      Collection<? extends RepoCredentials> all, String url,
      java.util.function.Predicate<RepoCredentials> kind) {
    RepoCredentials best = null;
    // a URL that carries a token or password (https://<token>@host/...) matches the prefixes
    // of the same URL without it
    String bare = io.gitopskit.git.internal.Redaction.cacheKey(url);
    for (RepoCredentials c : all) {
      if (kind.test(c) && (url.startsWith(c.urlPrefix()) || bare.startsWith(c.urlPrefix()))
          && (best == null || c.urlPrefix().length() > best.urlPrefix().length())) {
        best = c;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * HTTPS user and token.
   *
   * @param urlPrefix the URL prefix, not blank
   * @param username the user name, not blank
   * @param token the password or token, not empty
   */
  record Https(String urlPrefix, String username, String token) implements RepoCredentials {

    /** Validates the components. */
    public Https {
      requireNonBlank(urlPrefix, "urlPrefix");
      requireNonBlank(username, "username");
      if (Objects.requireNonNull(token, "token").isEmpty()) {
        throw new IllegalArgumentException("token must not be empty");
      }
    }

    @Override
    public String toString() {
      return "Https[urlPrefix=" + urlPrefix + ", username=" + username + ", token=***]";
    }
  }

  /**
   * An SSH private key and the host keys to trust.
   *
   * @param urlPrefix the URL prefix, not blank
   * @param privateKey the private key (OpenSSH or PEM text)
   * @param passphrase the key's passphrase, {@code ""} for an unencrypted key
   * @param knownHosts {@code known_hosts} lines, at least one host key
   */
  record Ssh(String urlPrefix, String privateKey, String passphrase, String knownHosts)
      implements RepoCredentials {

    /** Validates the components. */
    public Ssh {
      requireNonBlank(urlPrefix, "urlPrefix");
      requireNonBlank(privateKey, "privateKey");
      Objects.requireNonNull(passphrase, "passphrase");
      requireNonBlank(knownHosts, "knownHosts");
    }

    /**
     * A copy for an encrypted key.
     *
     * @param value the passphrase
     * @return the new credentials
     */
    public Ssh withPassphrase(String value) {
      return new Ssh(urlPrefix, privateKey, value, knownHosts);
    }

    @Override
    public String toString() {
      return "Ssh[urlPrefix=" + urlPrefix + ", privateKey=***, knownHosts="
          + knownHosts.lines().count() + " line(s)]";
    }
  }

  /**
   * How HTTPS servers under a prefix are trusted: custom CA certificates (PEM), or no
   * verification at all.
   *
   * @param urlPrefix the URL prefix, not blank
   * @param caCertificates PEM certificates to trust instead of the JVM's defaults; {@code ""}
   *     when {@code insecure}
   * @param insecure whether certificates and host names go unchecked
   */
  record Tls(String urlPrefix, String caCertificates, boolean insecure)
      implements RepoCredentials {

    /** Validates the components: certificates are required unless insecure, and must parse. */
    public Tls {
      requireNonBlank(urlPrefix, "urlPrefix");
      Objects.requireNonNull(caCertificates, "caCertificates");
      if (!insecure) {
        int count;
        try {
          count = java.security.cert.CertificateFactory.getInstance("X.509")
              .generateCertificates(new java.io.ByteArrayInputStream(
                  caCertificates.getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
              .size();
        } catch (java.security.cert.CertificateException e) {
          throw new IllegalArgumentException(
              "the CA certificates for " + io.gitopskit.git.internal.Redaction.url(urlPrefix)
                  + " cannot be read: " + e.getMessage(), e);
        }
        if (count == 0) {
          throw new IllegalArgumentException(
              "the CA certificates for " + io.gitopskit.git.internal.Redaction.url(urlPrefix)
              + " hold no certificate");
        }
      }
    }

    @Override
    public String toString() {
      return "Tls[urlPrefix=" + urlPrefix + (insecure ? ", insecure" : ", caCertificates="
          + caCertificates.lines().filter(l -> l.startsWith("-----BEGIN")).count()) + "]";
    }
  }

  private static void requireNonBlank(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
