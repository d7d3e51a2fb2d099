package io.gitopskit.testkit.sync;

import static io.gitopskit.testkit.sync.SyncExecutorTest.CM;
import static io.gitopskit.testkit.sync.SyncExecutorTest.NS;
import static io.gitopskit.testkit.sync.SyncExecutorTest.configMap;
import static io.gitopskit.testkit.sync.SyncExecutorTest.namespace;
import static io.gitopskit.testkit.sync.SyncExecutorTest.options;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.app.Application;
import io.gitopskit.core.app.ApplicationYaml;
import io.gitopskit.core.cluster.WriteOptions;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ManifestSet;
import io.gitopskit.core.sync.OperationPhase;
import io.gitopskit.core.sync.OperationState;
import io.gitopskit.core.sync.SyncExecutor;
import io.gitopskit.core.sync.SyncPhase;
import io.gitopskit.core.sync.SyncPlan;
import io.gitopskit.core.sync.SyncPlanner;
import io.gitopskit.core.sync.SyncStep;
import io.gitopskit.testkit.SimulatedCluster;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code CreateNamespace=true} with {@code managedNamespaceMetadata}, from an Application. */
class CreateNamespaceTest {

  static final String APP = """
      apiVersion: argoproj.io/v1alpha1
      kind: Application
      metadata: {name: shop, namespace: argocd}
      spec:
        project: default
        source: {repoURL: https://git.example.com/shop.git, path: envs/dev}
        destination: {server: https://kubernetes.default.svc, namespace: shop-dev}
        syncPolicy:
          syncOptions: [CreateNamespace=true]
          managedNamespaceMetadata:
            labels: {team: shop, env: dev}
            annotations: {owner: platform}
      """;

  static Map<String, JsonValue> labels(Manifest ns) {
    return ns.metadata().getObject("labels").map(JsonObject::asMap).orElse(Map.of());
  }

  @Test
  void theDestinationNamespaceIsCreatedFirstWithItsManagedMetadata() {
    SimulatedCluster cluster = SimulatedCluster.create();
    Application app = ApplicationYaml.readOne(APP, "app.yaml");
    SyncPlan plan = SyncPlanner.plan(app.syncRequest(ManifestSet.of(
        configMap("shop-dev", "cfg")), false).build());

    SyncStep first = plan.steps().get(0);
    assertThat(first.phase()).isEqualTo(SyncPhase.PRE_SYNC);
    assertThat(first.manifest().kind()).isEqualTo("Namespace");

    OperationState state = new SyncExecutor().run(plan, cluster, options(cluster));

    assertThat(state.phase()).as(state.message()).isEqualTo(OperationPhase.SUCCEEDED);
    Manifest ns = cluster.get(NS, "", "shop-dev").orElseThrow();
    assertThat(labels(ns)).containsEntry("team", JsonValue.of("shop"))
        .containsEntry("env", JsonValue.of("dev"));
    assertThat(ns.annotation("owner")).contains("platform");
    assertThat(cluster.get(CM, "shop-dev", "cfg")).isPresent();
  }

  @Test
  void anExistingNamespaceGainsTheManagedMetadataAndKeepsItsOwnLabels() {
    SimulatedCluster cluster = SimulatedCluster.create();
    cluster.create(namespace("shop-dev").withLabel("tenant", "blue"), WriteOptions.defaults());
    Application app = ApplicationYaml.readOne(APP, "app.yaml");

    OperationState state = new SyncExecutor().run(SyncPlanner.plan(app.syncRequest(
        ManifestSet.of(configMap("shop-dev", "cfg")), false).build()), cluster,
        options(cluster));

    assertThat(state.phase()).as(state.message()).isEqualTo(OperationPhase.SUCCEEDED);
    Manifest ns = cluster.get(NS, "", "shop-dev").orElseThrow();
    assertThat(labels(ns)).containsEntry("tenant", JsonValue.of("blue"))
        .containsEntry("team", JsonValue.of("shop"));
  }

  @Test
  void withoutCreateNamespaceNoNamespaceIsPlanned() {
    Application app = ApplicationYaml.readOne(APP.replace("[CreateNamespace=true]", "[]"),
        "app.yaml");
    SyncPlan plan = SyncPlanner.plan(app.syncRequest(ManifestSet.of(
        configMap("shop-dev", "cfg")), false).build());
    assertThat(plan.steps()).noneMatch(s -> s.manifest().kind().equals("Namespace"));
  }
}
