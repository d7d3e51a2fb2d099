package io.gitopskit.benchmarks;

import io.gitopskit.core.cluster.WriteOptions;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.testkit.SimulatedCluster;

/** Builds simulated clusters of a given size for the benchmarks. */
final class ClusterFixtures {

  /** Objects per {@code shard} label value: every selector below matches exactly this many. */
  static final int PER_SHARD = 10;
  static final int NAMESPACES = 100;

  private ClusterFixtures() {}

  static Manifest configMap(int i) {
    return Manifest.of(JsonObject.builder()
        .put("apiVersion", "v1").put("kind", "ConfigMap")
        .put("metadata", JsonObject.builder()
            .put("name", "cm-" + i)
            .put("namespace", "ns-" + (i % NAMESPACES))
            .put("labels", JsonObject.builder()
                .put("app.kubernetes.io/name", "app-" + (i % 1000))
                .put("app.kubernetes.io/part-of", "bench")
                .put("shard", "s" + (i / PER_SHARD)).build())
            .build())
        .put("data", JsonObject.builder()
            .put("LOG_LEVEL", "info")
            .put("REGION", "eu-west-" + (i % 3))
            .put("FEATURE_FLAGS", "checkout,search").build())
        .build());
  }

  static SimulatedCluster cluster(int size) {
    SimulatedCluster c = SimulatedCluster.builder().controllers(false).watchHistory(1000).build();
    for (int n = 0; n < NAMESPACES; n++) {
      c.create(Manifest.of(JsonObject.builder().put("apiVersion", "v1").put("kind", "Namespace")
          .put("metadata", JsonObject.of("name", JsonString.of("ns-" + n))).build()),
          WriteOptions.defaults());
    }
    for (int i = 0; i < size; i++) {
      c.create(configMap(i), WriteOptions.defaults());
    }
    return c;
  }
}
