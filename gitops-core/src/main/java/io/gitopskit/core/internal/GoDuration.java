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
      while (i < s.length() && Character.isDigit(s.charAt(i))) {
        i++;
      }
      boolean intDigits = i > start;
      int fracStart = i;
      if (i < s.length() && s.charAt(i) == '.') {
        i++;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
          i++;
        }
      }
      boolean fracDigits = i > fracStart + 1;
      if (!intDigits && !fracDigits) {
        throw new IllegalArgumentException("invalid duration: expected a number");
      }
      BigDecimal number = new BigDecimal(s.substring(start, i).endsWith(".")
          ? s.substring(start, i - 1) : (s.charAt(start) == '.' ? "0" + s.substring(start, i)
          : s.substring(start, i)));
      int unitStart = i;
      while (i < s.length() && s.charAt(i) != '.' && !Character.isDigit(s.charAt(i))) {
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
   * Argo CD's {@code parseStringToDuration} for retry backoffs: a bare integer is seconds,
   * anything else a Go duration.
   *
   * @param text e.g. {@code 5}, {@code 5s} or {@code 3m}
   * @return the duration
   * @throws IllegalArgumentException if the text is neither
   */
  public static Duration parseSecondsOrDuration(String text) {
    if (!text.isEmpty() && text.chars().allMatch(Character::isDigit) && text.length() < 12) {
      return Duration.ofSeconds(Long.parseLong(text));
    }
    if (text.length() > 1 && (text.charAt(0) == '-' || text.charAt(0) == '+')
        && text.substring(1).chars().allMatch(Character::isDigit) && text.length() < 13) {
      return Duration.ofSeconds(Long.parseLong(text));
    }
    return parse(text);
  }
}
