package io.gitopskit.benchmarks;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ManifestSet;
import io.gitopskit.core.sync.SyncPlan;
import io.gitopskit.core.sync.SyncPlanner;
import io.gitopskit.core.sync.SyncRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sync planning for 1k, 10k and 100k resources: namespaces, CRDs with custom resources,
 * workloads, services, config, RBAC, hooks in several phases, sync waves, and 10% prune
 * candidates. Goal (issue 6): cost grows as n log n — time(100k) / time(10k) <= 12. {@link
 * #readFields} is a control that shows what memory alone costs at each size.
 *
 * <p>Run: {@code java -jar gitops-benchmarks/target/benchmarks.jar PlanBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms3g", "-Xmx3g"})
public class PlanBenchmark {

  private static final String HOOK = "argocd.argoproj.io/hook";

  /** Resources in the desired set. */
  @Param({"1000", "10000", "100000"})
  public int size;

  /**
   * Resources held in the pool of {@link #planCold}: about 256 MB of objects, eight times the
   * 32 MB last-level cache of the machines measured, so no request is still cached when its
   * turn comes again.
   */
  static final int POOL_RESOURCES = 400_000;

  private SyncRequest request;
  private SyncRequest[] pool;
  private int next;

  /** Builds the request once, and the pool of equal, separately allocated requests. */
  @Setup
  public void setUp() {
    request = request(size);
    pool = new SyncRequest[Math.max(2, POOL_RESOURCES / size)];
    for (int i = 0; i < pool.length; i++) {
      pool[i] = request(size);
    }
  }

  static SyncRequest request(int n) {
    Random r = new Random(3);
    List<Manifest> desired = new ArrayList<>(n);
    String[][] kinds = {{"v1", "ConfigMap"}, {"v1", "Service"}, {"apps/v1", "Deployment"},
        {"v1", "ServiceAccount"}, {"rbac.authorization.k8s.io/v1", "RoleBinding"},
        {"example.io/v1", "Widget"}, {"batch/v1", "Job"}};
    int namespaces = Math.max(1, n / 100);
    for (int i = 0; i < namespaces; i++) {
      desired.add(object("v1", "Namespace", "", "ns-" + i, null, null));
    }
    desired.add(object("apiextensions.k8s.io/v1", "CustomResourceDefinition", "",
        "widgets.example.io", null, null));
    while (desired.size() < n) {
      int i = desired.size();
      String[] k = kinds[r.nextInt(kinds.length)];
      String hook = k[1].equals("Job") ? (r.nextBoolean() ? "PreSync" : "PostSync") : null;
      String wave = r.nextInt(4) == 0 ? Integer.toString(r.nextInt(5) - 1) : null;
      desired.add(object(k[0], k[1], "ns-" + r.nextInt(namespaces), "o-" + i, hook, wave));
    }
    List<Manifest> live = new ArrayList<>();
    for (int i = 0; i < n / 10; i++) {
      live.add(object("v1", "ConfigMap", "ns-" + r.nextInt(namespaces), "stale-" + i, null,
          r.nextInt(3) == 0 ? "2" : null));
    }
    return SyncRequest.builder(ManifestSet.of(desired)).live(live).prune(true)
        .operation("0123456789abcdef", 1_767_225_600L).build();
  }

  private static Manifest object(String apiVersion, String kind, String namespace, String name,
      String hook, String wave) {
    JsonObject.Builder annotations = JsonObject.builder();
    if (hook != null) {
      annotations.put(HOOK, hook);
    }
    if (wave != null) {
      annotations.put("argocd.argoproj.io/sync-wave", wave);
    }
    JsonObject.Builder meta = JsonObject.builder().put("name", name)
        .put("annotations", annotations.build());
    if (!namespace.isEmpty()) {
      meta.put("namespace", JsonString.of(namespace));
    }
    return Manifest.of(JsonObject.builder().put("apiVersion", apiVersion).put("kind", kind)
        .put("metadata", meta.build()).build());
  }

  /** Plans the sync. */
  @Benchmark
  public SyncPlan plan() {
    return SyncPlanner.plan(request);
  }

  /**
   * Plans the sync of a request that is not in the processor's caches: each call takes the next
   * of a pool of equal requests, separately allocated and together far larger than the
   * last-level cache. This is the case of a controller planning one of many applications; it
   * separates the planner's own growth from the step in memory cost that {@link #plan} sees when
   * the request stops fitting in the cache between two calls (between 10k and 100k here).
   *
   * @return the plan
   */
  @Benchmark
  public SyncPlan planCold() {
    SyncRequest r = pool[next];
    next = next + 1 == pool.length ? 0 : next + 1;
    return SyncPlanner.plan(r);
  }

  /**
   * A control, not a goal: one pass that only reads what any planner must read of each desired
   * object (name, namespace, kind, group and the hook annotation) and does nothing with it. Being
   * linear, it would grow 10x from 10k to 100k if memory cost the same at every size; how much
   * more it grows is what the request outgrowing the processor's caches costs, and planning,
   * which reads the same fields, pays that too.
   *
   * @return a checksum, so that the reads are not optimised away
   */
  @Benchmark
  public long readFields() {
    long sum = 0;
    for (Manifest m : request.desired()) {
      sum += m.name().length() + m.namespace().hashCode() + m.kind().hashCode()
          + m.group().length() + (m.annotation(HOOK).isPresent() ? 1 : 0);
    }
    return sum;
  }
}
