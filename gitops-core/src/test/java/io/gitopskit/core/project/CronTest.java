package io.gitopskit.core.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronTest {

  private static Instant next(String spec, String after) {
    return Cron.parse(spec).next(Instant.parse(after)).orElseThrow();
  }

  @ParameterizedTest(name = "{0} after {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      // strictly after: a start exactly at "after" is not returned
      "0 22 * * *      | 2026-03-02T22:00:00Z | 2026-03-03T22:00:00Z",
      "0 22 * * *      | 2026-03-02T21:59:59.5Z | 2026-03-02T22:00:00Z",
      "*/15 * * * *    | 2026-03-02T10:07:00Z | 2026-03-02T10:15:00Z",
      "5/20 * * * *    | 2026-03-02T10:26:00Z | 2026-03-02T10:45:00Z",
      "0 9-17/4 * * *  | 2026-03-02T10:00:00Z | 2026-03-02T13:00:00Z",
      "0 8,20 * * *    | 2026-03-02T09:00:00Z | 2026-03-02T20:00:00Z",
      "0 0 * * MON-FRI | 2026-03-06T12:00:00Z | 2026-03-09T00:00:00Z",
      "0 0 * * sun     | 2026-03-02T00:00:00Z | 2026-03-08T00:00:00Z",
      "0 0 1 JAN,jul * | 2026-03-02T00:00:00Z | 2026-07-01T00:00:00Z",
      "0 0 ? * 0       | 2026-03-02T00:00:00Z | 2026-03-08T00:00:00Z",
      // both day fields restricted: either matches (the 15th, or a Monday)
      "0 0 15 * 1      | 2026-03-10T00:00:00Z | 2026-03-15T00:00:00Z",
      "0 0 15 * 1      | 2026-03-15T00:00:00Z | 2026-03-16T00:00:00Z",
      "0 0 13 * FRI    | 2026-01-01T00:00:00Z | 2026-01-02T00:00:00Z",
      "0 0 1-31 * FRI  | 2026-03-02T00:00:00Z | 2026-03-03T00:00:00Z",
      // a star (even */1) in one day field means both must match: Fridays only
      "0 0 */1 * FRI   | 2026-03-02T00:00:00Z | 2026-03-06T00:00:00Z",
      "0 0 29 2 *      | 2026-03-01T00:00:00Z | 2028-02-29T00:00:00Z",
      "@daily          | 2026-03-02T10:00:00Z | 2026-03-03T00:00:00Z",
      "@midnight       | 2026-03-02T10:00:00Z | 2026-03-03T00:00:00Z",
      "@hourly         | 2026-03-02T10:00:00Z | 2026-03-02T11:00:00Z",
      "@weekly         | 2026-03-02T10:00:00Z | 2026-03-08T00:00:00Z",
      "@monthly        | 2026-03-02T10:00:00Z | 2026-04-01T00:00:00Z",
      "@yearly         | 2026-03-02T10:00:00Z | 2027-01-01T00:00:00Z",
      "@annually       | 2026-03-02T10:00:00Z | 2027-01-01T00:00:00Z",
      "@every 90m      | 2026-03-02T10:00:00.7Z | 2026-03-02T11:30:00Z",
      "TZ=Europe/Berlin 0 9 * * *   | 2026-03-02T00:00:00Z | 2026-03-02T08:00:00Z",
      "CRON_TZ=Asia/Tokyo 0 9 * * * | 2026-03-02T00:00:00Z | 2026-03-03T00:00:00Z",
  })
  void next_findsTheFirstStartStrictlyAfter(String spec, String after, String expected) {
    assertThat(next(spec.trim(), after.trim())).isEqualTo(Instant.parse(expected.trim()));
  }

  @Test
  void impossibleDate_hasNoNextWithinFiveYears() {
    assertThat(Cron.parse("0 0 30 2 *").next(Instant.parse("2026-01-01T00:00:00Z"))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "* * * *", "* * * * * *", "60 * * * *", "* 24 * * *",
      "* * 0 * *", "* * * 13 *", "* * * * 7", "5-1 * * * *", "*/0 * * * *", "1-2-3 * * * *",
      "1/2/3 * * * *", "x * * * *", "* * * JANUARY *", "@reboot", "@every never",
      "TZ=Mars/Olympus 0 0 * * *", "-1 * * * *"})
  void invalidSpecs_areRefused(String spec) {
    assertThatThrownBy(() -> Cron.parse(spec)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void descriptors_areFlagged() {
    assertThat(Cron.parse("@daily").isDescriptor()).isTrue();
    assertThat(Cron.parse("0 0 * * *").isDescriptor()).isFalse();
  }
}
