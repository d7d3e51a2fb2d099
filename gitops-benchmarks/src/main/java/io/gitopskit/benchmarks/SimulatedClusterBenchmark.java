package io.gitopskit.benchmarks;

import io.gitopskit.core.cluster.ApplyOptions;
import io.gitopskit.core.cluster.ListOptions;
import io.gitopskit.core.cluster.ResourceList;
import io.gitopskit.core.cluster.WriteOptions;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.testkit.SimulatedCluster;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The simulated cluster at 10k, 100k and 1M stored objects: listing by label selector (every
 * selector matches exactly 10 objects, so a flat cost across sizes means the cost follows the
 * matches, not the cluster size) and writing one object (an update, and a server-side apply with
 * managed fields).
 *
 * <p>Run: {@code java -jar gitops-benchmarks/target/benchmarks.jar SimulatedClusterBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms6g", "-Xmx6g"})
public class SimulatedClusterBenchmark {

  private static final GroupVersionKind CM = new GroupVersionKind("", "v1", "ConfigMap");

  /** Objects stored before measuring. */
  @Param({"10000", "100000", "1000000"})
  public int size;

  private SimulatedCluster cluster;
  private int next;

  /** Fills the cluster. */
  @Setup(Level.Trial)
  public void setUp() {
    cluster = ClusterFixtures.cluster(size);
  }

  /** Lists the 10 objects of one shard label, cycling through shards. */
  @Benchmark
  public ResourceList listByLabel() {
    int shard = (next = (next + 7919) % (size / ClusterFixtures.PER_SHARD));
    return cluster.list(CM, ListOptions.all().withSelector("shard=s" + shard));
  }

  /** Server-side applies one object's changed configuration, cycling through objects. */
  @Benchmark
  public Manifest applyServerSide() {
    int i = (next = (next + 7919) % size);
    Manifest m = ClusterFixtures.configMap(i)
        .with("/data/LOG_LEVEL", JsonString.of("debug-" + System.nanoTime()));
    return cluster.applyServerSide(m, ApplyOptions.defaults().withForce(true));
  }

  /** Updates one stored object (a changed data value), cycling through objects. */
  @Benchmark
  public Manifest update() {
    int i = (next = (next + 7919) % size);
    Manifest m = ClusterFixtures.configMap(i)
        .with("/data/LOG_LEVEL", JsonString.of("debug-" + System.nanoTime()));
    return cluster.update(m, WriteOptions.defaults());
  }
}
