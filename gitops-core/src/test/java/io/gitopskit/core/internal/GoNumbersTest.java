package io.gitopskit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GoNumbersTest {

  /** Expected values are Go's {@code fmt.Sprint(float64)} and {@code json.Marshal}. */
  @ParameterizedTest
  @CsvSource({
      "1000000, 1e+06, 1000000",
      "999999, 999999, 999999",
      "123456, 123456, 123456",
      "1234567, 1.234567e+06, 1234567",
      "1.5, 1.5, 1.5",
      "3, 3, 3",
      "0.0001, 0.0001, 0.0001",
      "0.00001, 1e-05, 0.00001",
      "0.0000001, 1e-07, 1e-7",
      "-2500000, -2.5e+06, -2500000",
      "1e21, 1e+21, 1e+21",
      "1e100, 1e+100, 1e+100",
      "0.1, 0.1, 0.1",
      "0.3, 0.3, 0.3",
      "608863452348.1149, 6.088634523481149e+11, 608863452348.1149",
      "5e-324, 5e-324, 5e-324",
      "1.7976931348623157e308, 1.7976931348623157e+308, 1.7976931348623157e+308",
  })
  void formatsAsGo(double value, String fmt, String json) {
    assertThat(GoNumbers.format(value)).isEqualTo(fmt);
    assertThat(GoNumbers.json(value)).isEqualTo(json);
  }

  @Test
  void specialValues() {
    assertThat(GoNumbers.format(0.0)).isEqualTo("0");
    assertThat(GoNumbers.format(-0.0)).isEqualTo("-0");
    assertThat(GoNumbers.format(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(GoNumbers.format(Double.NaN)).isEqualTo("NaN");
  }

  @Test
  void everyOutputReadsBackAsTheSameDouble() {
    qt().forAll(doubles().any()).assuming(d -> !d.isNaN() && !d.isInfinite())
        .checkAssert(d -> {
          assertThat(Double.parseDouble(GoNumbers.format(d))).isEqualTo(d);
          assertThat(Double.parseDouble(GoNumbers.json(d))).isEqualTo(d);
        });
  }
}
