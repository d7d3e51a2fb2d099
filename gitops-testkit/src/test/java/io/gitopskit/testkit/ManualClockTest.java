package io.gitopskit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualClockTest {

  @Test
  void movesOnlyWhenTold_inStepsThatListenersSee() {
    ManualClock clock = ManualClock.create();
    List<Long> seen = new ArrayList<>();
    clock.onAdvance(t -> seen.add(t.getEpochSecond() - ManualClock.DEFAULT_START.getEpochSecond()));
    assertThat(clock.instant()).isEqualTo(ManualClock.DEFAULT_START);
    clock.advance(Duration.ofSeconds(3));
    assertThat(seen).containsExactly(1L, 2L, 3L);
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withZone_sharesTheManualInstant() {
    ManualClock clock = ManualClock.create();
    Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));
    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    clock.advance(Duration.ofMinutes(5));
    assertThat(paris.instant()).isEqualTo(clock.instant());
    assertThat(clock.withZone(clock.getZone())).isSameAs(clock);
  }
}
