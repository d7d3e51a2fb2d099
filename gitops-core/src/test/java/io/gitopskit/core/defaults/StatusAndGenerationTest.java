package io.gitopskit.core.defaults;

import static io.gitopskit.core.defaults.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.model.GroupKind;
import io.gitopskit.core.model.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Status after create, generation rules (§2.1) and semantic equality. */
class StatusAndGenerationTest {

  private static Manifest object(String apiVersion, String kind) {
    return yaml("apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata: {name: x}\n");
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "apps/v1 | Deployment | {}",
      "apps/v1 | ReplicaSet | {\"replicas\":0}",
      "v1 | ReplicationController | {\"replicas\":0}",
      "apps/v1 | StatefulSet | {\"availableReplicas\":0,\"replicas\":0}",
      "apps/v1 | DaemonSet | {\"currentNumberScheduled\":0,\"desiredNumberScheduled\":0,"
          + "\"numberMisscheduled\":0,\"numberReady\":0}",
      "batch/v1 | Job | {}",
      "batch/v1 | CronJob | {}",
      "v1 | Service | {\"loadBalancer\":{}}",
      "networking.k8s.io/v1 | Ingress | {\"loadBalancer\":{}}",
      "v1 | Namespace | {\"phase\":\"Active\"}",
      "v1 | PersistentVolumeClaim | {\"phase\":\"Pending\"}",
      "v1 | PersistentVolume | {\"phase\":\"Pending\"}",
      "policy/v1 | PodDisruptionBudget | {\"currentHealthy\":0,\"desiredHealthy\":0,"
          + "\"disruptionsAllowed\":0,\"expectedPods\":0}",
      "autoscaling/v2 | HorizontalPodAutoscaler | {\"currentMetrics\":null,\"desiredReplicas\":0}",
      "v1 | ConfigMap | {}",
      "example.com/v1 | Widget | {}",
  })
  void initialStatusPerKind(String apiVersion, String kind, String status) {
    assertThat(ServerDefaults.initialStatus(object(apiVersion, kind)).toJson()).isEqualTo(status);
  }

  @Test
  void hasStatusTellsEmptyStatusFromNoStatus() {
    assertThat(ServerDefaults.hasStatus(GroupKind.of("apps", "Deployment"))).isTrue();
    assertThat(ServerDefaults.hasStatus(GroupKind.of("", "Service"))).isTrue();
    assertThat(ServerDefaults.hasStatus(GroupKind.of("", "ConfigMap"))).isFalse();
    assertThat(ServerDefaults.hasStatus(GroupKind.of("networking.k8s.io", "NetworkPolicy")))
        .isFalse();
    assertThat(ServerDefaults.hasStatus(GroupKind.of("example.com", "Widget"))).isFalse();
  }

  @Test
  void crdStatusListsTheStorageVersion() {
    JsonObject status = ServerDefaults.initialStatus(yaml("""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.com}
        spec:
          names: {kind: Widget, plural: widgets}
          versions:
          - {name: v1beta1, served: true, storage: false}
          - {name: v1, served: true, storage: true}
        """));
    assertThat(status.toJson()).isEqualTo("{\"acceptedNames\":{\"kind\":\"\",\"plural\":\"\"},"
        + "\"conditions\":null,\"storedVersions\":[\"v1\"]}");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "BestEffort | {name: c, image: a}",
      "Burstable | {name: c, image: a, resources: {requests: {cpu: 100m}}}",
      "Guaranteed | {name: c, image: a, resources: {limits: {cpu: 100m, memory: 1Gi}}}",
      "Guaranteed | {name: c, image: a, resources: {limits: {cpu: '1', memory: 1Gi}, "
          + "requests: {cpu: 1000m, memory: 1024Mi}}}",
      "Burstable | {name: c, image: a, resources: {limits: {cpu: 100m}}}",
      "Burstable | {name: c, image: a, resources: {limits: {cpu: 200m, memory: 1Gi}, "
          + "requests: {cpu: 100m}}}",
      "BestEffort | {name: c, image: a, resources: {requests: {ephemeral-storage: 1Gi}}}",
  })
  void podStatusCarriesTheQosClass(String qos, String container) {
    JsonObject status = ServerDefaults.initialStatus(yaml("""
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
          - %s
        """.formatted(container)));
    assertThat(status.getString("phase")).contains("Pending");
    assertThat(status.getString("qosClass")).contains(qos);
  }

  @Test
  void podLevelResourcesDecideQos() {
    JsonObject status = ServerDefaults.initialStatus(yaml("""
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          resources: {limits: {cpu: "1", memory: 1Gi}}
          containers:
          - {name: c, image: a}
        """));
    assertThat(status.getString("qosClass")).contains("Guaranteed");
  }

  @ParameterizedTest(name = "{0}/{1} -> {2}")
  @CsvSource({
      "apps, Deployment, true", "apps, ReplicaSet, true", "apps, StatefulSet, true",
      "apps, DaemonSet, true", "'', ReplicationController, true", "'', Pod, true",
      "batch, Job, true", "batch, CronJob, true", "networking.k8s.io, Ingress, true",
      "networking.k8s.io, NetworkPolicy, true", "policy, PodDisruptionBudget, true",
      "apiextensions.k8s.io, CustomResourceDefinition, true", "example.com, Widget, true",
      "gateway.networking.k8s.io, HTTPRoute, true",
      "'', ConfigMap, false", "'', Secret, false", "'', Service, false",
      "'', ServiceAccount, false", "'', Namespace, false", "'', PersistentVolumeClaim, false",
      "'', PersistentVolume, false", "autoscaling, HorizontalPodAutoscaler, false",
      "rbac.authorization.k8s.io, Role, false",
      "rbac.authorization.k8s.io, ClusterRoleBinding, false",
      "storage.k8s.io, StorageClass, false",
  })
  void setsGeneration(String group, String kind, boolean expected) {
    assertThat(ServerDefaults.setsGeneration(GroupKind.of(group, kind))).isEqualTo(expected);
  }

  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        annotations: {team: a}
        labels: {app: web}
      spec:
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: c, image: "nginx:1"}]
      """;

  @Test
  void deploymentBumpsOnSpecOrAnnotations() {
    Manifest old = yaml(DEPLOYMENT);
    assertThat(ServerDefaults.bumpsGeneration(old, old)).isFalse();
    assertThat(ServerDefaults.bumpsGeneration(old,
        old.with("/spec/replicas", JsonNumber.of(3)))).isTrue();
    assertThat(ServerDefaults.bumpsGeneration(old, old.withAnnotation("team", "b"))).isTrue();
    assertThat(ServerDefaults.bumpsGeneration(old, old.withLabel("tier", "x"))).isFalse();
    assertThat(ServerDefaults.bumpsGeneration(old,
        old.with("/status", JsonObject.of("replicas", JsonNumber.of(1))))).isFalse();
  }

  @Test
  void explicitDefaultsAndEmptyValuesAreNotChanges() {
    Manifest old = yaml(DEPLOYMENT);
    Manifest explicit = old.with("/spec/replicas", JsonNumber.of(1))
        .with("/spec/revisionHistoryLimit", JsonNumber.of(10))
        .with("/spec/template/spec/containers/0/imagePullPolicy", JsonString.of("IfNotPresent"))
        .with("/spec/template/spec/volumes", JsonArray.empty())
        .with("/spec/paused", JsonNull.INSTANCE);
    assertThat(ServerDefaults.bumpsGeneration(old, explicit)).isFalse();
    Manifest quantity = old.with("/spec/template/spec/containers/0/resources",
        JsonObject.of("limits", JsonObject.of("memory", JsonString.of("1024Mi"))));
    Manifest sameQuantity = old.with("/spec/template/spec/containers/0/resources",
        JsonObject.of("limits", JsonObject.of("memory", JsonString.of("1Gi"))));
    assertThat(ServerDefaults.bumpsGeneration(quantity, sameQuantity)).isFalse();
  }

  @Test
  void otherKindsBumpOnSpecOnly() {
    Manifest rs = yaml("""
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: rs}
        spec: {replicas: 1}
        """);
    assertThat(ServerDefaults.bumpsGeneration(rs, rs.withAnnotation("a", "b"))).isFalse();
    assertThat(ServerDefaults.bumpsGeneration(rs, rs.with("/spec/replicas", JsonNumber.of(2))))
        .isTrue();
    Manifest svc = yaml("""
        apiVersion: v1
        kind: Service
        metadata: {name: s}
        spec: {ports: [{port: 80}]}
        """);
    assertThat(ServerDefaults.bumpsGeneration(svc,
        svc.with("/spec/ports/0/port", JsonNumber.of(81)))).isFalse();
  }

  @Test
  void customResourcesBumpOnAnythingOutsideMetadata() {
    Manifest w = yaml("""
        apiVersion: example.com/v1
        kind: Widget
        metadata: {name: w}
        spec: {size: 1}
        """);
    assertThat(ServerDefaults.bumpsGeneration(w, w.withLabel("a", "b"))).isFalse();
    assertThat(ServerDefaults.bumpsGeneration(w, w.with("/spec/size", JsonNumber.of(2))))
        .isTrue();
    assertThat(ServerDefaults.bumpsGeneration(w, w.with("/status/ready", JsonNumber.of(1))))
        .isTrue();
    assertThat(ServerDefaults.bumpsGeneration(w, w.with("/data", JsonString.of("x")))).isTrue();
  }

  @Test
  void bumpsGenerationRefusesDifferentKinds() {
    assertThatThrownBy(() -> ServerDefaults.bumpsGeneration(object("v1", "ConfigMap"),
        object("v1", "Secret"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void semanticEqualityIgnoresNullsAndEmptyContainers() {
    JsonObject a = (JsonObject) yaml("""
        apiVersion: v1
        kind: X
        metadata: {name: a}
        spec: {list: [], map: {}, nil: null, nested: {inner: {}}, arr: [{}, {k: null}], v: 1}
        """).root().getOrNull("spec");
    JsonObject b = JsonObject.builder().put("v", JsonNumber.of(1))
        .put("arr", JsonArray.of(JsonObject.empty(), JsonObject.empty())).build();
    assertThat(Semantic.equal(a, b)).isTrue();
    assertThat(Semantic.equal(null, JsonObject.empty())).isTrue();
    assertThat(Semantic.equal(JsonNull.INSTANCE, JsonArray.empty())).isTrue();
    assertThat(Semantic.equal(a, b.with("v", JsonNumber.of(2)))).isFalse();
    assertThat(Semantic.equal(JsonString.of(""), null)).isFalse();
    assertThat(Semantic.normalize(a).toJson()).isEqualTo("{\"arr\":[{},{}],\"v\":1}");
  }
}
