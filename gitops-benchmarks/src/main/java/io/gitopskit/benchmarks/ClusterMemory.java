package io.gitopskit.benchmarks;

import io.gitopskit.core.model.Manifest;
import io.gitopskit.testkit.SimulatedCluster;
import java.util.List;
import java.util.Locale;

/**
 * Memory per object stored in the simulated cluster, beyond the JSON tree itself: the heap held
 * by a cluster of N ConfigMaps, minus the heap still held when only the very same stored trees
 * are kept (the cluster dropped), divided by N. Run:
 * {@code java -Xmx8g -cp gitops-benchmarks/target/benchmarks.jar
 * io.gitopskit.benchmarks.ClusterMemory 100000}.
 */
public final class ClusterMemory {

  private ClusterMemory() {}

  /**
   * Entry point.
   *
   * @param args the object count (default 100,000)
   */
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    long base = RetainedHeap.usedAfterGc();
    SimulatedCluster cluster = ClusterFixtures.cluster(n);
    long clusterBytes = RetainedHeap.usedAfterGc() - base;
    List<Manifest> trees = cluster.objects();
    int count = trees.size();
    cluster = null;
    long treeBytes = RetainedHeap.usedAfterGc() - base;
    System.out.printf(Locale.ROOT, "objects stored:           %d%n", count);
    System.out.printf(Locale.ROOT, "cluster heap:             %.1f MB (%.0f B/object)%n",
        clusterBytes / 1e6, (double) clusterBytes / count);
    System.out.printf(Locale.ROOT, "the stored trees alone:   %.1f MB (%.0f B/object)%n",
        treeBytes / 1e6, (double) treeBytes / count);
    System.out.printf(Locale.ROOT, "overhead beyond the JSON: %.0f B/object%n",
        (double) (clusterBytes - treeBytes) / count);
    if (trees.isEmpty() && cluster == null) {
      System.out.println("empty");
    }
  }
}
