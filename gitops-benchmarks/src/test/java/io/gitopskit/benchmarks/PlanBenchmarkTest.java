package io.gitopskit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.sync.SyncPlan;
import io.gitopskit.core.sync.SyncPlanner;
import org.junit.jupiter.api.Test;

/** The benchmark's request plans every resource and its prunes (not a timing test). */
class PlanBenchmarkTest {

  @Test
  void plan_coversEveryDesiredResourceAndPrune() {
    SyncPlan plan = SyncPlanner.plan(PlanBenchmark.request(1000));
    assertThat(plan.isRefused()).isFalse();
    assertThat(plan.steps().size()).isGreaterThanOrEqualTo(1000);
  }
}
