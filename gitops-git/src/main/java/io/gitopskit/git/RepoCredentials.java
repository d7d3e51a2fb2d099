package io.gitopskit.git;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * Credentials for the repositories whose URL starts with a prefix: HTTPS user and token, or an
 * SSH private key with the known host keys to trust.
 *
 * <p>When several prefixes match a URL, the longest wins. {@link #toString()} never shows a
 * secret, and no secret ever appears in a log line, an exception message or an audit record.
 *
 * @since 0.1
 */
public sealed interface RepoCredentials permits RepoCredentials.Https, RepoCredentials.Ssh {

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
   * The credentials whose prefix is the longest that the URL starts with.
   *
   * @param all candidate credentials
   * @param url the repository URL
   * @return the best match, or empty
   */
  static Optional<RepoCredentials> select(Collection<? extends RepoCredentials> all, String url) {
    RepoCredentials best = null;
    for (RepoCredentials c : all) {
      if (url.startsWith(c.urlPrefix())
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

  private static void requireNonBlank(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
