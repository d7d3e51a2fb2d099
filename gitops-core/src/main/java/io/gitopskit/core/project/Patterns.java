package io.gitopskit.core.project;

import io.gitopskit.core.internal.Glob;
import io.gitopskit.core.internal.Regexes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The three pattern dialects of Argo CD's project rules, each with its exact quirks:
 *
 * <ul>
 *   <li>{@link #glob} — Argo CD's {@code globMatch}: a pattern that is exactly {@code *}
 *       matches anything; otherwise a gobwas glob, where with separators {@code *} stays within
 *       a segment and {@code **} crosses; a malformed pattern matches nothing; with negation
 *       allowed, {@code !p} means "does not match p".
 *   <li>{@link #filepath} — Go's {@code filepath.Match} for resource group, kind and name:
 *       {@code *} and {@code ?} never match {@code /}, classes ({@code [a-z]}) negate with
 *       {@code ^}, no braces; a malformed pattern matches nothing.
 *   <li>{@link #sourceNamespace} — a glob, or {@code /regex/} matched anywhere in the value
 *       (unanchored, as Go's {@code regexp.MatchString}).
 * </ul>
 */
final class Patterns {

  private static final int MAX_CACHED = 10_000;
  private static final Object INVALID = new Object();
  private static final Map<String, Object> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
      return size() > MAX_CACHED;
    }
  };

  private Patterns() {}

  /** Whether a pattern is a negation ({@code !...}). */
  static boolean isDeny(String pattern) {
    return pattern.startsWith("!");
  }

  /** Argo CD's {@code globMatch(pattern, value, allowNegation, separators...)}. */
  static boolean glob(String pattern, String value, boolean allowNegation, String separators) {
    if (allowNegation && isDeny(pattern)) {
      return !gobwas(pattern.substring(1), value, separators);
    }
    if (pattern.equals("*")) {
      return true;
    }
    return gobwas(pattern, value, separators);
  }

  /** Whether a glob compiles (for read-time warnings). */
  static boolean isValidGlob(String pattern, String separators) {
    return compiled("g" + separators + "\u0000" + pattern) != INVALID;
  }

  private static boolean gobwas(String pattern, String value, String separators) {
    Object c = compiled("g" + separators + "\u0000" + pattern);
    return c instanceof Glob g && g.matches(value);
  }

  /** Go's {@code filepath.Match}; false for a malformed pattern. */
  static boolean filepath(String pattern, String value) {
    Object c = compiled("f\u0000" + pattern);
    return c instanceof Glob g && g.matches(value);
  }

  /** Whether a {@code filepath.Match} pattern is well formed. */
  static boolean isValidFilepath(String pattern) {
    return compiled("f\u0000" + pattern) != INVALID;
  }

  /** Argo CD's {@code MatchStringInList(..., REGEXP)} for one entry. */
  static boolean sourceNamespace(String pattern, String value) {
    if (pattern.length() >= 2 && pattern.startsWith("/") && pattern.endsWith("/")) {
      Object c = compiled("r\u0000" + pattern.substring(1, pattern.length() - 1));
      try {
        if (c instanceof Pattern p && Regexes.find(p, value)) {
          return true;
        }
      } catch (Regexes.TooComplex e) {
        // RE2 would have answered in linear time; a pattern that needs more work than the
        // budget allows matches nothing rather than hang the caller
      }
    }
    return gobwas(pattern, value, "");
  }

  private static Object compiled(String key) {
    Object c;
    synchronized (CACHE) {
      c = CACHE.get(key);
    }
    if (c != null) {
      return c;
    }
    int sep = key.indexOf('\u0000');
    String pattern = key.substring(sep + 1);
    try {
      c = switch (key.charAt(0)) {
        case 'g' -> Glob.compile(pattern, key.substring(1, sep));
        case 'f' -> Glob.filepathMatch(pattern);
        default -> Pattern.compile(pattern);
      };
    } catch (IllegalArgumentException | StackOverflowError e) {
      // a malformed pattern, or a regular expression nested too deeply to compile
      c = INVALID;
    }
    synchronized (CACHE) {
      CACHE.put(key, c);
    }
    return c;
  }

  /**
   * Argo CD's {@code NormalizeGitURL}: trimmed, lower case, an scp-like SSH URL ({@code
   * git@host:org/repo}) turned into {@code git@host/org/repo}, {@code ssh://} and a trailing
   * {@code .git} dropped.
   */
  static String normalizeRepoUrl(String url) {
    String repo = url.trim().toLowerCase(Locale.ROOT);
    if (isSsh(repo) && !repo.startsWith("ssh://")) {
      repo = "ssh://" + repo.replaceFirst(":", "/");
    }
    if (repo.endsWith(".git")) {
      repo = repo.substring(0, repo.length() - 4);
    }
    return repo.startsWith("ssh://") ? repo.substring(6) : repo;
  }

  private static final Pattern SSH = Pattern.compile("^(ssh://)?([^/:]*?)@[^@]+$");

  private static boolean isSsh(String url) {
    return SSH.matcher(url).matches();
  }

  /**
   * A URL for messages: credentials written into it ({@code https://user:token@host/...}) are
   * replaced by {@code ***}, so a refusal never repeats a token.
   */
  static String redactUserInfo(String url) {
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      return url;
    }
    int hostStart = scheme + 3;
    int slash = url.indexOf('/', hostStart);
    int end = slash < 0 ? url.length() : slash;
    int at = url.lastIndexOf('@', end - 1);
    if (at < hostStart) {
      return url;
    }
    return url.substring(0, hostStart) + "***" + url.substring(at);
  }

  /** A pattern quoted for messages (patterns are configuration, not secrets). */
  static String quote(@Nullable String pattern) {
    return "'" + pattern + "'";
  }
}
