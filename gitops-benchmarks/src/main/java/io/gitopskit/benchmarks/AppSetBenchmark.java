package io.gitopskit.benchmarks;

import io.gitopskit.core.appset.ApplicationSet;
import io.gitopskit.core.appset.ApplicationSetRenderer;
import io.gitopskit.core.appset.GeneratedApplication;
import io.gitopskit.core.appset.generator.ClusterInfo;
import io.gitopskit.core.appset.generator.ClusterRegistry;
import io.gitopskit.core.appset.generator.GeneratorContext;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.source.FileTree;
import io.gitopskit.core.source.ResolvedSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * Expanding an ApplicationSet whose matrix crosses a cluster generator (10 or 100 clusters
 * selected by label from a registry of twice as many) with a Git directory generator (100
 * directories of an in-memory repository): 1k and 10k applications, each rendered through a
 * realistic template ({@code {{param}}} mode) with namespace forcing and the resources
 * finalizer. Goal (issue 8): linear growth — time(10k) / time(1k) <= 12; divide by the
 * application count for the per-app cost.
 *
 * <p>Run: {@code java -jar gitops-benchmarks/target/benchmarks.jar AppSetBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class AppSetBenchmark {

  /** Clusters selected by the matrix's first child. */
  @Param({"10", "100"})
  public int clusters;

  /** Directories matched by the matrix's second child. */
  @Param({"100"})
  public int directories;

  private ApplicationSet set;
  private GeneratorContext context;

  /** Builds the ApplicationSet, the cluster registry and the repository once. */
  @Setup
  public void setUp() {
    set = applicationSet();
    context = context(set, clusters, directories);
  }

  /**
   * Generates and renders every application.
   *
   * @return the applications
   */
  @Benchmark
  public List<GeneratedApplication> expand() {
    return ApplicationSetRenderer.render(set, context);
  }

  static ApplicationSet applicationSet() {
    Object clustersChild = Map.of("clusters", Map.of("selector",
        Map.of("matchLabels", Map.of("tier", "workload"))));
    Object gitChild = Map.of("git", Map.of("repoURL", "https://git.example.com/platform",
        "revision", "main", "directories", List.of(Map.of("path", "apps/*"),
            Map.of("path", "apps/legacy-*", "exclude", true))));
    JsonObject matrix = (JsonObject) JsonValue.of(Map.of("matrix",
        Map.of("generators", List.of(clustersChild, gitChild))));
    JsonObject template = (JsonObject) JsonValue.of(Map.of(
        "metadata", Map.of("name", "{{nameNormalized}}-{{path.basenameNormalized}}",
            "labels", Map.of("env", "{{metadata.labels.env}}", "app", "{{path.basename}}",
                "region", "{{metadata.labels.region}}"),
            "annotations", Map.of("example.com/owner", "platform")),
        "spec", Map.of("project", "workloads",
            "source", Map.of("repoURL", "https://git.example.com/platform",
                "targetRevision", "main", "path", "{{path}}",
                "directory", Map.of("recurse", true)),
            "destination", Map.of("server", "{{server}}", "namespace", "{{path.basename}}"),
            "syncPolicy", Map.of("automated", Map.of("prune", true, "selfHeal", true),
                "syncOptions", List.of("CreateNamespace=true", "ServerSideApply=true")))));
    return ApplicationSet.builder("platform").namespace("argocd").generator(matrix)
        .template(template).build();
  }

  static GeneratorContext context(ApplicationSet set, int clusterCount, int dirCount) {
    List<ClusterInfo> registry = new ArrayList<>();
    for (int i = 0; i < clusterCount * 2; i++) {
      String tier = i % 2 == 0 ? "workload" : "management";
      registry.add(new ClusterInfo(String.format("cluster-%04d", i),
          "https://k8s-" + i + ".example.com", "",
          Map.of("tier", tier, "env", i % 3 == 0 ? "prod" : "dev", "region", "r" + (i % 5)),
          Map.of("example.com/contact", "team-" + (i % 7))));
    }
    Map<String, String> files = new TreeMap<>();
    for (int i = 0; i < dirCount; i++) {
      files.put("apps/app-" + i + "/deployment.yaml", "kind: Deployment\n");
      files.put("apps/app-" + i + "/service.yaml", "kind: Service\n");
    }
    files.put("apps/legacy-x/deployment.yaml", "kind: Deployment\n");
    FileTree tree = FileTree.ofStrings(files);
    return set.generatorContext().clusters(ClusterRegistry.of(registry))
        .source(ref -> new ResolvedSource(ref, "0123456789abcdef0123456789abcdef01234567", tree))
        .build();
  }
}
