package io.gitopskit.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Glob patterns with the semantics Argo CD uses for a directory source's {@code include} and
 * {@code exclude}: {@code *} matches any run of characters <em>including</em> {@code /},
 * {@code ?} one character, {@code [abc]}, {@code [a-z]} and {@code [!abc]} a character class,
 * {@code {a,b}} alternatives (nestable), and a backslash escapes the next character. Not API.
 *
 * <p>{@link #compile(String, String)} gives the separator-aware variant of the gobwas/glob
 * library Argo CD uses for project source repositories: there {@code *} and {@code ?} do not
 * match a separator character, and only {@code **} crosses separators.
 *
 * <p>Matching never backtracks: a pattern is compiled to a small non-deterministic automaton
 * that is simulated over the text, so a match costs at most (text length × pattern length)
 * steps whatever the pattern. Patterns come from project and application specs written by
 * other people; a backtracking matcher would let {@code a*a*a*a*a*b} against a long string of
 * {@code a}s hang the host (a regular expression engine takes polynomial, or with nested
 * alternatives exponential, time there). Other dialects ({@code filepath.Match}, doublestar)
 * build their own {@link Node} trees and use the same engine through {@link #of}.
 */
public final class Glob {

  /** The deepest nesting of {@code {...}} alternatives a pattern may have. */
  public static final int MAX_NESTING = 32;

  /** A piece of a pattern. */
  public sealed interface Node permits One, Many, Seq, Alt {}

  /**
   * Exactly one character (code point) that satisfies a predicate.
   *
   * @param accepts the predicate
   */
  public record One(IntPredicate accepts) implements Node {}

  /**
   * Zero or more characters that each satisfy a predicate.
   *
   * @param accepts the predicate
   */
  public record Many(IntPredicate accepts) implements Node {}

  /**
   * The items one after the other; empty matches the empty string.
   *
   * @param items the items
   */
  public record Seq(List<Node> items) implements Node {
    /** Copies. */
    public Seq {
      items = List.copyOf(items);
    }
  }

  /**
   * Any one of the options.
   *
   * @param options the options (at least one)
   */
  public record Alt(List<Node> options) implements Node {
    /** Copies. */
    public Alt {
      options = List.copyOf(options);
      if (options.isEmpty()) {
        throw new IllegalArgumentException("an alternative needs at least one option");
      }
    }
  }

  /** Every character. */
  public static final IntPredicate ANY = c -> true;

  private static final int MATCH = 0;

  private final String source;
  /** Per state: what it consumes, or null for an epsilon state (and the match state). */
  private final IntPredicate[] accepts;
  private final int[] out1;
  private final int[] out2;
  private final int start;

  private Glob(String source, IntPredicate[] accepts, int[] out1, int[] out2, int start) {
    this.source = source;
    this.accepts = accepts;
    this.out1 = out1;
    this.out2 = out2;
    this.start = start;
  }

  /**
   * Compiles a glob.
   *
   * @param glob the pattern
   * @return the compiled glob
   * @throws IllegalArgumentException if the pattern is malformed (unclosed class or brace,
   *     braces nested deeper than {@link #MAX_NESTING})
   */
  public static Glob compile(String glob) {
    return compile(glob, "");
  }

  /**
   * Compiles a glob in which {@code *} and {@code ?} never match one of {@code separators}
   * and {@code **} matches any run of characters including them; with no separators this is
   * {@link #compile(String)}.
   *
   * @param glob the pattern
   * @param separators the separator characters, e.g. {@code "/"}; may be empty
   * @return the compiled glob
   * @throws IllegalArgumentException if the pattern is malformed (unclosed class or brace,
   *     braces nested deeper than {@link #MAX_NESTING})
   */
  public static Glob compile(String glob, String separators) {
    IntPredicate notSeparator = separators.isEmpty() ? ANY : c -> separators.indexOf(c) < 0;
    // one frame per open brace: its options, the last one being built
    List<List<List<Node>>> frames = new ArrayList<>();
    frames.add(new ArrayList<>(List.of(new ArrayList<>())));
    int i = 0;
    while (i < glob.length()) {
      int c = glob.codePointAt(i);
      i += Character.charCount(c);
      List<List<Node>> frame = frames.get(frames.size() - 1);
      List<Node> seq = frame.get(frame.size() - 1);
      switch (c) {
        case '*' -> {
          boolean doubled = false;
          while (i < glob.length() && glob.charAt(i) == '*') {
            i++;
            doubled = true;
          }
          seq.add(new Many(doubled ? ANY : notSeparator));
        }
        case '?' -> seq.add(new One(notSeparator));
        case '\\' -> {
          if (i >= glob.length()) {
            throw new IllegalArgumentException("glob ends with an escape");
          }
          int e = glob.codePointAt(i);
          i += Character.charCount(e);
          seq.add(literal(e));
        }
        case '[' -> {
          int end = glob.indexOf(']', i + 1);
          if (end < 0) {
            throw new IllegalArgumentException("unclosed character class in glob");
          }
          seq.add(new One(charClass(glob.substring(i, end))));
          i = end + 1;
        }
        case '{' -> {
          if (frames.size() > MAX_NESTING) {
            throw new IllegalArgumentException("braces nested deeper than " + MAX_NESTING
                + " in glob");
          }
          frames.add(new ArrayList<>(List.of(new ArrayList<>())));
        }
        case '}' -> {
          if (frames.size() == 1) {
            seq.add(literal('}'));
          } else {
            frames.remove(frames.size() - 1);
            List<Node> options = new ArrayList<>();
            frame.forEach(o -> options.add(new Seq(o)));
            List<List<Node>> parent = frames.get(frames.size() - 1);
            parent.get(parent.size() - 1).add(new Alt(options));
          }
        }
        case ',' -> {
          if (frames.size() == 1) {
            seq.add(literal(','));
          } else {
            frame.add(new ArrayList<>());
          }
        }
        default -> seq.add(literal(c));
      }
    }
    if (frames.size() != 1) {
      throw new IllegalArgumentException("unclosed '{' in glob");
    }
    return of(glob, new Seq(frames.get(0).get(0)));
  }

  /** The body of {@code [...]} (without the brackets) as a predicate. */
  private static IntPredicate charClass(String body) {
    boolean negate = body.startsWith("!") || body.startsWith("^");
    String b = negate ? body.substring(1) : body;
    List<int[]> ranges = new ArrayList<>();
    int[] cps = b.codePoints().toArray();
    for (int j = 0; j < cps.length; j++) {
      int lo = cps[j];
      if (j + 2 < cps.length && cps[j + 1] == '-') {
        int hi = cps[j + 2];
        if (hi < lo) {
          throw new IllegalArgumentException("malformed glob: character range out of order");
        }
        ranges.add(new int[] {lo, hi});
        j += 2;
      } else {
        ranges.add(new int[] {lo, lo});
      }
    }
    return inRanges(ranges, negate);
  }

  /**
   * A predicate for a character class.
   *
   * @param ranges inclusive {@code [low, high]} code point ranges
   * @param negate true for a negated class
   * @return the predicate
   */
  public static IntPredicate inRanges(List<int[]> ranges, boolean negate) {
    int[][] r = ranges.toArray(int[][]::new);
    return c -> {
      for (int[] range : r) {
        if (c >= range[0] && c <= range[1]) {
          return !negate;
        }
      }
      return negate;
    };
  }

  /**
   * One given character.
   *
   * @param codePoint the character
   * @return the node
   */
  public static Node literal(int codePoint) {
    return new One(c -> c == codePoint);
  }

  /**
   * A glob of a pattern tree, for dialects with their own syntax.
   *
   * @param source the pattern text (for {@link #toString()})
   * @param pattern the tree
   * @return the compiled glob
   */
  public static Glob of(String source, Node pattern) {
    Automaton a = new Automaton();
    a.add(null, -1, -1); // MATCH
    int start = a.build(pattern, MATCH);
    return new Glob(source, a.accepts.toArray(IntPredicate[]::new), a.out1.stream()
        .mapToInt(Integer::intValue).toArray(), a.out2.stream().mapToInt(Integer::intValue)
        .toArray(), start);
  }

  /** Thompson's construction. */
  private static final class Automaton {
    final List<IntPredicate> accepts = new ArrayList<>();
    final List<Integer> out1 = new ArrayList<>();
    final List<Integer> out2 = new ArrayList<>();

    int add(IntPredicate p, int a, int b) {
      accepts.add(p);
      out1.add(a);
      out2.add(b);
      return accepts.size() - 1;
    }

    /** Builds the states of a node followed by {@code next}; returns the entry state. */
    int build(Node node, int next) {
      if (node instanceof One o) {
        return add(o.accepts(), next, -1);
      }
      if (node instanceof Many m) {
        int split = add(null, -1, next);
        int loop = add(m.accepts(), split, -1);
        out1.set(split, loop);
        return split;
      }
      if (node instanceof Seq s) {
        int at = next;
        for (int i = s.items().size() - 1; i >= 0; i--) {
          at = build(s.items().get(i), at);
        }
        return at;
      }
      Alt alt = (Alt) node;
      int last = alt.options().size() - 1;
      int at = build(alt.options().get(last), next);
      for (int i = last - 1; i >= 0; i--) {
        at = add(null, build(alt.options().get(i), next), at);
      }
      return at;
    }
  }

  /**
   * Whether the whole of {@code text} matches, in at most (text length × pattern size) steps.
   *
   * @param text the text
   * @return true on a match
   */
  public boolean matches(String text) {
    int n = accepts.length;
    int[] current = new int[n];
    int[] next = new int[n];
    int[] seen = new int[n];
    int[] stack = new int[2 * n + 2];
    int generation = 1;
    int size = closure(start, current, 0, seen, generation, stack);
    int i = 0;
    while (i < text.length()) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      generation++;
      int nextSize = 0;
      for (int k = 0; k < size; k++) {
        int s = current[k];
        IntPredicate p = accepts[s];
        if (p != null && p.test(c)) {
          nextSize = closure(out1[s], next, nextSize, seen, generation, stack);
        }
      }
      if (nextSize == 0) {
        return false;
      }
      int[] t = current;
      current = next;
      next = t;
      size = nextSize;
    }
    for (int k = 0; k < size; k++) {
      if (current[k] == MATCH) {
        return true;
      }
    }
    return false;
  }

  /** Adds the consuming states (and the match state) reachable without input from {@code s}. */
  private int closure(int s, int[] set, int size, int[] seen, int generation, int[] stack) {
    int top = 0;
    stack[top++] = s;
    int n = size;
    while (top > 0) {
      int x = stack[--top];
      if (seen[x] == generation) {
        continue;
      }
      seen[x] = generation;
      if (accepts[x] != null || x == MATCH) {
        set[n++] = x;
      } else {
        stack[top++] = out1[x];
        if (out2[x] >= 0) {
          stack[top++] = out2[x];
        }
      }
    }
    return n;
  }

  @Override
  public String toString() {
    return source;
  }

  /**
   * Go's {@code filepath.Match} dialect as a glob (matched without backtracking): {@code *} and
   * {@code ?} never match {@code /}, {@code [...]} / {@code [^...]} classes with ranges, {@code
   * \\} escapes. Used by AppProject resource rules and by manifest-generate-paths.
   *
   * @param glob the pattern
   * @return the compiled glob
   * @throws IllegalArgumentException if the pattern is malformed (Go's {@code ErrBadPattern})
   */
  public static Glob filepathMatch(String glob) {
    IntPredicate notSlash = c -> c != '/';
    List<Glob.Node> seq = new ArrayList<>();
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> seq.add(new Glob.Many(notSlash));
        case '?' -> seq.add(new Glob.One(notSlash));
        case '\\' -> {
          if (++i >= glob.length()) {
            throw new IllegalArgumentException("bad pattern");
          }
          seq.add(Glob.literal(glob.charAt(i)));
        }
        case '[' -> {
          int j = i + 1;
          boolean negate = j < glob.length() && glob.charAt(j) == '^';
          if (negate) {
            j++;
          }
          List<int[]> ranges = new ArrayList<>();
          boolean any = false;
          while (true) {
            if (j >= glob.length()) {
              throw new IllegalArgumentException("bad pattern");
            }
            char a = glob.charAt(j);
            if (a == ']' && any) {
              break;
            }
            if (a == '-' || a == ']') {
              throw new IllegalArgumentException("bad pattern");
            }
            if (a == '\\') {
              if (++j >= glob.length()) {
                throw new IllegalArgumentException("bad pattern");
              }
              a = glob.charAt(j);
            }
            char b = a;
            j++;
            if (j < glob.length() && glob.charAt(j) == '-') {
              j++;
              if (j >= glob.length()) {
                throw new IllegalArgumentException("bad pattern");
              }
              b = glob.charAt(j);
              if (b == ']' || b == '-') {
                throw new IllegalArgumentException("bad pattern");
              }
              if (b == '\\') {
                if (++j >= glob.length()) {
                  throw new IllegalArgumentException("bad pattern");
                }
                b = glob.charAt(j);
              }
              if (b < a) {
                throw new IllegalArgumentException("bad pattern");
              }
              j++;
            }
            ranges.add(new int[] {a, b});
            any = true;
          }
          seq.add(new Glob.One(Glob.inRanges(ranges, negate)));
          i = j;
        }
        default -> seq.add(Glob.literal(c));
      }
      i++;
    }
    return Glob.of(glob, new Glob.Seq(seq));
  }
}
