package io.gitopskit.core.defaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import io.gitopskit.core.defaults.Quantity.Format;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/** Parsing and canonical rendering of resource quantities, as apimachinery does them. */
class QuantityTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "100m, 100m", "0.5, 500m", "1, 1", "+1, 1", ".5, 500m", "5., 5", "1.0, 1",
      "1Gi, 1Gi", "1024Mi, 1Gi", "1536Mi, 1536Mi", "1.5Gi, 1536Mi", "0.5Gi, 512Mi",
      "1Ki, 1Ki", "1023, 1023", "512Ki, 512Ki", "0.5Ki, 512", "0.1Ki, 102400m",
      "1e3, 1e3", "1E3, 1e3", "1.5e3, 1500", "10e3, 10e3", "1e-3, 1e-3", "1e0, 1", "100e-3, 100e-3",
      "2k, 2k", "2000, 2k", "1000000, 1M", "1.5G, 1500M", "129M, 129M", "128974848, 128974848",
      "0, 0", "0Mi, 0", "-0, 0", "0.000m, 0", "-100m, -100m", "-1.5Gi, -1536Mi",
      "1n, 1n", "0.1n, 1n", "1.00000000001, 1000000001n", "-0.1n, -1n",
      "100u, 100u", "0.0001, 100u", "1E, 1E", "1000E, 1000E", "1000000E, 1000000E",
      "1Ei, 1Ei", "16Ei, 9223372036854775807", "8Ei, 9223372036854775807",
      "007, 7", "1000m, 1", "1500m, 1500m", "12345678901234567890, 12345678901234567890",
  })
  void canonicalForm(String input, String expected) {
    assertThat(Quantity.canonicalize(input)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "1K", "1 Gi", "1Gb", "1.2.3", "Gi", "1e", "1e+", "--1",
      "1i", "+", ".", "1Gi ", " 1", "1e1000001", "0x10", "1mi", "1,5"})
  void rejectsNonQuantities(String input) {
    assertThat(Quantity.tryParse(input)).isEmpty();
    assertThatThrownBy(() -> Quantity.parse(input))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a quantity");
  }

  @Test
  void formatsFollowTheSuffix() {
    assertThat(Quantity.parse("1Mi").format()).isEqualTo(Format.BINARY_SI);
    assertThat(Quantity.parse("1M").format()).isEqualTo(Format.DECIMAL_SI);
    assertThat(Quantity.parse("1").format()).isEqualTo(Format.DECIMAL_SI);
    assertThat(Quantity.parse("1e6").format()).isEqualTo(Format.DECIMAL_EXPONENT);
    // a binary value below one is decimal, as in apimachinery
    assertThat(Quantity.parse("0.0001Ki").format()).isEqualTo(Format.DECIMAL_SI);
  }

  @Test
  void equalityIsByValue() {
    Quantity gi = Quantity.parse("1Gi");
    Quantity plain = Quantity.parse("1073741824");
    assertThat(gi).isEqualTo(plain).hasSameHashCodeAs(plain);
    assertThat(gi.toString()).isEqualTo("1Gi");
    assertThat(plain.toString()).isEqualTo("1073741824");
    assertThat(Quantity.parse("500m")).isEqualTo(Quantity.parse("0.5"))
        .hasSameHashCodeAs(Quantity.parse("0.50"));
    assertThat(Quantity.parse("1k")).isNotEqualTo(Quantity.parse("1Ki"));
    assertThat(Quantity.parse("1k").compareTo(Quantity.parse("1Ki"))).isNegative();
    assertThat(Quantity.parse("0")).isEqualTo(Quantity.parse("0Gi"));
  }

  @Test
  void roundUpToMilliGoesAwayFromZero() {
    assertThat(Quantity.parse("0.0001").roundUp(Quantity.MILLI).toString()).isEqualTo("1m");
    assertThat(Quantity.parse("1.0001").roundUp(Quantity.MILLI).toString()).isEqualTo("1001m");
    assertThat(Quantity.parse("1n").roundUp(Quantity.MILLI).toString()).isEqualTo("1m");
    assertThat(Quantity.parse("-1n").roundUp(Quantity.MILLI).toString()).isEqualTo("-1m");
    Quantity exact = Quantity.parse("250m");
    assertThat(exact.roundUp(Quantity.MILLI)).isSameAs(exact);
    assertThat(Quantity.parse("1.5Gi").roundUp(Quantity.MILLI).toString()).isEqualTo("1536Mi");
    assertThat(Quantity.parse("1.2").roundUp(0).toString()).isEqualTo("2");
  }

  @Test
  void addKeepsTheFirstFormatUnlessItIsZero() {
    Quantity sum = Quantity.parse("1Gi").add(Quantity.parse("1Gi"));
    assertThat(sum.toString()).isEqualTo("2Gi");
    assertThat(Quantity.parse("0").add(Quantity.parse("1Gi")).toString()).isEqualTo("1Gi");
    assertThat(Quantity.parse("100m").add(Quantity.parse("1Gi")).format())
        .isEqualTo(Format.DECIMAL_SI);
  }

  @Test
  void ofRoundsToNano() {
    assertThat(Quantity.of(new BigDecimal("0.0000000001"), Format.DECIMAL_SI).toString())
        .isEqualTo("1n");
    assertThat(Quantity.of(3).toString()).isEqualTo("3");
    assertThat(Quantity.of(new BigDecimal("2048"), Format.BINARY_SI).toString())
        .isEqualTo("2Ki");
  }

  // ---- properties ----

  private static final List<String> SUFFIXES = List.of("", "", "m", "u", "n", "k", "M", "G",
      "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "e3", "e-2", "E6", "e0", "e-9", "e12");

  /** Quantity texts: optional sign, digits, optional fraction, any suffix. */
  static Gen<String> texts() {
    return in -> {
      StringBuilder b = new StringBuilder();
      long sign = in.next(Constraint.between(0, 5));
      if (sign == 0) {
        b.append('-');
      } else if (sign == 1) {
        b.append('+');
      }
      int digits = (int) in.next(Constraint.between(0, 12));
      for (int i = 0; i < digits; i++) {
        b.append((char) ('0' + in.next(Constraint.between(0, 9))));
      }
      int fraction = (int) in.next(Constraint.between(digits == 0 ? 1 : 0, 11));
      if (fraction > 0 || in.next(Constraint.between(0, 9)) == 0) {
        b.append('.');
        for (int i = 0; i < Math.max(fraction, digits == 0 ? 1 : 0); i++) {
          b.append((char) ('0' + in.next(Constraint.between(0, 9))));
        }
      }
      b.append(SUFFIXES.get((int) in.next(Constraint.between(0, SUFFIXES.size() - 1))));
      return b.toString();
    };
  }

  @Test
  void canonicalFormIsIdempotent() {
    qt().withExamples(3000).forAll(texts()).checkAssert(text -> {
      String canonical = Quantity.canonicalize(text);
      assertThat(Quantity.canonicalize(canonical)).as(text).isEqualTo(canonical);
    });
  }

  @Test
  void canonicalFormPreservesTheValue() {
    qt().withExamples(3000).forAll(texts()).checkAssert(text -> {
      Quantity q = Quantity.parse(text);
      assertThat(Quantity.parse(q.toString())).as(text + " -> " + q).isEqualTo(q);
      assertThat(q.toString()).as(text).doesNotContain(".");
    });
  }

  @Test
  void binaryValuesStayBinaryWhenExact() {
    qt().withExamples(1000).forAll(texts()).checkAssert(text -> {
      Quantity q = Quantity.parse(text);
      BigDecimal abs = q.value().abs();
      boolean multipleOfKi = abs.compareTo(BigDecimal.valueOf(1024)) >= 0
          && abs.remainder(BigDecimal.valueOf(1024)).signum() == 0;
      if (q.format() == Format.BINARY_SI && multipleOfKi) {
        assertThat(q.toString()).as(text).endsWith("i");
      }
      if (q.format() != Format.BINARY_SI) {
        assertThat(q.toString()).as(text).doesNotEndWith("i");
      }
    });
  }

  @Test
  void roundUpNeverShrinksAndKeepsAtMostMilli() {
    qt().withExamples(1000).forAll(texts()).checkAssert(text -> {
      Quantity q = Quantity.parse(text);
      Quantity r = q.roundUp(Quantity.MILLI);
      assertThat(r.value().abs()).as(text).isGreaterThanOrEqualTo(q.value().abs());
      assertThat(r.value().stripTrailingZeros().scale()).as(text).isLessThanOrEqualTo(3);
      assertThat(r.value().subtract(q.value()).abs())
          .as(text).isLessThan(new BigDecimal("0.001"));
    });
  }
}
