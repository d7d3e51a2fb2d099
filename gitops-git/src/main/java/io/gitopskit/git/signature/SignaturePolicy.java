package io.gitopskit.git.signature;

import io.gitopskit.core.internal.Glob;
import io.gitopskit.core.internal.RepoUrls;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which commits must be signed, and by whom: Argo CD's {@code sourceIntegrity.git} GPG policy.
 *
 * <ul>
 *   <li>{@code repos}: URL globs the policy applies to ({@code *} matches anything, a leading
 *       {@code !} excludes); a repository no glob selects is not verified;
 *   <li>{@code mode}: {@link Mode#HEAD} checks the resolved commit (for an annotated tag, the
 *       tag's own signature), {@link Mode#STRICT} every commit in its history;
 *   <li>{@code allowedKeys}: OpenPGP key ids (16 hex digits), short ids (8) or fingerprints
 *       (40); the signing key, or the primary key of a signing sub-key, must be listed;
 *   <li>{@code publicKeys}: the ASCII-armored public keys to verify with (Argo CD's keyring).
 * </ul>
 *
 * @param repos URL globs, at least one
 * @param mode what to verify
 * @param allowedKeys allowed key ids or fingerprints, normalized to upper case without spaces
 * @param publicKeys ASCII-armored OpenPGP public keys
 * @since 0.1
 */
public record SignaturePolicy(List<String> repos, Mode mode, List<String> allowedKeys,
    String publicKeys) {

  /** How much of the history must be signed. */
  public enum Mode {
    /** Nothing is verified. */
    NONE,
    /** The resolved commit, or the annotated tag it was reached through. */
    HEAD,
    /** The resolved commit and every ancestor. */
    STRICT
  }

  /**
   * Validates and normalizes the components.
   *
   * @throws IllegalArgumentException if a glob or key id is malformed
   */
  public SignaturePolicy {
    repos = List.copyOf(repos);
    if (repos.isEmpty()) {
      throw new IllegalArgumentException("a signature policy needs at least one repo glob");
    }
    for (String r : repos) {
      Glob.compile(r.startsWith("!") ? r.substring(1) : r);
    }
    Objects.requireNonNull(mode, "mode");
    List<String> keys = new ArrayList<>();
    for (String k : allowedKeys) {
      String n = k.replace(" ", "").toUpperCase(Locale.ROOT);
      if (n.startsWith("0X")) {
        n = n.substring(2);
      }
      if (!n.matches("[0-9A-F]{8}|[0-9A-F]{16}|[0-9A-F]{40}|[0-9A-F]{64}")) {
        throw new IllegalArgumentException("not an OpenPGP key id or fingerprint: \"" + k + "\"");
      }
      keys.add(n);
    }
    allowedKeys = List.copyOf(keys);
    Objects.requireNonNull(publicKeys, "publicKeys");
    if (mode != Mode.NONE && (allowedKeys.isEmpty() || publicKeys.isBlank())) {
      throw new IllegalArgumentException(
          "a verifying signature policy needs allowed keys and their public keys");
    }
  }

  /**
   * A policy for every repository.
   *
   * @param mode what to verify
   * @param allowedKeys allowed key ids or fingerprints
   * @param publicKeys the armored public keys
   * @return the policy
   */
  public static SignaturePolicy forAllRepos(Mode mode, List<String> allowedKeys,
      String publicKeys) {
    return new SignaturePolicy(List.of("*"), mode, allowedKeys, publicKeys);
  }

  /**
   * Whether the policy applies to a repository: some glob selects it and no {@code !} glob
   * excludes it.
   *
   * @param repoUrl the repository URL
   * @return true when the policy selects the repository (under {@link Mode#NONE}: for no
   *     verification, which still ends the search for a policy)
   */
  public boolean appliesTo(String repoUrl) {
    String url = RepoUrls.withoutHttpCredentials(repoUrl);
    boolean selected = false;
    for (String r : repos) {
      if (r.startsWith("!")) {
        if (Glob.compile(r.substring(1)).matches(url)) {
          return false;
        }
      } else if (Glob.compile(r).matches(url)) {
        selected = true;
      }
    }
    return selected;
  }

  @Override
  public String toString() {
    return "SignaturePolicy[repos=" + repos + ", mode=" + mode + ", allowedKeys=" + allowedKeys
        + "]";
  }
}
