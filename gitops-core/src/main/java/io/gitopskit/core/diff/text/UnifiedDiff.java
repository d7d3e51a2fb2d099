package io.gitopskit.core.diff.text;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.load.ManifestWriter;
import io.gitopskit.core.model.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A unified diff between two texts, as {@code diff -u} and {@code kubectl diff} print it.
 *
 * <pre>{@code
 * --- live/apps/Deployment/dev/web
 * +++ desired/apps/Deployment/dev/web
 * @@ -12,7 +12,7 @@
 *      spec:
 * -      replicas: 2
 * +      replicas: 3
 * }</pre>
 *
 * @param aName the name of the first (old) text, printed after {@code ---}
 * @param bName the name of the second (new) text, printed after {@code +++}
 * @param hunks the hunks in order; empty when the texts are equal
 * @since 0.1
 */
public record UnifiedDiff(String aName, String bName, List<Hunk> hunks) {

  /** Lines of context around each change, as {@code diff -u}. */
  public static final int DEFAULT_CONTEXT = 3;

  /** Validates and copies. */
  public UnifiedDiff {
    Objects.requireNonNull(aName, "aName");
    Objects.requireNonNull(bName, "bName");
    hunks = List.copyOf(hunks);
  }

  /**
   * What a line of a hunk does.
   *
   * @since 0.1
   */
  public enum Kind {
    /** Unchanged context, printed with a leading space. */
    CONTEXT(' '),
    /** Only in the first text, printed with {@code -}. */
    DELETE('-'),
    /** Only in the second text, printed with {@code +}. */
    INSERT('+');

    private final char prefix;

    Kind(char prefix) {
      this.prefix = prefix;
    }

    /**
     * The character a line of this kind starts with.
     *
     * @return a space, {@code -} or {@code +}
     */
    public char prefix() {
      return prefix;
    }
  }

  /**
   * One line of a hunk.
   *
   * @param kind context, deletion or insertion
   * @param text the line without its line break
   * @param newline whether the line ends with a line break (only the last line of a text may
   *     not)
   * @since 0.1
   */
  public record Line(Kind kind, String text, boolean newline) {
    /** Validates. */
    public Line {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * One hunk: a run of changes with its context.
   *
   * @param aStart the first line of the first text it covers, from 1 (or, when {@code aCount}
   *     is 0, the line after which it applies, from 0)
   * @param aCount the number of lines of the first text it covers
   * @param bStart as {@code aStart}, for the second text
   * @param bCount the number of lines of the second text it covers
   * @param lines the context, deleted and inserted lines in order
   * @since 0.1
   */
  public record Hunk(int aStart, int aCount, int bStart, int bCount, List<Line> lines) {
    /** Copies the lines. */
    public Hunk {
      lines = List.copyOf(lines);
    }

    /**
     * The header line.
     *
     * @return e.g. {@code @@ -3,7 +3,8 @@}
     */
    public String header() {
      return "@@ -" + range(aStart, aCount) + " +" + range(bStart, bCount) + " @@";
    }

    private static String range(int start, int count) {
      return count == 1 ? Integer.toString(start) : start + "," + count;
    }
  }

  /**
   * The diff of two texts with {@value #DEFAULT_CONTEXT} lines of context.
   *
   * @param aName the first text's name
   * @param a the first (old) text
   * @param bName the second text's name
   * @param b the second (new) text
   * @return the diff
   */
  public static UnifiedDiff of(String aName, String a, String bName, String b) {
    return of(aName, a, bName, b, DEFAULT_CONTEXT);
  }

  /**
   * The diff of two texts. Lines are split at {@code \n}; a missing final line break is a
   * difference of its own, as in {@code diff}.
   *
   * @param aName the first text's name
   * @param a the first (old) text
   * @param bName the second text's name
   * @param b the second (new) text
   * @param context the lines of context around changes, at least 0
   * @return the diff
   * @throws IllegalArgumentException if {@code context} is negative
   */
  public static UnifiedDiff of(String aName, String a, String bName, String b, int context) {
    if (context < 0) {
      throw new IllegalArgumentException("context must be >= 0: " + context);
    }
    List<String> la = lines(a);
    List<String> lb = lines(b);
    if (la.equals(lb)) {
      return new UnifiedDiff(aName, bName, List.of());
    }
    int[] match = Myers.match(la, lb);
    return new UnifiedDiff(aName, bName, hunks(la, lb, match, context));
  }

  /**
   * The diff of a live and a desired object rendered as YAML ({@link ManifestWriter#toYaml}),
   * named {@code live/<key>} and {@code desired/<key>} with the key in its string form, e.g.
   * {@code live/apps/Deployment/dev/web}. An absent side is an empty text.
   *
   * @param key the object's identity
   * @param live the live object, or null when it does not exist
   * @param desired the desired object, or null when it is to be pruned
   * @return the diff, with {@value #DEFAULT_CONTEXT} lines of context
   */
  public static UnifiedDiff ofYaml(ResourceKey key, @Nullable JsonObject live,
      @Nullable JsonObject desired) {
    return of("live/" + key, live == null ? "" : ManifestWriter.toYaml(live),
        "desired/" + key, desired == null ? "" : ManifestWriter.toYaml(desired));
  }

  /**
   * Whether the texts were equal.
   *
   * @return true when there are no hunks
   */
  public boolean isEmpty() {
    return hunks.isEmpty();
  }

  /**
   * The number of inserted lines.
   *
   * @return the count
   */
  public int insertions() {
    return count(Kind.INSERT);
  }

  /**
   * The number of deleted lines.
   *
   * @return the count
   */
  public int deletions() {
    return count(Kind.DELETE);
  }

  private int count(Kind kind) {
    int n = 0;
    for (Hunk h : hunks) {
      for (Line l : h.lines()) {
        n += l.kind() == kind ? 1 : 0;
      }
    }
    return n;
  }

  /**
   * The diff text: {@code --- aName}, {@code +++ bName}, then each hunk; every line ends with
   * {@code \n}, and a line without a final line break is followed by {@code \ No newline at
   * end of file}.
   *
   * @return the text; empty when the texts were equal
   */
  public String text() {
    if (hunks.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder(256);
    out.append("--- ").append(aName).append('\n');
    out.append("+++ ").append(bName).append('\n');
    for (Hunk h : hunks) {
      out.append(h.header()).append('\n');
      for (Line l : h.lines()) {
        out.append(l.kind().prefix()).append(l.text()).append('\n');
        if (!l.newline()) {
          out.append("\\ No newline at end of file\n");
        }
      }
    }
    return out.toString();
  }

  /** The diff text, as {@link #text()}. */
  @Override
  public String toString() {
    return text();
  }

  /** The lines of a text, each with its {@code \n} when it has one. */
  private static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl + 1;
      out.add(text.substring(start, end));
      start = end;
    }
    return out;
  }

  private static Line line(Kind kind, String raw) {
    boolean newline = raw.endsWith("\n");
    return new Line(kind, newline ? raw.substring(0, raw.length() - 1) : raw, newline);
  }

  private static List<Hunk> hunks(List<String> a, List<String> b, int[] match, int context) {
    // The edit script as parallel arrays: kind, and the positions in a and b before the op.
    int total = a.size() + b.size();
    Kind[] kinds = new Kind[total];
    int[] ai = new int[total];
    int[] bi = new int[total];
    int n = 0;
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      int target = i < a.size() ? match[i] : -1;
      if (i < a.size() && target < 0) {
        kinds[n] = Kind.DELETE;
      } else if (j < b.size() && (i >= a.size() || j < target)) {
        kinds[n] = Kind.INSERT;
      } else {
        kinds[n] = Kind.CONTEXT;
      }
      ai[n] = i;
      bi[n] = j;
      if (kinds[n] != Kind.INSERT) {
        i++;
      }
      if (kinds[n] != Kind.DELETE) {
        j++;
      }
      n++;
    }
    List<Hunk> out = new ArrayList<>();
    int k = 0;
    while (k < n) {
      while (k < n && kinds[k] == Kind.CONTEXT) {
        k++;
      }
      if (k == n) {
        break;
      }
      int from = Math.max(0, k - context);
      int last = k;
      int scan = k;
      while (scan < n) {
        if (kinds[scan] != Kind.CONTEXT) {
          last = scan;
          scan++;
          continue;
        }
        int run = scan;
        while (run < n && kinds[run] == Kind.CONTEXT) {
          run++;
        }
        if (run < n && run - scan <= 2 * context) {
          scan = run;
        } else {
          break;
        }
      }
      int to = Math.min(n, last + 1 + context);
      List<Line> lines = new ArrayList<>(to - from);
      int aCount = 0;
      int bCount = 0;
      for (int x = from; x < to; x++) {
        Kind kind = kinds[x];
        lines.add(line(kind, kind == Kind.INSERT ? b.get(bi[x]) : a.get(ai[x])));
        aCount += kind != Kind.INSERT ? 1 : 0;
        bCount += kind != Kind.DELETE ? 1 : 0;
      }
      int aStart = aCount == 0 ? ai[from] : ai[from] + 1;
      int bStart = bCount == 0 ? bi[from] : bi[from] + 1;
      out.add(new Hunk(aStart, aCount, bStart, bCount, lines));
      k = to;
    }
    return out;
  }
}
