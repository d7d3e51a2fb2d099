package io.gitopskit.core.json;

import io.gitopskit.core.internal.Hashing;
import java.math.BigDecimal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A JSON number with its exact value.
 *
 * <p>Integral values that fit a {@code long} are stored as a {@code long}; every other value as
 * a {@link BigDecimal} without trailing zeros. Equality is numeric: {@code 1}, {@code 1.0} and
 * {@code 1e0} are one value and print as {@code 1}.
 *
 * @since 0.1
 */
public final class JsonNumber implements JsonValue {

  private static final JsonNumber[] SMALL = new JsonNumber[1024 + 128];

  static {
    for (int i = 0; i < SMALL.length; i++) {
      SMALL[i] = new JsonNumber(i - 128, null);
    }
  }

  private final long longValue;
  private final @Nullable BigDecimal decimal;

  private JsonNumber(long longValue, @Nullable BigDecimal decimal) {
    this.longValue = longValue;
    this.decimal = decimal;
  }

  /**
   * Returns the number for a {@code long}.
   *
   * @param value the value
   * @return the JSON number
   */
  public static JsonNumber of(long value) {
    if (value >= -128 && value < SMALL.length - 128) {
      return SMALL[(int) value + 128];
    }
    return new JsonNumber(value, null);
  }

  /**
   * Returns the number for a decimal, normalized so that equal values are equal numbers.
   *
   * @param value the value
   * @return the JSON number
   */
  public static JsonNumber of(BigDecimal value) {
    Objects.requireNonNull(value, "value");
    BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= 18) {
      return of(stripped.longValueExact());
    }
    return new JsonNumber(0, stripped);
  }

  /**
   * Parses a JSON or YAML number literal.
   *
   * @param text the literal, e.g. {@code 42}, {@code -0.5}, {@code 1e3}
   * @return the JSON number
   * @throws NumberFormatException if the text is not a number
   */
  public static JsonNumber parse(String text) {
    int n = text.length();
    if (n > 0 && n <= 18) {
      boolean digits = true;
      int start = text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0;
      for (int i = start; i < n && digits; i++) {
        char c = text.charAt(i);
        digits = c >= '0' && c <= '9';
      }
      if (digits && start < n) {
        return of(Long.parseLong(text));
      }
    }
    return of(new BigDecimal(text));
  }

  /**
   * Whether the value is integral and fits a {@code long}.
   *
   * @return true for integral values stored as {@code long}
   */
  public boolean isLong() {
    return decimal == null;
  }

  /**
   * The value as a {@code long}.
   *
   * @return the value
   * @throws ArithmeticException if the value is not integral or does not fit
   */
  public long longValue() {
    if (decimal != null) {
      return decimal.longValueExact();
    }
    return longValue;
  }

  /**
   * The value as a {@link BigDecimal}.
   *
   * @return the exact value
   */
  public BigDecimal decimalValue() {
    return decimal != null ? decimal : BigDecimal.valueOf(longValue);
  }

  /**
   * The value as a {@code double}, possibly rounded.
   *
   * @return the nearest double
   */
  public double doubleValue() {
    return decimal != null ? decimal.doubleValue() : longValue;
  }

  @Override
  public long contentHash() {
    return decimal == null ? Hashing.mix(longValue ^ 0x7a3b9c1d2e4f6081L)
        : Hashing.string(decimal.toString());
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof JsonNumber other)) {
      return false;
    }
    if (decimal == null && other.decimal == null) {
      return longValue == other.longValue;
    }
    return decimal != null && other.decimal != null && decimal.equals(other.decimal);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(contentHash());
  }

  /** The canonical number text: plain notation unless the exponent is extreme. */
  @Override
  public String toString() {
    if (decimal == null) {
      return Long.toString(longValue);
    }
    int exponent = decimal.precision() - decimal.scale();
    return exponent > -7 && exponent < 22 ? decimal.toPlainString() : decimal.toString();
  }
}
