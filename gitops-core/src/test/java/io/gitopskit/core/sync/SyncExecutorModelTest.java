package io.gitopskit.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.model.ResourceKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The executor's values: retry backoff, wave grouping, state ordering. */
class SyncExecutorModelTest {

  @Test
  void backoffGrowsByFactorAndIsCapped() {
    RetryPolicy p = new RetryPolicy(5, Duration.ofSeconds(5), 2, Duration.ofSeconds(30));
    assertThat(List.of(p.backoff(0), p.backoff(1), p.backoff(2), p.backoff(3), p.backoff(40)))
        .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
            Duration.ofSeconds(30), Duration.ofSeconds(30));
    assertThat(RetryPolicy.none().limit()).isZero();
    assertThatThrownBy(() -> new RetryPolicy(-1, Duration.ZERO, 1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void backoffNeverOverflowsAndStaysWithinTheCap() {
    Duration huge = Duration.ofSeconds(Long.MAX_VALUE / 2);
    RetryPolicy p = new RetryPolicy(Integer.MAX_VALUE, Duration.ofSeconds(1), Integer.MAX_VALUE,
        huge);
    assertThat(p.backoff(0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.backoff(1)).isEqualTo(Duration.ofSeconds(Integer.MAX_VALUE));
    assertThat(p.backoff(5)).isEqualTo(huge);
    assertThat(p.backoff(Integer.MAX_VALUE)).isEqualTo(huge);
  }

  @Test
  void wavesGroupConsecutiveStepsOfOnePhaseAndWave() {
    SyncPlan plan = SyncPlanner.plan(SyncRequest.builder(PlanYaml.load("app-desired.yaml"))
        .build());
    List<SyncExecutor.Wave> waves = SyncExecutor.waves(plan);
    assertThat(waves.stream().mapToInt(w -> w.steps().size()).sum())
        .isEqualTo(plan.steps().size());
    for (SyncExecutor.Wave w : waves) {
      assertThat(w.steps()).allMatch(s -> s.phase() == w.phase() && s.wave() == w.wave());
    }
    for (int i = 1; i < waves.size(); i++) {
      SyncExecutor.Wave a = waves.get(i - 1);
      SyncExecutor.Wave b = waves.get(i);
      assertThat(a.phase() != b.phase() || a.wave() != b.wave()).isTrue();
    }
    assertThat(SyncExecutor.waves(SyncPlan.refused("no"))).isEmpty();
  }

  @Test
  void stateSortsResultsByKeyThenPhase() {
    ResourceKey b = ResourceKey.parse("apps/Deployment/shop/web");
    ResourceKey a = ResourceKey.parse("/ConfigMap/shop/cfg");
    OperationState s = new OperationState(OperationPhase.RUNNING, "running", List.of(
        new ResourceResult(b, SyncPhase.POST_SYNC, ResultCode.SYNCED, "", OperationPhase.RUNNING,
            true),
        new ResourceResult(b, SyncPhase.PRE_SYNC, ResultCode.SYNCED, "", OperationPhase.RUNNING,
            true),
        new ResourceResult(a, SyncPhase.SYNC, ResultCode.SYNCED, "", OperationPhase.RUNNING,
            false)), -1, Instant.EPOCH, Optional.empty());
    assertThat(s.results().stream().map(r -> r.key() + ":" + r.syncPhase().wireName())
        .collect(Collectors.toList())).containsExactly("/ConfigMap/shop/cfg:Sync",
            "apps/Deployment/shop/web:PreSync", "apps/Deployment/shop/web:PostSync");
    assertThat(s.result("/ConfigMap/shop/cfg", SyncPhase.SYNC)).isPresent();
    assertThat(OperationPhase.SUCCEEDED.isCompleted()).isTrue();
    assertThat(OperationPhase.TERMINATING.isCompleted()).isFalse();
  }

  @Test
  void refusedPlanEndsInErrorAndCompletedStateIsNotResumed() {
    OperationState s = new SyncExecutor().run(SyncPlan.refused(SyncPlan.WIPE_OUT), null,
        ExecutorOptions.defaults());
    assertThat(s.phase()).isEqualTo(OperationPhase.ERROR);
    assertThat(s.message()).isEqualTo(SyncPlan.WIPE_OUT);
    assertThat(new SyncExecutor().resume(SyncPlan.refused("x"), null, s,
        ExecutorOptions.defaults())).isSameAs(s);
  }
}
