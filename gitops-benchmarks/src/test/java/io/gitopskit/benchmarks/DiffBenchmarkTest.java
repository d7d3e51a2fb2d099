package io.gitopskit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every pair is in sync for GitOpsKit (no false OutOfSync) and all peers run (not timing). */
class DiffBenchmarkTest {

  @Test
  void everyPair_isInSync_andEveryPeerRuns() throws Exception {
    for (String pair : new String[] {"deployment", "configmap-200", "custom-resource"}) {
      DiffBenchmark b = new DiffBenchmark();
      b.pair = pair;
      b.setUp();
      try {
        assertThat(b.gitopskit().modified()).as(pair + ": " + b.gitopskit().changes()).isFalse();
        assertThat(b.zjsonpatch().size()).as(pair + ": a plain JSON diff sees server noise")
            .isPositive();
        assertThat(b.josdkMatcher()).isNotNull();
        assertThat(b.pairForTest().live().root().has("metadata")).isTrue();
      } finally {
        b.tearDown();
      }
    }
  }
}
