package io.gitopskit.core.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;

/**
 * Go's {@code time.ParseDuration}: a possibly signed sequence of decimal numbers, each with an
 * optional fraction and a unit ({@code ns}, {@code us}, {@code µs}, {@code ms}, {@code s},
 * {@code m}, {@code h}), such as {@code 300ms}, {@code -1.5h} or {@code 2h45m}; {@code 0} alone
 * needs no unit. Not API.
 */
public final class GoDuration {

  private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

  private GoDuration() {}

  /** ASCII digits only, as Go. */
  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  /**
   * Parses a Go duration.
   *
   * @param text e.g. {@code 1h30m}
   * @return the duration
   * @throws IllegalArgumentException if the text is not a Go duration (the message does not
   *     repeat it)
   */
  public static Duration parse(String text) {
    String s = text;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("invalid duration: empty");
    }
    BigDecimal total = BigDecimal.ZERO;
    int i = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && isDigit(s.charAt(i))) {
        i++;
      }
      boolean intDigits = i > start;
      int fracStart = i;
      if (i < s.length() && s.charAt(i) == '.') {
        i++;
        while (i < s.length() && isDigit(s.charAt(i))) {
          i++;
        }
      }
      boolean fracDigits = i > fracStart + 1;
      if (!intDigits && !fracDigits) {
        throw new IllegalArgumentException("invalid duration: expected a number");
      }
      BigDecimal number = number(s.substring(start, fracStart),
          fracStart < i ? s.substring(fracStart + 1, i) : "");
      int unitStart = i;
      while (i < s.length() && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
        i++;
      }
      String unit = s.substring(unitStart, i);
      long nanos = switch (unit) {
        case "ns" -> 1L;
        case "us", "µs", "μs" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        case "h" -> 3_600_000_000_000L;
        case "" -> throw new IllegalArgumentException("invalid duration: missing unit");
        default -> throw new IllegalArgumentException("invalid duration: unknown unit");
      };
      total = total.add(number.multiply(BigDecimal.valueOf(nanos)));
    }
    BigInteger n = total.toBigInteger();
    if (n.compareTo(MAX_NANOS) > 0) {
      throw new IllegalArgumentException("invalid duration: out of range");
    }
    Duration d = Duration.ofNanos(n.longValueExact());
    return negative ? d.negated() : d;
  }

  /**
   * One number of a duration. Go stops with an overflow error once the integer part passes
   * 2^63, and ignores fraction digits beyond its precision; so a huge integer part is refused
   * at once and a fraction is cut at 30 digits (more than nanoseconds of an hour need) before
   * any big-number arithmetic, which would otherwise be quadratic in the digits.
   */
  private static BigDecimal number(String integer, String fraction) {
    int lead = 0;
    while (lead < integer.length() - 1 && integer.charAt(lead) == '0') {
      lead++;
    }
    String digits = integer.substring(lead);
    if (digits.length() > 19) {
      throw new IllegalArgumentException("invalid duration: out of range");
    }
    String frac = fraction.length() > 30 ? fraction.substring(0, 30) : fraction;
    return new BigDecimal((digits.isEmpty() ? "0" : digits) + (frac.isEmpty() ? "" : "." + frac));
  }

  /**
   * Argo CD's {@code parseStringToDuration} for retry backoffs: a bare integer is seconds,
   * anything else a Go duration.
   *
   * @param text e.g. {@code 5}, {@code 5s} or {@code 3m}
   * @return the duration
   * @throws IllegalArgumentException if the text is neither
   */
  public static Duration parseSecondsOrDuration(String text) {
    if (!text.isEmpty() && text.chars().allMatch(GoDuration::isDigit) && text.length() < 12) {
      return Duration.ofSeconds(Long.parseLong(text));
    }
    if (text.length() > 1 && (text.charAt(0) == '-' || text.charAt(0) == '+')
        && text.substring(1).chars().allMatch(GoDuration::isDigit) && text.length() < 13) {
      return Duration.ofSeconds(Long.parseLong(text));
    }
    return parse(text);
  }
}
