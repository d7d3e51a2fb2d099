package io.gitopskit.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Comparator;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class OrderingKeyTest {

  private record Parts(SyncPhase phase, int wave, int low) {
  }

  private static final Comparator<Parts> LEXICOGRAPHIC = Comparator.comparing(Parts::phase)
      .thenComparingInt(Parts::wave).thenComparingInt(Parts::low);

  private static Gen<Parts> parts() {
    Gen<Integer> waves = integers().all().mix(integers().between(-2, 2), 50)
        .mix(integers().between(Integer.MAX_VALUE - 1, Integer.MAX_VALUE), 10)
        .mix(integers().between(Integer.MIN_VALUE, Integer.MIN_VALUE + 1), 10);
    return integers().between(0, SyncPhase.values().length - 1)
        .zip(waves, integers().between(0, 255),
            (p, w, l) -> new Parts(SyncPhase.values()[p], w, l));
  }

  @Test
  void packedKeysOrderAsPhaseThenWaveThenLow() {
    qt().withExamples(2000).forAll(parts(), parts()).checkAssert((a, b) ->
        assertThat(Integer.signum(Long.compare(Ordering.key(a.phase(), a.wave(), a.low()),
            Ordering.key(b.phase(), b.wave(), b.low()))))
            .as("%s vs %s", a, b)
            .isEqualTo(Integer.signum(LEXICOGRAPHIC.compare(a, b))));
  }
}
