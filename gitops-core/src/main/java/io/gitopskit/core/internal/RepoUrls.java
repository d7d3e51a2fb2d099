package io.gitopskit.core.internal;

import java.util.Locale;

/** Repository URL helpers shared by project policy and Git signature policy. Not API. */
public final class RepoUrls {

  private RepoUrls() {}

  /**
   * An {@code http(s)://user:token@host/...} URL without its user-info, so that credentials
   * written into a URL cannot take it out of (or into) a policy's patterns; other URLs (e.g.
   * {@code git@host:org/repo}, where the user is part of the address) are only trimmed.
   *
   * @param url the URL
   * @return the URL without http(s) user-info
   */
  public static String withoutHttpCredentials(String url) {
    String u = url.trim();
    String lower = u.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
      return u;
    }
    int hostStart = u.indexOf("://") + 3;
    int slash = u.indexOf('/', hostStart);
    int at = u.lastIndexOf('@', (slash < 0 ? u.length() : slash) - 1);
    return at < hostStart ? u : u.substring(0, hostStart) + u.substring(at + 1);
  }
}
