package io.gitopskit.testkit.sync;

import static io.gitopskit.testkit.sync.SyncExecutorTest.CM;
import static io.gitopskit.testkit.sync.SyncExecutorTest.configMap;
import static io.gitopskit.testkit.sync.SyncExecutorTest.options;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.cluster.ClusterException;
import io.gitopskit.core.cluster.WriteOptions;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ManifestSet;
import io.gitopskit.core.sync.OperationPhase;
import io.gitopskit.core.sync.OperationState;
import io.gitopskit.core.sync.RetryPolicy;
import io.gitopskit.core.sync.SyncExecutor;
import io.gitopskit.core.sync.SyncPlanner;
import io.gitopskit.core.sync.SyncRequest;
import io.gitopskit.testkit.SimulatedCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Argo CD's {@code syncPolicy.retry}: whole operations retried with backoff. */
class SyncOperationRetryTest {

  /** Refuses the real apply of ConfigMap "flaky" as invalid (never retried per call) n times. */
  static final class Flaky extends DelegatingTarget {
    final AtomicInteger refusalsLeft;

    Flaky(SimulatedCluster cluster, int refusals) {
      super(cluster);
      refusalsLeft = new AtomicInteger(refusals);
    }

    @Override
    public Manifest applyClientSide(Manifest object, WriteOptions options) {
      if (!options.dryRun() && object.name().equals("flaky")
          && refusalsLeft.getAndDecrement() > 0) {
        throw new ClusterException.Invalid("admission webhook \"policy.example.io\" denied the"
            + " request: try again later", List.of());
      }
      return super.applyClientSide(object, options);
    }
  }

  static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofSeconds(5), 2,
      Duration.ofMinutes(3));

  @Test
  void aFailedOperationIsRetriedWithBackoffUntilItSucceeds() {
    SimulatedCluster cluster = SimulatedCluster.create();
    Flaky target = new Flaky(cluster, 2);
    List<String> messages = new ArrayList<>();
    AtomicInteger plans = new AtomicInteger();
    Instant start = cluster.clock().instant();

    OperationState state = new SyncExecutor(s -> messages.add(s.phase().wireName() + " " + s.message()))
        .runWithRetry(() -> {
          plans.incrementAndGet();
          return SyncPlanner.plan(SyncRequest.builder(ManifestSet.of(
              configMap("default", "flaky"), configMap("default", "steady"))).build());
        }, target, options(cluster), RETRY);

    assertThat(state.phase()).as(state.message()).isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(state.message()).doesNotContain("retried");
    assertThat(plans).as("a fresh plan per attempt").hasValue(3);
    assertThat(cluster.get(CM, "default", "flaky")).isPresent();
    assertThat(messages).filteredOn(m -> m.contains("Retrying attempt"))
        .hasSize(2)
        .allMatch(m -> m.startsWith("Running one or more objects failed to apply"))
        .anyMatch(m -> m.matches(".*\\. Retrying attempt #1 at \\d{1,2}:\\d{2}[AP]M\\."))
        .anyMatch(m -> m.contains("Retrying attempt #2 at "));
    assertThat(Duration.between(start, cluster.clock().instant()))
        .as("waited 5 s, then 10 s").isGreaterThanOrEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void retriesStopAtTheLimitAndTheMessageSaysHowOften() {
    SimulatedCluster cluster = SimulatedCluster.create();
    Flaky target = new Flaky(cluster, Integer.MAX_VALUE);

    OperationState state = new SyncExecutor().runWithRetry(() -> SyncPlanner.plan(
        SyncRequest.builder(ManifestSet.of(configMap("default", "flaky"))).build()), target,
        options(cluster), RETRY);

    assertThat(state.phase()).isEqualTo(OperationPhase.FAILED);
    assertThat(state.message()).startsWith("one or more objects failed to apply")
        .endsWith(" (retried 3 times).");
    assertThat(target.refusalsLeft.get()).as("1 attempt + 3 retries")
        .isEqualTo(Integer.MAX_VALUE - 4);
  }

  @Test
  void aTerminatedOperationIsNotRetried() {
    SimulatedCluster cluster = SimulatedCluster.create();
    SyncExecutor executor = new SyncExecutor();
    executor.terminate();

    OperationState state = executor.runWithRetry(() -> SyncPlanner.plan(SyncRequest.builder(
        ManifestSet.of(configMap("default", "a"))).build()), cluster, options(cluster), RETRY);

    assertThat(state.phase()).isEqualTo(OperationPhase.FAILED);
    assertThat(state.message()).isEqualTo(SyncExecutor.TERMINATED);
  }

  @Test
  void terminatingDuringTheBackoffStartsNoFurtherAttempt() {
    SimulatedCluster cluster = SimulatedCluster.create();
    Flaky target = new Flaky(cluster, Integer.MAX_VALUE);
    SyncExecutor executor = new SyncExecutor();
    AtomicInteger plans = new AtomicInteger();

    OperationState state = executor.runWithRetry(() -> {
      plans.incrementAndGet();
      return SyncPlanner.plan(SyncRequest.builder(ManifestSet.of(
          configMap("default", "flaky"))).build());
    }, target, options(cluster).withTime(cluster.clock(), d -> {
      cluster.clock().advance(d);
      executor.terminate(); // the user terminates while the retry waits
    }), RETRY);

    assertThat(plans).as("no attempt after the terminate").hasValue(1);
    assertThat(state.phase()).isEqualTo(OperationPhase.FAILED);
    assertThat(state.message()).as("the first attempt failed on its own, then the wait")
        .startsWith("one or more objects failed to apply").doesNotContain("retried");
  }

  @Test
  void noRetryPolicyMeansOneAttempt() {
    SimulatedCluster cluster = SimulatedCluster.create();
    Flaky target = new Flaky(cluster, 1);

    OperationState state = new SyncExecutor().runWithRetry(() -> SyncPlanner.plan(
        SyncRequest.builder(ManifestSet.of(configMap("default", "flaky"))).build()), target,
        options(cluster), RetryPolicy.none());

    assertThat(state.phase()).isEqualTo(OperationPhase.FAILED);
    assertThat(state.message()).doesNotContain("retried");
  }
}
