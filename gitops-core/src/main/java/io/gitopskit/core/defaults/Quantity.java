package io.gitopskit.core.defaults;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/**
 * A Kubernetes resource quantity ({@code 100m}, {@code 0.5}, {@code 1Gi}, {@code 1e3}), parsed
 * and rendered as apimachinery's {@code resource.Quantity} does.
 *
 * <p>A quantity is an exact decimal {@linkplain #value() value} plus the {@linkplain #format()
 * format family} of its suffix. Parsing rounds away from zero to nano precision ({@code 10^-9}),
 * caps binary-SI magnitudes at {@code 2^63 - 1}, and turns a binary-SI value below one into
 * decimal SI, exactly as the API server does. The {@linkplain #toString() canonical form} keeps
 * the format family, uses no decimal point, and picks the largest suffix that represents the
 * value exactly: {@code 0.5} becomes {@code 500m}, {@code 1024Mi} becomes {@code 1Gi}, {@code
 * 1.5G} becomes {@code 1500M}, {@code 1536} stays {@code 1536}. A binary-SI value that is below
 * 1024 or not integral is rendered in decimal SI.
 *
 * <p>Equality is by value only: {@code 1Gi} equals {@code 1073741824}. Instances are immutable.
 *
 * <p>Deviations from apimachinery, all on degenerate input: texts without any digit ({@code
 * ""}, {@code "."}, {@code "+"}) and exponents beyond ±1000 are refused rather than read as 0
 * or as huge numbers, and decimal-SI values beyond {@code E} are written with the {@code E}
 * suffix (Go would write a wrong suffix-less number).
 *
 * @since 0.1
 */
public final class Quantity implements Comparable<Quantity> {

  /** The suffix family of a quantity. */
  public enum Format {
    /** Powers of ten with SI suffixes: {@code n u m "" k M G T P E}. */
    DECIMAL_SI,
    /** Powers of 1024: {@code Ki Mi Gi Ti Pi Ei}. */
    BINARY_SI,
    /** Powers of ten written as an exponent: {@code 1e3}, {@code 5E-3}. */
    DECIMAL_EXPONENT
  }

  /** The scale used by resource defaulting: milli, {@code 10^-3}. */
  public static final int MILLI = -3;

  private static final int NANO_DIGITS = 9;
  private static final int MAX_EXPONENT = 1000;
  private static final BigDecimal MAX_BINARY = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final BigInteger THOUSAND_TWENTY_FOUR = BigInteger.valueOf(1024);
  private static final String[] DECIMAL_SUFFIXES = {"n", "u", "m", "", "k", "M", "G", "T", "P",
      "E"};
  private static final String[] BINARY_SUFFIXES = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

  private final BigDecimal value;
  private final Format format;

  private Quantity(BigDecimal value, Format format) {
    this.value = value;
    this.format = format;
  }

  /**
   * A quantity with a value and format; the value is rounded away from zero to nano precision.
   *
   * @param value the value
   * @param format the suffix family used when rendering
   * @return the quantity
   */
  public static Quantity of(BigDecimal value, Format format) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(format, "format");
    return new Quantity(roundNano(value), format);
  }

  /**
   * An integral decimal-SI quantity.
   *
   * @param value the value
   * @return the quantity
   */
  public static Quantity of(long value) {
    return new Quantity(BigDecimal.valueOf(value), Format.DECIMAL_SI);
  }

  /**
   * Parses a quantity as {@code resource.ParseQuantity} does.
   *
   * @param text e.g. {@code 100m}, {@code 1.5Gi}, {@code +2e3}
   * @return the quantity
   * @throws IllegalArgumentException when the text is not a quantity (the message names it)
   */
  public static Quantity parse(String text) {
    Objects.requireNonNull(text, "text");
    Quantity q = parseOrNull(text);
    if (q == null) {
      throw new IllegalArgumentException("not a quantity: \"" + text + "\"");
    }
    return q;
  }

  /**
   * Parses a quantity, without throwing.
   *
   * @param text the text
   * @return the quantity, or empty when the text is not a quantity
   */
  public static Optional<Quantity> tryParse(String text) {
    return Optional.ofNullable(parseOrNull(Objects.requireNonNull(text, "text")));
  }

  /**
   * The canonical form of a quantity text, as the API server would return it.
   *
   * @param text e.g. {@code 1024Mi}
   * @return e.g. {@code 1Gi}
   * @throws IllegalArgumentException when the text is not a quantity
   */
  public static String canonicalize(String text) {
    return parse(text).toString();
  }

  private static Quantity parseOrNull(String str) {
    int end = str.length();
    if (end == 0) {
      return null;
    }
    int pos = 0;
    boolean positive = true;
    char first = str.charAt(0);
    if (first == '-' || first == '+') {
      positive = first == '+';
      pos++;
    }
    int numStart = pos;
    while (pos < end && isDigit(str.charAt(pos))) {
      pos++;
    }
    String num = str.substring(numStart, pos);
    String denom = "";
    if (pos < end && str.charAt(pos) == '.') {
      pos++;
      int denomStart = pos;
      while (pos < end && isDigit(str.charAt(pos))) {
        pos++;
      }
      denom = str.substring(denomStart, pos);
    }
    if (num.isEmpty() && denom.isEmpty()) {
      return null; // apimachinery reads "", "." and "+" oddly; we refuse them
    }
    String suffix = str.substring(pos);
    if (!validSuffixShape(suffix)) {
      return null;
    }
    Format format;
    int base;
    int exponent;
    int dec = decimalSuffixExponent(suffix);
    int bin = binarySuffixExponent(suffix);
    if (dec != Integer.MIN_VALUE) {
      format = Format.DECIMAL_SI;
      base = 10;
      exponent = dec;
    } else if (bin >= 0) {
      format = Format.BINARY_SI;
      base = 2;
      exponent = bin;
    } else if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
      try {
        exponent = Integer.parseInt(suffix.substring(1));
      } catch (NumberFormatException e) {
        return null;
      }
      if (Math.abs(exponent) > MAX_EXPONENT) {
        return null; // bounded so hostile input cannot ask for a billion-digit number
      }
      format = Format.DECIMAL_EXPONENT;
      base = 10;
    } else {
      return null;
    }
    BigDecimal amount = new BigDecimal(new BigInteger((num.isEmpty() ? "0" : num) + denom),
        denom.length());
    if (base == 10) {
      amount = amount.scaleByPowerOfTen(exponent);
    } else {
      amount = amount.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(exponent)));
    }
    amount = roundNano(amount);
    if (format == Format.BINARY_SI && amount.compareTo(MAX_BINARY) > 0) {
      amount = MAX_BINARY;
    }
    if (format == Format.BINARY_SI && amount.signum() > 0 && amount.compareTo(BigDecimal.ONE) < 0) {
      format = Format.DECIMAL_SI;
    }
    return new Quantity(positive ? amount : amount.negate(), format);
  }

  /** The suffix is letters from {@code eEinumkKMGTP}, an optional sign, then digits. */
  private static boolean validSuffixShape(String s) {
    int i = 0;
    int n = s.length();
    while (i < n && "eEinumkKMGTP".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      i++;
    }
    while (i < n && isDigit(s.charAt(i))) {
      i++;
    }
    return i == n;
  }

  private static int decimalSuffixExponent(String s) {
    for (int i = 0; i < DECIMAL_SUFFIXES.length; i++) {
      if (DECIMAL_SUFFIXES[i].equals(s)) {
        return (i - 3) * 3;
      }
    }
    return Integer.MIN_VALUE;
  }

  private static int binarySuffixExponent(String s) {
    for (int i = 1; i < BINARY_SUFFIXES.length; i++) {
      if (BINARY_SUFFIXES[i].equals(s)) {
        return i * 10;
      }
    }
    return -1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static BigDecimal roundNano(BigDecimal v) {
    return v.scale() > NANO_DIGITS ? v.setScale(NANO_DIGITS, RoundingMode.UP) : v;
  }

  /**
   * The exact value.
   *
   * @return the value
   */
  public BigDecimal value() {
    return value;
  }

  /**
   * The suffix family used when rendering.
   *
   * @return the format
   */
  public Format format() {
    return format;
  }

  /**
   * Whether the value is zero.
   *
   * @return true for zero
   */
  public boolean isZero() {
    return value.signum() == 0;
  }

  /**
   * The sign of the value.
   *
   * @return -1, 0 or 1
   */
  public int signum() {
    return value.signum();
  }

  /**
   * This quantity rounded away from zero to a power of ten, as {@code Quantity.RoundUp} does;
   * the API server rounds every container resource to {@link #MILLI}.
   *
   * @param scale the power of ten to keep, e.g. {@code -3} for milli, {@code 0} for units
   * @return the rounded quantity (this one when nothing changes)
   */
  public Quantity roundUp(int scale) {
    if (value.scale() <= -scale) {
      return this;
    }
    return new Quantity(value.setScale(-scale, RoundingMode.UP), format);
  }

  /**
   * The sum, keeping this quantity's format (or the other's when this one is zero), as {@code
   * Quantity.Add} does.
   *
   * @param other the quantity to add
   * @return the sum
   */
  public Quantity add(Quantity other) {
    Format f = isZero() ? other.format : format;
    return new Quantity(value.add(other.value), f);
  }

  /**
   * The canonical text, as the API server serializes the quantity.
   *
   * @return e.g. {@code 500m}, {@code 1Gi}, {@code 1e3}, {@code 0}
   */
  @Override
  public String toString() {
    if (value.signum() == 0) {
      return "0";
    }
    Format f = format;
    if (f == Format.BINARY_SI) {
      if (value.abs().compareTo(BigDecimal.valueOf(1024)) < 0 || !isIntegral(value)) {
        f = Format.DECIMAL_SI;
      } else {
        return binary(value.toBigIntegerExact());
      }
    }
    BigInteger mantissa = value.unscaledValue();
    int exponent = -value.scale();
    while (mantissa.signum() != 0 && mantissa.mod(BigInteger.TEN).signum() == 0) {
      mantissa = mantissa.divide(BigInteger.TEN);
      exponent++;
    }
    int target = Math.floorDiv(exponent, 3) * 3;
    if (f == Format.DECIMAL_SI) {
      target = Math.max(Math.min(target, 18), -9);
    }
    mantissa = mantissa.multiply(BigInteger.TEN.pow(exponent - target));
    String suffix;
    if (f == Format.DECIMAL_SI) {
      suffix = DECIMAL_SUFFIXES[target / 3 + 3];
    } else {
      suffix = target == 0 ? "" : "e" + target;
    }
    return mantissa + suffix;
  }

  private static boolean isIntegral(BigDecimal v) {
    return v.scale() <= 0 || v.stripTrailingZeros().scale() <= 0;
  }

  private static String binary(BigInteger v) {
    BigInteger amount = v;
    int times = 0;
    while (times < BINARY_SUFFIXES.length - 1 && amount.abs().compareTo(THOUSAND_TWENTY_FOUR) >= 0
        && amount.mod(THOUSAND_TWENTY_FOUR).signum() == 0) {
      amount = amount.divide(THOUSAND_TWENTY_FOUR);
      times++;
    }
    return amount + BINARY_SUFFIXES[times];
  }

  /** Compares by value. */
  @Override
  public int compareTo(Quantity o) {
    return value.compareTo(o.value);
  }

  /** Equal when the values are equal, whatever the formats. */
  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof Quantity q && value.compareTo(q.value) == 0);
  }

  @Override
  public int hashCode() {
    return value.signum() == 0 ? 0 : value.stripTrailingZeros().hashCode();
  }
}
