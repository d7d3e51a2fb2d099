package io.gitopskit.testkit.sync;

import static io.gitopskit.testkit.sync.SyncExecutorTest.configMap;
import static io.gitopskit.testkit.sync.SyncExecutorTest.options;
import static io.gitopskit.testkit.sync.SyncExecutorTest.plan;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.sync.OperationPhase;
import io.gitopskit.core.sync.OperationState;
import io.gitopskit.core.sync.SyncExecutor;
import io.gitopskit.core.sync.SyncPlan;
import io.gitopskit.testkit.SimulatedCluster;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * An executor runs one operation at a time: a second one started meanwhile is refused; a
 * termination request ends with the operation it stopped.
 */
class SyncExecutorConcurrencyTest {

  @Test
  void aSecondOperationStartedWhileOneRunsIsRefused() throws Exception {
    SimulatedCluster cluster = SimulatedCluster.create();
    SyncPlan first = plan(configMap("default", "first"));
    SyncPlan second = plan(configMap("default", "second"));
    AtomicBoolean started = new AtomicBoolean();
    AtomicReference<Object> outcome = new AtomicReference<>();
    SyncExecutor[] executor = new SyncExecutor[1];
    executor[0] = new SyncExecutor(s -> {
      if (started.compareAndSet(false, true)) {
        // another thread starts an operation on the same executor while this one runs
        Thread other = new Thread(() -> {
          try {
            outcome.set(executor[0].run(second, cluster, options(cluster)));
          } catch (IllegalStateException e) {
            outcome.set(e);
          }
        });
        other.start();
        try {
          other.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });

    OperationState state = executor[0].run(first, cluster, options(cluster));

    assertThat(state.phase()).as(state.message()).isEqualTo(OperationPhase.SUCCEEDED);
    assertThat(outcome.get()).isInstanceOf(IllegalStateException.class);
    assertThat(((IllegalStateException) outcome.get()).getMessage())
        .contains("already running");
    assertThat(executor[0].currentState()).contains(state);
    // once the first operation is over, the executor takes the next one
    assertThat(executor[0].run(second, cluster, options(cluster)).phase())
        .isEqualTo(OperationPhase.SUCCEEDED);
  }
  @Test
  void aTerminationEndsWithItsOperation() {
    SimulatedCluster cluster = SimulatedCluster.create();
    SyncExecutor executor = new SyncExecutor();
    executor.terminate();
    OperationState terminated = executor.run(plan(configMap("default", "first")), cluster,
        options(cluster));
    assertThat(terminated.message()).isEqualTo(SyncExecutor.TERMINATED);

    // the next operation on the same executor is not terminated by the earlier request
    assertThat(executor.isTerminating()).isFalse();
    OperationState next = executor.run(plan(configMap("default", "second")), cluster,
        options(cluster));
    assertThat(next.phase()).as(next.message()).isEqualTo(OperationPhase.SUCCEEDED);
  }
}
