package io.gitopskit.core.appset.generator;

import io.gitopskit.core.internal.Glob;
import java.util.regex.Pattern;

/** The three path-matching dialects of the Git generators. */
final class PathPatterns {

  private PathPatterns() {}

  /** How a pattern is matched. */
  enum Dialect {
    /** Go's {@code path.Match}: {@code *} and {@code ?} within one segment; no {@code **}. */
    GO_PATH_MATCH,
    /** Legacy {@code git ls-files} pathspec globbing: {@code *} crosses {@code /}. */
    PATHSPEC,
    /** doublestar: {@code *} within one segment, {@code **} across segments. */
    DOUBLESTAR
  }

  /** A compiled matcher; throws {@link GeneratorException} for a malformed pattern. */
  static java.util.function.Predicate<String> compile(String pattern, Dialect dialect) {
    if (dialect == Dialect.PATHSPEC) {
      try {
        Glob g = Glob.compile(pattern);
        return g::matches;
      } catch (IllegalArgumentException e) {
        throw new GeneratorException("malformed pattern \"" + pattern + "\": " + e.getMessage(), e);
      }
    }
    Pattern p = Pattern.compile(toRegex(pattern, dialect == Dialect.DOUBLESTAR, pattern));
    return s -> p.matcher(s).matches();
  }

  private static String toRegex(String glob, boolean doublestar, String original) {
    StringBuilder re = new StringBuilder();
    int n = glob.length();
    for (int i = 0; i < n; i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> {
          boolean dbl = doublestar && i + 1 < n && glob.charAt(i + 1) == '*';
          if (dbl) {
            boolean segStart = i == 0 || glob.charAt(i - 1) == '/';
            int after = i + 2;
            boolean segEnd = after == n || glob.charAt(after) == '/';
            if (segStart && segEnd) {
              if (after == n) {
                re.append(".*");
              } else {
                re.append("(?:[^/]*/)*");
                after++;
              }
              i = after - 1;
              continue;
            }
            i++;
          }
          re.append("[^/]*");
        }
        case '?' -> re.append("[^/]");
        case '[' -> {
          int j = i + 1;
          StringBuilder cls = new StringBuilder("[");
          if (j < n && (glob.charAt(j) == '^' || glob.charAt(j) == '!')) {
            cls.append('^');
            j++;
          }
          boolean closed = false;
          for (; j < n; j++) {
            char d = glob.charAt(j);
            if (d == ']' && cls.length() > 1) {
              closed = true;
              break;
            }
            if (d == '\\' && j + 1 < n) {
              j++;
              d = glob.charAt(j);
            }
            if (d == '\\' || d == '[' || d == ']' || d == '^' || d == '&') {
              cls.append('\\');
            }
            cls.append(d);
          }
          if (!closed) {
            throw new GeneratorException("syntax error in pattern \"" + original + "\"");
          }
          re.append(cls).append(']');
          i = j;
        }
        case '{' -> {
          if (!doublestar) {
            re.append("\\{");
            break;
          }
          int close = glob.indexOf('}', i);
          if (close < 0) {
            throw new GeneratorException("syntax error in pattern \"" + original + "\"");
          }
          re.append("(?:");
          String[] alts = glob.substring(i + 1, close).split(",", -1);
          for (int k = 0; k < alts.length; k++) {
            if (k > 0) {
              re.append('|');
            }
            re.append(toRegex(alts[k], true, original));
          }
          re.append(')');
          i = close;
        }
        case '\\' -> {
          if (i + 1 >= n) {
            throw new GeneratorException("syntax error in pattern \"" + original + "\"");
          }
          re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
        }
        default -> {
          if ("().+|^$".indexOf(c) >= 0) {
            re.append('\\');
          }
          re.append(c);
        }
      }
    }
    return re.toString();
  }
}
