package io.gitopskit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

  @Test
  void parsesGoDurations() {
    assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(GoDuration.parse(".5s")).isEqualTo(Duration.ofMillis(500));
    assertThat(GoDuration.parse("5.s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(GoDuration.parse("300ms")).isEqualTo(Duration.ofMillis(300));
    assertThat(GoDuration.parse("2us")).isEqualTo(Duration.ofNanos(2000));
    assertThat(GoDuration.parse("2µs")).isEqualTo(Duration.ofNanos(2000));
    assertThat(GoDuration.parse("7ns")).isEqualTo(Duration.ofNanos(7));
    assertThat(GoDuration.parse("-1h")).isEqualTo(Duration.ofHours(-1));
    assertThat(GoDuration.parse("+2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
    assertThat(GoDuration.parse("1h2m3s")).isEqualTo(Duration.ofSeconds(3723));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "5", "1d", "h", ".s", "1 h", "1h 2m", "-", "1.2.3s"})
  void refusesWhatGoRefuses(String text) {
    assertThatThrownBy(() -> GoDuration.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .message().doesNotContain("'" + text + "'");
  }

  @Test
  void bareIntegers_areSecondsForBackoffs() {
    assertThat(GoDuration.parseSecondsOrDuration("5")).isEqualTo(Duration.ofSeconds(5));
    assertThat(GoDuration.parseSecondsOrDuration("3m")).isEqualTo(Duration.ofMinutes(3));
  }

  @Test
  void separatorGlobs_keepStarsInsideASegment() {
    Glob g = Glob.compile("https://github.com/*", "/");
    assertThat(g.matches("https://github.com/org")).isTrue();
    assertThat(g.matches("https://github.com/org/repo")).isFalse();
    assertThat(Glob.compile("https://github.com/**", "/").matches("https://github.com/o/r"))
        .isTrue();
    assertThat(Glob.compile("a?c", "/").matches("a/c")).isFalse();
    assertThat(Glob.compile("a?c", "").matches("a/c")).isTrue();
    assertThat(Glob.compile("https://github.com/*", "").matches("https://github.com/o/r"))
        .as("without separators * crosses /").isTrue();
  }
}
