package io.gitopskit.core.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs user-supplied regular expressions with a bounded amount of work. Argo CD's patterns are
 * Go regular expressions (RE2), which match in linear time; Java's engine backtracks, so a
 * pattern such as {@code (a+)+b} against a long run of {@code a}s would take exponential time.
 * Every character the engine reads is counted, and a match that reads more than its budget
 * stops with {@link TooComplex} (as does a match deep enough to overflow the engine's stack).
 * Not API.
 */
public final class Regexes {

  /** Character reads allowed per match, beyond a per-character allowance. */
  static final long BASE_BUDGET = 1_000_000;

  /** Character reads allowed per character of the input. */
  static final long PER_CHAR_BUDGET = 64;

  /** A match took more work than its budget allows. */
  public static final class TooComplex extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooComplex() {
      super("the regular expression needs too much backtracking for this input", null, false,
          false);
    }
  }

  private Regexes() {}

  /**
   * A matcher over {@code text} that throws {@link TooComplex} once it has read more than its
   * budget of characters.
   *
   * @param pattern the compiled pattern
   * @param text the input
   * @return the matcher
   */
  public static Matcher matcher(Pattern pattern, String text) {
    long[] budget = {BASE_BUDGET + PER_CHAR_BUDGET * text.length()};
    return pattern.matcher(new Budgeted(text, budget));
  }

  /**
   * Whether the pattern is found anywhere in the text (Go's {@code regexp.MatchString}).
   *
   * @param pattern the pattern
   * @param text the input
   * @return true when found
   * @throws TooComplex when the match needs too much work
   */
  public static boolean find(Pattern pattern, String text) {
    try {
      return matcher(pattern, text).find();
    } catch (StackOverflowError e) {
      throw new TooComplex();
    }
  }

  /**
   * The first match of the pattern in the text.
   *
   * @param pattern the pattern
   * @param text the input
   * @return the matched text, or {@code ""} when there is none
   * @throws TooComplex when the match needs too much work
   */
  public static String findFirst(Pattern pattern, String text) {
    try {
      Matcher m = matcher(pattern, text);
      return m.find() ? m.group() : "";
    } catch (StackOverflowError e) {
      throw new TooComplex();
    }
  }

  /**
   * Replaces every match ({@link Matcher#replaceAll(String)}).
   *
   * @param pattern the pattern
   * @param text the input
   * @param replacement the replacement, with {@code $1} group references
   * @return the result
   * @throws TooComplex when the match needs too much work
   * @throws IllegalArgumentException for a bad group reference in the replacement
   */
  public static String replaceAll(Pattern pattern, String text, String replacement) {
    try {
      return matcher(pattern, text).replaceAll(replacement);
    } catch (StackOverflowError e) {
      throw new TooComplex();
    }
  }

  /** A string whose every character read is counted against a shared budget. */
  private static final class Budgeted implements CharSequence {
    private final String text;
    private final long[] budget;

    Budgeted(String text, long[] budget) {
      this.text = text;
      this.budget = budget;
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public char charAt(int index) {
      if (--budget[0] < 0) {
        throw new TooComplex();
      }
      return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Budgeted(text.substring(start, end), budget);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
