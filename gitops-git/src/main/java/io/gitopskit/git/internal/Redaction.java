package io.gitopskit.git.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Keeps secrets out of messages: removes passwords from URLs and replaces known secret strings.
 * Not API.
 */
public final class Redaction {

  private static final Pattern URL_USERINFO =
      Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)([^/@\\s:]*):([^/@\\s]*)@");
  /** {@code https://<token>@host}: over HTTP a lone user-info is a token (GitHub, GitLab). */
  private static final Pattern HTTP_TOKEN_USERINFO =
      Pattern.compile("((?i:https?|ftps?)://)([^/@\\s:]+)@");

  private Redaction() {}

  /**
   * A URL without its password: {@code https://u:t@h/r} becomes {@code https://u:***@h/r}, and
   * over HTTP(S) a lone user-info (a token) is masked too: {@code https://t@h/r} becomes {@code
   * https://***@h/r}.
   *
   * @param url a URL, or any text containing URLs
   * @return the text with user-info passwords masked
   */
  public static String url(String url) {
    String s = URL_USERINFO.matcher(url)
        .replaceAll(r -> Matcher.quoteReplacement(r.group(1) + r.group(2) + ":***@"));
    return HTTP_TOKEN_USERINFO.matcher(s)
        .replaceAll(r -> Matcher.quoteReplacement(r.group(1) + "***@"));
  }

  /**
   * The key a repository is cached under: its URL without any user-info password.
   *
   * @param url the repository URL
   * @return the URL with the password removed
   */
  public static String cacheKey(String url) {
    String s = URL_USERINFO.matcher(url)
        .replaceAll(r -> Matcher.quoteReplacement(r.group(1) + r.group(2) + "@"));
    return HTTP_TOKEN_USERINFO.matcher(s).replaceAll(r -> Matcher.quoteReplacement(r.group(1)));
  }

  /**
   * The secrets a URL carries in its user-info: a password, or over HTTP(S) a lone user-info
   * (a token), as written and percent-decoded, so they can be masked wherever a library
   * quotes them without the URL around them.
   *
   * @param url the repository URL
   * @return the secrets, possibly none
   */
  public static List<String> urlSecrets(String url) {
    List<String> out = new ArrayList<>();
    Matcher m = URL_USERINFO.matcher(url);
    while (m.find()) {
      addDecoded(out, m.group(3));
    }
    Matcher t = HTTP_TOKEN_USERINFO.matcher(url);
    while (t.find()) {
      addDecoded(out, t.group(2));
    }
    return List.copyOf(out);
  }

  private static void addDecoded(List<String> out, String secret) {
    if (secret.isEmpty()) {
      return;
    }
    out.add(secret);
    try {
      String decoded = java.net.URLDecoder.decode(secret.replace("+", "%2B"),
          java.nio.charset.StandardCharsets.UTF_8);
      if (!decoded.equals(secret)) {
        out.add(decoded);
      }
    } catch (IllegalArgumentException notEncoded) {
      // not percent-encoded: the secret as written is all there is
    }
  }

  /**
   * Text with URL passwords and each given secret masked.
   *
   * @param text the text, or null
   * @param secrets strings that must not appear
   * @return the masked text ({@code ""} for null)
   */
  public static String text(@Nullable String text, Collection<String> secrets) {
    if (text == null) {
      return "";
    }
    String s = url(text);
    for (String secret : secrets) {
      if (secret.length() >= 4) {
        s = s.replace(secret, "***");
        // a private key may be quoted line by line
        for (String line : secret.split("\n")) {
          if (line.trim().length() >= 16) {
            s = s.replace(line.trim(), "***");
          }
        }
      }
    }
    return s;
  }

  /**
   * A copy of a failure chain whose messages are masked, keeping types (as names) and stack
   * traces, so the cause can be attached to an exception without carrying a secret.
   *
   * @param cause the failure
   * @param secrets strings that must not appear
   * @return the masked copy
   */
  public static RedactedCause cause(Throwable cause, Collection<String> secrets) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = cause; t != null && chain.size() < 16; t = t.getCause()) {
      chain.add(t);
    }
    RedactedCause next = null;
    for (int i = chain.size() - 1; i >= 0; i--) {
      Throwable t = chain.get(i);
      RedactedCause r = new RedactedCause(
          t.getClass().getName() + ": " + text(t.getMessage(), secrets), next);
      r.setStackTrace(t.getStackTrace());
      next = r;
    }
    return next;
  }

  /** A masked stand-in for a third-party failure. */
  public static final class RedactedCause extends Exception {
    private static final long serialVersionUID = 1L;

    RedactedCause(String message, @Nullable Throwable cause) {
      super(message, cause);
    }
  }
}
