package io.gitopskit.core.patch;

import static io.gitopskit.core.patch.Json.yaml;
import static io.gitopskit.core.patch.TestTypes.DEPLOYMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.model.GroupVersionKind;
import org.junit.jupiter.api.Test;

/** The kubectl apply patch: deletions from last-applied, changes against live. */
class ThreeWayMergePatchTest {

  private static final TypeInfo T = TestTypes.INSTANCE;

  private static final JsonObject LAST_APPLIED = yaml("""
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        labels: {app: web, tier: front}
        finalizers: [example.com/a]
      spec:
        replicas: 2
        template:
          spec:
            containers:
            - name: app
              image: app:1
              env:
              - {name: A, value: "1"}
              - {name: OLD, value: "x"}
            - name: helper
              image: helper:1
      """);

  /** Live: defaults, a controller's annotation and finalizer, an injected sidecar and env. */
  private static final JsonObject LIVE = yaml("""
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        uid: 1234
        labels: {app: web, tier: front}
        annotations: {deployment.kubernetes.io/revision: "3"}
        finalizers: [example.com/a, example.com/controller]
      spec:
        replicas: 2
        revisionHistoryLimit: 10
        template:
          spec:
            containers:
            - name: app
              image: app:1
              imagePullPolicy: IfNotPresent
              env:
              - {name: A, value: "1"}
              - {name: OLD, value: "x"}
              - {name: INJECTED, value: "y"}
            - name: helper
              image: helper:1
            - name: istio-proxy
              image: proxy:1
      status: {replicas: 2}
      """);

  @Test
  void removingFromConfig_deletes_whileFieldsAddedByOthersSurvive() {
    JsonObject config = yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels: {app: web}
          finalizers: []
        spec:
          replicas: 3
          template:
            spec:
              containers:
              - name: app
                image: app:2
                env:
                - {name: A, value: "1"}
        """);
    JsonObject patch = StrategicMergePatch.threeWay(T, DEPLOYMENT, LAST_APPLIED, config, LIVE);
    JsonObject predicted = StrategicMergePatch.apply(T, DEPLOYMENT, LIVE, patch);
    assertThat(predicted).isEqualTo(yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          uid: 1234
          labels: {app: web}
          annotations: {deployment.kubernetes.io/revision: "3"}
          finalizers: [example.com/controller]
        spec:
          replicas: 3
          revisionHistoryLimit: 10
          template:
            spec:
              containers:
              - name: app
                image: app:2
                imagePullPolicy: IfNotPresent
                env:
                - {name: A, value: "1"}
                - {name: INJECTED, value: "y"}
              - name: istio-proxy
                image: proxy:1
        status: {replicas: 2}
        """));
    JsonObject podSpecPatch = JsonPointerGet.object(patch, "/spec/template/spec");
    assertThat(podSpecPatch.getArray("containers").orElseThrow().items())
        .contains(Json.parse("{'$patch':'delete','name':'helper'}"));
    assertThat(JsonPointerGet.object(patch, "/metadata").getOrNull(
        "$deleteFromPrimitiveList/finalizers")).isEqualTo(Json.parse("['example.com/a']"));
  }

  /** As in kubectl: dropping the whole field sends null, which drops others' entries too. */
  @Test
  void droppingAWholeMergedListField_deletesItWhole() {
    JsonObject config = LAST_APPLIED.with("metadata", Json.obj("{'name':'web'}"));
    JsonObject patch = StrategicMergePatch.threeWay(T, DEPLOYMENT, LAST_APPLIED, config, LIVE);
    assertThat(JsonPointerGet.object(patch, "/metadata"))
        .isEqualTo(Json.obj("{'labels':null,'finalizers':null}"));
  }

  @Test
  void unchangedConfig_givesAnEmptyPatch_whenListsMatch() {
    JsonObject live = LAST_APPLIED.with("status", Json.obj("{'replicas':2}"))
        .with("metadata", JsonPointerGet.object(LAST_APPLIED, "/metadata")
            .with("uid", JsonString.of("1")));
    assertThat(StrategicMergePatch.threeWay(T, DEPLOYMENT, LAST_APPLIED, LAST_APPLIED, live))
        .isEqualTo(JsonObject.empty());
    assertThat(StrategicMergePatch.apply(T, DEPLOYMENT, LIVE,
        StrategicMergePatch.threeWay(T, DEPLOYMENT, LAST_APPLIED, LAST_APPLIED, LIVE)))
        .isEqualTo(LIVE);
  }

  @Test
  void withoutLastApplied_nothingIsDeleted() {
    JsonObject config = yaml("""
        metadata: {name: web, labels: {app: web}}
        spec: {replicas: 5}
        """);
    JsonObject patch = StrategicMergePatch.threeWay(T, DEPLOYMENT, null, config, LIVE);
    assertThat(patch).isEqualTo(Json.obj("{'spec':{'replicas':5}}"));
  }

  @Test
  void strategyChange_usesRetainKeys_toDropTheDefaultedRollingUpdate() {
    JsonObject live = yaml("""
        spec:
          strategy:
            type: RollingUpdate
            rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}
        """);
    JsonObject config = yaml("spec: {strategy: {type: Recreate}}");
    JsonObject patch = StrategicMergePatch.threeWay(T, DEPLOYMENT, JsonObject.empty(), config,
        live);
    assertThat(patch).isEqualTo(
        Json.obj("{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate'}}}"));
    assertThat(StrategicMergePatch.apply(T, DEPLOYMENT, live, patch)).isEqualTo(config);
  }

  @Test
  void customResources_replaceListsWhole() {
    GroupVersionKind cr = new GroupVersionKind("example.io", "v1", "Widget");
    JsonObject original = yaml("spec: {items: [a, b], keep: 1, drop: 2}");
    JsonObject config = yaml("spec: {items: [a], keep: 1}");
    JsonObject live = yaml("spec: {items: [a, b, c], keep: 1, drop: 2, server: 3}");
    JsonObject patch = StrategicMergePatch.threeWay(TypeInfo.JSON, cr, original, config, live);
    assertThat(StrategicMergePatch.apply(TypeInfo.JSON, cr, live, patch))
        .isEqualTo(yaml("spec: {items: [a], keep: 1, server: 3}"));
  }

  /** With live == last applied, kubectl's patch turns live into exactly the new config. */
  @Test
  void property_threeWayFromLastAppliedState_reachesTheConfig() {
    qt().withExamples(300).forAll(DeploymentGen.deployments(), DeploymentGen.deployments())
        .checkAssert((a, b) -> {
      JsonObject patch = StrategicMergePatch.threeWay(T, DEPLOYMENT, a, b, a);
      assertThat(StrategicMergePatch.apply(T, DEPLOYMENT, a, patch)).as(patch.toJson())
          .isEqualTo(b);
    });
  }

  @Test
  void property_twoWayDiff_roundTrips() {
    qt().withExamples(300).forAll(DeploymentGen.deployments(), DeploymentGen.deployments())
        .checkAssert((a, b) -> {
      JsonObject patch = StrategicMergePatch.diff(T, DEPLOYMENT, a, b);
      assertThat(StrategicMergePatch.apply(T, DEPLOYMENT, a, patch)).as(patch.toJson())
          .isEqualTo(b);
    });
  }

  /** Reads a sub-object by JSON pointer. */
  static final class JsonPointerGet {
    private JsonPointerGet() {}

    static JsonObject object(JsonObject root, String pointer) {
      return (JsonObject) io.gitopskit.core.json.JsonPointer.parse(pointer).get(root)
          .orElseThrow();
    }
  }
}
