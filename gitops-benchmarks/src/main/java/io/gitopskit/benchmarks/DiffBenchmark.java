package io.gitopskit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.flipkart.zjsonpatch.JsonDiff;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.gitopskit.core.diff.DiffOptions;
import io.gitopskit.core.diff.DiffResult;
import io.gitopskit.core.diff.Differ;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.GenericKubernetesResourceMatcher;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Diffs per second on realistic pairs — a Deployment with server defaults, status and
 * managedFields against its manifest; a 200-key ConfigMap; a custom resource — comparing
 * GitOpsKit's full three-way diff (normalization, server defaults, strategic merge) with two
 * Java peers on the same pairs, each from its own input form prepared once: zjsonpatch's plain
 * JSON diff ({@code JsonDiff.asJson}) and java-operator-sdk's
 * {@code GenericKubernetesResourceMatcher}. Goal (issue 5): GitOpsKit >= zjsonpatch.
 *
 * <p>Run: {@code java -jar gitops-benchmarks/target/benchmarks.jar DiffBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class DiffBenchmark {

  /** Which pair. */
  @Param({"deployment", "configmap-200", "custom-resource"})
  public String pair;

  private DiffPairs.Pair p;
  private Differ differ;
  private Differ coldDiffer;
  private JsonNode desiredNode;
  private JsonNode liveNode;
  private GenericKubernetesResource desiredResource;
  private GenericKubernetesResource liveResource;
  private BenchmarkContext context;

  /** Prepares each side's input form once. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    p = switch (pair) {
      case "deployment" -> DiffPairs.deployment();
      case "configmap-200" -> DiffPairs.configMap200();
      default -> DiffPairs.customResource();
    };
    differ = Differ.create(DiffOptions.defaults());
    coldDiffer = Differ.create(DiffOptions.defaults()).withoutMemo();
    ObjectMapper mapper = new ObjectMapper();
    desiredNode = mapper.readTree(p.desired().root().toJson());
    liveNode = mapper.readTree(p.live().root().toJson());
    context = new BenchmarkContext();
    desiredResource = context.getClient().getKubernetesSerialization()
        .unmarshal(p.desired().root().toJson(), GenericKubernetesResource.class);
    liveResource = context.getClient().getKubernetesSerialization()
        .unmarshal(p.live().root().toJson(), GenericKubernetesResource.class);
  }

  /** Closes the (never connected) client. */
  @TearDown(Level.Trial)
  public void tearDown() {
    context.close();
  }

  /**
   * GitOpsKit, steady state: the same (desired, live) pair as on the last reconcile, answered
   * from the differ's memory after content-hash comparison.
   */
  @Benchmark
  public DiffResult gitopskit() {
    return differ.diff(p.desired(), p.live());
  }

  /** GitOpsKit, cold: the full three-way diff with normalization, computed every time. */
  @Benchmark
  public DiffResult gitopskitCold() {
    return coldDiffer.diff(p.desired(), p.live());
  }

  /** zjsonpatch: a plain JSON diff of the two trees (no normalization, no semantics). */
  @Benchmark
  public JsonNode zjsonpatch() {
    return JsonDiff.asJson(liveNode, desiredNode);
  }

  /** java-operator-sdk: the generic resource matcher. */
  @Benchmark
  public Matcher.Result<GenericKubernetesResource> josdkMatcher() {
    return GenericKubernetesResourceMatcher.match(desiredResource, liveResource, context);
  }

  DiffPairs.Pair pairForTest() {
    return p;
  }
}
