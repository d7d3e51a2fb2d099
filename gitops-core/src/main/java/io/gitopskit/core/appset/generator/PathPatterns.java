package io.gitopskit.core.appset.generator;

import io.gitopskit.core.internal.Glob;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

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
    Glob g = Glob.of(pattern, toNode(pattern, dialect == Dialect.DOUBLESTAR, pattern));
    return g::matches;
  }

  private static final IntPredicate NOT_SLASH = c -> c != '/';

  /**
   * The pattern as a {@link Glob} tree: matched by simulation, so no pattern (such as {@code
   * *a*a*a*a*b}) can make a long path take more than linear time per pattern character.
   */
  private static Glob.Node toNode(String glob, boolean doublestar, String original) {
    List<Glob.Node> seq = new ArrayList<>();
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
                seq.add(new Glob.Many(Glob.ANY));
              } else {
                // zero or more whole segments: nothing, or anything that ends with a slash
                seq.add(new Glob.Alt(List.of(new Glob.Seq(List.of()), new Glob.Seq(List.of(
                    new Glob.Many(Glob.ANY), Glob.literal('/'))))));
                after++;
              }
              i = after - 1;
              continue;
            }
            i++;
          }
          seq.add(new Glob.Many(NOT_SLASH));
        }
        case '?' -> seq.add(new Glob.One(NOT_SLASH));
        case '[' -> {
          int j = i + 1;
          boolean negate = false;
          if (j < n && (glob.charAt(j) == '^' || glob.charAt(j) == '!')) {
            negate = true;
            j++;
          }
          List<Character> chars = new ArrayList<>();
          List<Boolean> escaped = new ArrayList<>();
          boolean closed = false;
          for (; j < n; j++) {
            char d = glob.charAt(j);
            if (d == ']' && !chars.isEmpty()) {
              closed = true;
              break;
            }
            boolean esc = false;
            if (d == '\\' && j + 1 < n) {
              j++;
              d = glob.charAt(j);
              esc = true;
            }
            chars.add(d);
            escaped.add(esc);
          }
          if (!closed) {
            throw new GeneratorException("syntax error in pattern \"" + original + "\"");
          }
          List<int[]> ranges = new ArrayList<>();
          for (int k = 0; k < chars.size(); k++) {
            char lo = chars.get(k);
            if (k + 2 < chars.size() && chars.get(k + 1) == '-' && !escaped.get(k + 1)) {
              char hi = chars.get(k + 2);
              if (hi < lo) {
                throw new GeneratorException("syntax error in pattern \"" + original + "\"");
              }
              ranges.add(new int[] {lo, hi});
              k += 2;
            } else {
              ranges.add(new int[] {lo, lo});
            }
          }
          seq.add(new Glob.One(Glob.inRanges(ranges, negate)));
          i = j;
        }
        case '{' -> {
          if (!doublestar) {
            seq.add(Glob.literal('{'));
            break;
          }
          int close = glob.indexOf('}', i);
          if (close < 0) {
            throw new GeneratorException("syntax error in pattern \"" + original + "\"");
          }
          List<Glob.Node> options = new ArrayList<>();
          for (String alt : glob.substring(i + 1, close).split(",", -1)) {
            options.add(toNode(alt, true, original));
          }
          seq.add(new Glob.Alt(options));
          i = close;
        }
        case '\\' -> {
          if (i + 1 >= n) {
            throw new GeneratorException("syntax error in pattern \"" + original + "\"");
          }
          seq.add(Glob.literal(glob.charAt(++i)));
        }
        default -> seq.add(Glob.literal(c));
      }
    }
    return new Glob.Seq(seq);
  }
}
