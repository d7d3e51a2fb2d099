package io.gitopskit.testkit.sync;

import static io.gitopskit.testkit.sync.SyncExecutorTest.configMap;
import static io.gitopskit.testkit.sync.SyncExecutorTest.deployment;
import static io.gitopskit.testkit.sync.SyncExecutorTest.job;
import static io.gitopskit.testkit.sync.SyncExecutorTest.yaml;

import io.gitopskit.core.cluster.ApplyOptions;
import io.gitopskit.core.cluster.WriteOptions;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ManifestSet;
import io.gitopskit.core.sync.OperationState;
import io.gitopskit.core.sync.StateStore;
import io.gitopskit.core.sync.SyncExecutor;
import io.gitopskit.core.sync.SyncPlan;
import io.gitopskit.core.sync.SyncPlanner;
import io.gitopskit.core.sync.SyncRequest;
import io.gitopskit.core.sync.SyncStep;
import io.gitopskit.testkit.SimulatedCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The multi-wave sync of {@link CrashResumeTest}, and the child process that runs it until it
 * is killed: {@code main(journal, stateDir, killAt)} restores the durable cluster, plans, runs
 * the sync while saving the operation state after every step, and, right after the real write (apply or create)
 * of the first object whose name starts with {@code killAt} (the object is in the cluster, the
 * state does not know it yet), prints {@code blocked <kind>/<name>} and waits on stdin for a
 * kill that the parent sends.
 */
final class CrashScenario {

  static final String OPERATION = "shop-sync";
  static final String REVISION = "abc1234def5678";
  static final long STARTED = 1_767_225_600L;
  static final GroupVersionKind CM = SyncExecutorTest.CM;

  private CrashScenario() {
  }

  /** The durable cluster: the same seed and configuration in both processes. */
  static SimulatedCluster cluster(Path journal) {
    return SimulatedCluster.builder().seed(42).journal(journal).build();
  }

  /**
   * PreSync hook with a generated name; Sync waves 0 (prune of the tracked {@code old}, {@code
   * cfg}), 1 ({@code web}, which takes a while to become healthy) and 2 ({@code done});
   * PostSync hook {@code smoke} deleted on success.
   */
  static ManifestSet desired() {
    Manifest migrate = yaml("""
        apiVersion: batch/v1
        kind: Job
        metadata:
          generateName: migrate-
          namespace: shop
          annotations: {argocd.argoproj.io/hook: PreSync}
        spec:
          backoffLimit: 0
          template:
            spec:
              restartPolicy: Never
              containers: [{name: c, image: busybox:1.36}]
        """);
    return ManifestSet.of(migrate, configMap("shop", "cfg"), deployment("shop", "web", 1, true),
        configMap("shop", "done").withAnnotation("argocd.argoproj.io/sync-wave", "2"),
        job("shop", "smoke", "PostSync", "HookSucceeded", false));
  }

  /** The plan, from the tracked live object {@code old} as the cluster holds it now. */
  static SyncPlan plan(SimulatedCluster cluster) {
    Manifest old = cluster.get(CM, "shop", "old").orElseThrow();
    return SyncPlanner.plan(SyncRequest.builder(desired()).live(List.of(old)).prune(true)
        .operation(REVISION, STARTED).build());
  }

  /** A fingerprint of a plan that is the same in every JVM (hash codes of enums are not). */
  static String fingerprint(SyncPlan plan) {
    StringBuilder b = new StringBuilder();
    for (SyncStep s : plan.steps()) {
      b.append(s.getClass().getSimpleName()).append(' ').append(s.phase().wireName())
          .append(' ').append(s.wave()).append(' ').append(s.key()).append(' ')
          .append(Long.toHexString(s.manifest().root().contentHash())).append(';');
    }
    return Integer.toHexString(b.toString().hashCode()) + "/" + plan.steps().size();
  }

  public static void main(String[] args) throws IOException {
    Path journal = Path.of(args[0]);
    StateStore states = StateStore.directory(Path.of(args[1]));
    String killAt = args[2];
    SimulatedCluster cluster = cluster(journal);
    SyncPlan plan = plan(cluster);
    System.out.println("plan " + fingerprint(plan));
    DelegatingTarget target = new DelegatingTarget(cluster) {
      @Override
      public Manifest applyServerSide(Manifest object, ApplyOptions options) {
        return blockAfter(super.applyServerSide(object, options), options.dryRun());
      }

      @Override
      public Manifest applyClientSide(Manifest object, WriteOptions options) {
        return blockAfter(super.applyClientSide(object, options), options.dryRun());
      }

      @Override
      public Manifest create(Manifest object, WriteOptions options) {
        return blockAfter(super.create(object, options), options.dryRun());
      }

      private Manifest blockAfter(Manifest written, boolean dryRun) {
        if (!dryRun && written.name().startsWith(killAt)) {
          System.out.println("blocked " + written.kind() + "/" + written.name());
          System.out.flush();
          try {
            System.in.read();
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
          throw new IllegalStateException("expected to be killed while blocked");
        }
        return written;
      }
    };
    SyncExecutor executor = new SyncExecutor(s -> states.save(OPERATION, s));
    OperationState end = executor.run(plan, target, SyncExecutorTest.options(cluster));
    System.out.println("finished " + end.phase().wireName() + " " + end.message());
  }
}
