package io.gitopskit.git.internal;

import io.gitopskit.git.GitException;
import io.gitopskit.git.RepoCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * Wires credentials into JGit transports, per URL prefix, and turns transport failures into
 * typed, secret-free {@link GitException}s. SSH never reads the user's {@code ~/.ssh}: keys and
 * host keys come only from {@link RepoCredentials.Ssh}. Not API.
 */
public final class Transports implements AutoCloseable {

  private final List<RepoCredentials> credentials;
  private final Path sshHome;
  private final int timeoutSeconds;
  private final List<String> secrets;
  private final Map<RepoCredentials.Ssh, SshdSessionFactory> factories =
      new ConcurrentHashMap<>();
  private final Map<RepoCredentials.Tls, TlsConnectionFactory> tlsFactories =
      new ConcurrentHashMap<>();

  /**
   * Creates the wiring.
   *
   * @param credentials credentials per URL prefix
   * @param workDir a private directory for SSH's (empty) home
   * @param timeout the network timeout
   */
  public Transports(List<RepoCredentials> credentials, Path workDir, Duration timeout) {
    this.credentials = List.copyOf(credentials);
    this.sshHome = workDir.resolve("ssh-home");
    this.timeoutSeconds = (int) Math.max(1, timeout.toSeconds());
    List<String> s = new ArrayList<>();
    for (RepoCredentials c : this.credentials) {
      if (c instanceof RepoCredentials.Https) {
        s.add(((RepoCredentials.Https) c).token());
      } else if (c instanceof RepoCredentials.Ssh) {
        RepoCredentials.Ssh ssh = (RepoCredentials.Ssh) c;
        s.add(ssh.privateKey());
        if (!ssh.passphrase().isEmpty()) {
          s.add(ssh.passphrase());
        }
      }
    }
    this.secrets = List.copyOf(s);
  }

  /**
   * Every secret this wiring knows, for {@link Redaction}.
   *
   * @return the secrets
   */
  public List<String> secrets() {
    return secrets;
  }

  /**
   * Every secret this wiring knows plus those in a URL's user-info (a token or password the
   * caller put in the URL), for {@link Redaction}.
   *
   * @param url the repository URL in use
   * @return the secrets
   */
  public List<String> secrets(String url) {
    List<String> inUrl = Redaction.urlSecrets(url);
    if (inUrl.isEmpty()) {
      return secrets;
    }
    List<String> all = new ArrayList<>(secrets);
    all.addAll(inUrl);
    return all;
  }

  /**
   * The transport configuration for a repository URL. Over HTTP(S), credentials in the URL's
   * user-info are used and take precedence over a configured {@link RepoCredentials.Https}:
   * they are the caller's current ones, read on every call, so a rotated token takes effect
   * with the next call that passes it.
   *
   * @param url the repository URL
   * @return the callback to hand to a JGit command
   */
  public TransportConfigCallback configure(String url) {
    Optional<RepoCredentials> c = RepoCredentials.select(credentials, url);
    Optional<UsernamePasswordCredentialsProvider> inUrl = urlCredentials(url);
    Optional<TlsConnectionFactory> tls = RepoCredentials.selectTls(credentials, url)
        .map(t -> tlsFactories.computeIfAbsent(t, TlsConnectionFactory::new));
    return transport -> {
      transport.setTimeout(timeoutSeconds);
      if (transport instanceof TransportHttp && tls.isPresent()) {
        ((TransportHttp) transport).setHttpConnectionFactory(tls.get());
      }
      if (transport instanceof SshTransport) {
        RepoCredentials.Ssh ssh = c.filter(RepoCredentials.Ssh.class::isInstance)
            .map(RepoCredentials.Ssh.class::cast).orElse(null);
        if (ssh == null) {
          throw new IllegalStateException("no SSH credentials configured for this URL");
        }
        ((SshTransport) transport).setSshSessionFactory(factory(ssh));
      }
      if (inUrl.isPresent()) {
        transport.setCredentialsProvider(inUrl.get());
      } else {
        c.filter(RepoCredentials.Https.class::isInstance).map(RepoCredentials.Https.class::cast)
            .ifPresent(h -> transport.setCredentialsProvider(
                new UsernamePasswordCredentialsProvider(h.username(), h.token())));
      }
    };
  }

  /**
   * The credentials an HTTP(S) URL carries in its user-info, as the caller passed it this
   * time: {@code https://user:token@host/...}, or a lone token {@code https://<token>@host/...}
   * (sent as the user name with an empty password, as GitHub, GitLab and Azure DevOps accept).
   */
  private static Optional<UsernamePasswordCredentialsProvider> urlCredentials(String url) {
    URIish uri;
    try {
      uri = new URIish(url);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http")) || uri.getUser() == null
        || uri.getUser().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new UsernamePasswordCredentialsProvider(uri.getUser(),
        uri.getPass() == null ? "" : uri.getPass()));
  }

  private SshdSessionFactory factory(RepoCredentials.Ssh ssh) {
    return factories.computeIfAbsent(ssh, this::newFactory);
  }

  private SshdSessionFactory newFactory(RepoCredentials.Ssh ssh) {
    List<KeyPair> keys = new ArrayList<>();
    try {
      FilePasswordProvider pw = ssh.passphrase().isEmpty() ? FilePasswordProvider.EMPTY
          : FilePasswordProvider.of(ssh.passphrase());
      for (KeyPair kp : SecurityUtils.loadKeyPairIdentities(null,
          NamedResource.ofName("key for " + ssh.urlPrefix()),
          new ByteArrayInputStream(ssh.privateKey().getBytes(StandardCharsets.UTF_8)), pw)) {
        keys.add(kp);
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException(
          "the SSH private key for " + Redaction.url(ssh.urlPrefix()) + " cannot be read ("
              + e.getClass().getSimpleName() + ")");
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(
          "the SSH private key for " + Redaction.url(ssh.urlPrefix()) + " holds no key");
    }
    KnownHosts knownHosts = new KnownHosts(ssh.knownHosts());
    try {
      Files.createDirectories(sshHome.resolve(".ssh"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<KeyPair> fixed = List.copyOf(keys);
    return new SshdSessionFactoryBuilder()
        .setHomeDirectory(sshHome.toFile())
        .setSshDirectory(sshHome.resolve(".ssh").toFile())
        .setPreferredAuthentications("publickey")
        .setDefaultIdentities(dir -> List.of())
        .setDefaultKnownHostsFiles(dir -> List.of())
        .setDefaultKeysProvider(dir -> fixed)
        .setServerKeyDatabase((home, dir) -> knownHosts)
        .setConfigStoreFactory((home, file, user) -> null)
        .build(null);
  }

  /**
   * A typed, secret-free failure for a JGit transport or I/O failure: {@link
   * GitException.AuthenticationFailed} when the server refused the credentials or could not
   * itself be authenticated (SSH host key not known, TLS certificate not trusted), else {@link
   * GitException.Unreachable}. The kind is decided from the failure's types and messages with
   * every URL taken out, so a repository named {@code auth-service} is not an auth failure.
   *
   * @param what e.g. {@code fetch https://host/repo}; secrets in the URL's user-info are
   *     masked here and in the failure's messages
   * @param e the failure
   * @return the exception to throw
   */
  public GitException failure(String what, Exception e) {
    List<String> known = secrets(what);
    String detail = Redaction.text(rootMessage(e), known);
    Redaction.RedactedCause cause = Redaction.cause(e, known);
    String message = "failed to " + Redaction.text(what, known) + ": " + detail;
    return isAuthentication(e)
        ? new GitException.AuthenticationFailed(message, cause)
        : new GitException.Unreachable(message, cause);
  }

  private static final java.util.regex.Pattern URLS =
      java.util.regex.Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://\\S*|\\S+@\\S+:\\S*|'/\\S*'");
  private static final List<String> AUTH_WORDS = List.of("not authorized", "authentication",
      "credentialsprovider", "server key", "host key", "permission denied", "cannot log in",
      "no ssh credentials", "not permitted", "ssl problems", "certification path",
      "pkix path");

  static boolean isAuthentication(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof javax.net.ssl.SSLHandshakeException
          || t instanceof java.security.cert.CertificateException
          || t instanceof java.security.cert.CertPathValidatorException) {
        return true;
      }
      String msg = t.getMessage();
      if (msg != null) {
        String lower = URLS.matcher(msg).replaceAll(" ").toLowerCase(Locale.ROOT);
        for (String word : AUTH_WORDS) {
          if (lower.contains(word)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The failure's message with its causes' messages that add something, in order. */
  private static String rootMessage(Throwable e) {
    StringBuilder msg = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage();
      if (m == null || m.isBlank() || msg.indexOf(m) >= 0) {
        continue;
      }
      if (msg.length() == 0) {
        msg.append(m);
      } else {
        msg.append(" (").append(m).append(')');
      }
    }
    return msg.length() == 0 ? e.getClass().getSimpleName() : msg.toString();
  }

  @Override
  public void close() {
    factories.values().forEach(SshdSessionFactory::close);
    factories.clear();
  }
}
