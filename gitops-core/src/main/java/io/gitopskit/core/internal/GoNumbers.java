package io.gitopskit.core.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's text forms of a {@code float64}, for values Argo CD reads from YAML or JSON: {@code
 * sigs.k8s.io/yaml} and {@code encoding/json} decode <em>every</em> number into a {@code
 * float64}, so a file's {@code 1000000} is printed by {@code fmt.Sprintf("%v")} as {@code
 * 1e+06}. Not API.
 *
 * <ul>
 *   <li>{@link #format(double)} is {@code %v} (= {@code strconv.FormatFloat(f, 'g', -1, 64)}):
 *       the shortest digits that read back as the same double; exponent form when the decimal
 *       exponent is below -4 or at least 6 ({@code 1e+06}, {@code 1.234567e+06}, {@code 1e-05}),
 *       plain otherwise ({@code 3}, {@code 1.5}, {@code 123456}, {@code 0.0001}).
 *   <li>{@link #json(double)} is {@code json.Marshal}: plain unless below 1e-6 or at least 1e21,
 *       and then {@code 1e-07} is written {@code 1e-7}.
 * </ul>
 */
public final class GoNumbers {

  private GoNumbers() {}

  /**
   * Go's {@code fmt} {@code %v} (and {@code %g}) of a float64.
   *
   * @param d the value
   * @return e.g. {@code 1e+06}, {@code 1.5}, {@code 3}, {@code +Inf}
   */
  public static String format(double d) {
    String special = special(d);
    if (special != null) {
      return special;
    }
    Digits g = Digits.of(d);
    int exp = g.pointExponent();
    if (exp < -4 || exp >= 6) {
      return g.exponentForm(true);
    }
    return g.plainForm();
  }

  /**
   * Go's {@code encoding/json} text of a float64 (finite values only).
   *
   * @param d the value
   * @return e.g. {@code 1000000}, {@code 1e+21}, {@code 1e-7}
   */
  public static String json(double d) {
    String special = special(d);
    if (special != null) {
      return special;
    }
    Digits g = Digits.of(d);
    double abs = Math.abs(d);
    if (abs < 1e-6 || abs >= 1e21) {
      return g.exponentForm(false);
    }
    return g.plainForm();
  }

  private static String special(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    if (d == 0) {
      return (1 / d) < 0 ? "-0" : "0";
    }
    return null;
  }

  /** The shortest round-tripping decimal digits of a non-zero finite double. */
  private record Digits(boolean negative, String digits, int pointExponent) {

    static Digits of(double d) {
      BigDecimal exact = new BigDecimal(Math.abs(d));
      BigDecimal shortest = exact;
      for (int p = 1; p <= 17; p++) {
        BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
        if (r.doubleValue() == Math.abs(d)) {
          shortest = r;
          break;
        }
      }
      shortest = shortest.stripTrailingZeros();
      String digits = shortest.unscaledValue().toString();
      int exp = digits.length() - 1 - shortest.scale();
      return new Digits(d < 0, digits, exp);
    }

    String exponentForm(boolean twoDigitExponent) {
      StringBuilder b = new StringBuilder();
      if (negative) {
        b.append('-');
      }
      b.append(digits.charAt(0));
      if (digits.length() > 1) {
        b.append('.').append(digits, 1, digits.length());
      }
      int e = Math.abs(pointExponent);
      b.append('e').append(pointExponent < 0 ? '-' : '+');
      if (e < 10 && twoDigitExponent) {
        b.append('0');
      }
      return b.append(e).toString();
    }

    String plainForm() {
      BigDecimal v = new BigDecimal(new java.math.BigInteger(digits),
          digits.length() - 1 - pointExponent);
      return (negative ? "-" : "") + v.toPlainString();
    }
  }
}
