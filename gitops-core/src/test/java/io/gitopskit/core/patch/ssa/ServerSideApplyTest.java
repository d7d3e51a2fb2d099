package io.gitopskit.core.patch.ssa;

import static io.gitopskit.core.patch.Json.obj;
import static io.gitopskit.core.patch.Json.yaml;
import static io.gitopskit.core.patch.TestTypes.DEPLOYMENT;
import static io.gitopskit.core.patch.TestTypes.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonPointer;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.patch.TestTypes;
import io.gitopskit.core.patch.TypeInfo;
import io.gitopskit.core.patch.ssa.ManagedFieldsEntry.Operation;
import io.gitopskit.core.patch.ssa.ServerSideApply.Result;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSideApplyTest {

  private static final TypeInfo T = TestTypes.INSTANCE;
  static final Instant T1 = Instant.parse("2024-05-01T10:00:00Z");
  static final Instant T2 = Instant.parse("2024-05-01T11:00:00Z");
  static final Instant T3 = Instant.parse("2024-05-01T12:00:00Z");

  static final JsonObject CONFIG = yaml("""
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: prod, labels: {app: web}}
      spec:
        replicas: 2
        template:
          spec:
            containers:
            - name: app
              image: app:1
              ports: [{containerPort: 80}]
              env: [{name: A, value: "1"}, {name: B, value: "2"}]
      """);

  static Result.Applied applied(Result r) {
    assertThat(r).isInstanceOf(Result.Applied.class);
    return (Result.Applied) r;
  }

  static Result.Conflicts conflicts(Result r) {
    assertThat(r).isInstanceOf(Result.Conflicts.class);
    return (Result.Conflicts) r;
  }

  static JsonObject apply(JsonObject live, JsonObject config, String manager, Instant now) {
    return applied(ServerSideApply.apply(T, DEPLOYMENT, live, config, manager, false, now))
        .merged();
  }

  static JsonValue at(JsonObject o, String pointer) {
    return JsonPointer.parse(pointer).get(o).orElse(null);
  }

  @Test
  void create_ownsExactlyTheAppliedFields() {
    Result.Applied r = applied(ServerSideApply.apply(T, DEPLOYMENT, null, CONFIG, "gitops", false,
        T1));
    assertThat(ManagedFields.strip(r.merged())).isEqualTo(CONFIG);
    assertThat(r.managedFields()).containsExactly(new ManagedFieldsEntry("gitops",
        Operation.APPLY, "apps/v1", T1, FieldSet.of(T, DEPLOYMENT, CONFIG), ""));
    assertThat(r.managedFields().get(0).fields().toFieldsV1().toJson()).contains(
        "\"k:{\\\"containerPort\\\":80,\\\"protocol\\\":\\\"TCP\\\"}\"");
    assertThat(ManagedFields.of(r.merged())).isEqualTo(r.managedFields());
  }

  @Test
  void twoManagers_ownDifferentFields_andBothSurvive() {
    JsonObject live = apply(null, CONFIG, "gitops", T1);
    JsonObject other = yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, annotations: {team: blue}}
        spec:
          template:
            spec:
              containers:
              - name: sidecar
                image: proxy:1
        """);
    JsonObject both = apply(live, other, "mesh", T2);
    assertThat(at(both, "/metadata/annotations/team")).isEqualTo(Json("'blue'"));
    assertThat(((JsonArray) at(both, "/spec/template/spec/containers")).items()).hasSize(2);
    assertThat(ManagedFields.of(both)).extracting(ManagedFieldsEntry::manager)
        .containsExactly("gitops", "mesh");
    // gitops re-applies without knowing about mesh: nothing of mesh's is touched
    JsonObject again = apply(both, CONFIG, "gitops", T3);
    assertThat(ManagedFields.strip(again)).isEqualTo(ManagedFields.strip(both));
  }

  @Test
  void conflict_onAFieldAnotherManagerSetDifferently_andForceTakesOwnership() {
    JsonObject live = apply(null, CONFIG, "gitops", T1);
    JsonObject scale = yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec: {replicas: 5}
        """);
    Result.Conflicts c = conflicts(ServerSideApply.apply(T, DEPLOYMENT, live, scale, "hpa", false,
        T2));
    assertThat(c.message()).isEqualTo(
        "Apply failed with 1 conflict: conflict with \"gitops\": .spec.replicas");
    assertThat(c.causes()).extracting(Object::toString)
        .containsExactly(".spec.replicas: conflict with \"gitops\"");
    assertThat(c.toException().code()).isEqualTo(409);
    assertThat(c.toException().getMessage()).isEqualTo(c.message());

    Result.Applied forced = applied(ServerSideApply.apply(T, DEPLOYMENT, live, scale, "hpa", true,
        T2));
    assertThat(at(forced.merged(), "/spec/replicas")).isEqualTo(Json("5"));
    FieldPath replicas = FieldPath.fields("spec", "replicas");
    assertThat(owner(forced, "gitops").fields().contains(replicas)).isFalse();
    assertThat(owner(forced, "hpa").fields().contains(replicas)).isTrue();
    // gitops now dropping replicas from its config does not delete hpa's value
    JsonObject withoutReplicas = CONFIG.with("spec",
        ((JsonObject) at(CONFIG, "/spec")).without("replicas"));
    JsonObject after = apply(forced.merged(), withoutReplicas, "gitops", T3);
    assertThat(at(after, "/spec/replicas")).isEqualTo(Json("5"));
  }

  @Test
  void conflictWithAnUpdateManager_namesItsApiVersion() {
    JsonObject live = apply(null, CONFIG, "gitops", T1);
    JsonObject edited = ServerSideApply.recordUpdate(T, DEPLOYMENT, live,
        live.with("spec", ((JsonObject) at(live, "/spec")).with("replicas", Json("7"))),
        "kubectl-edit", T2);
    Result.Conflicts c = conflicts(ServerSideApply.apply(T, DEPLOYMENT, edited,
        CONFIG.with("spec", ((JsonObject) at(CONFIG, "/spec")).with("replicas", Json("3"))),
        "gitops", false, T3));
    assertThat(c.message()).isEqualTo("Apply failed with 1 conflict: conflict with "
        + "\"kubectl-edit\" using apps/v1: .spec.replicas");
  }

  @Test
  void severalConflicts_areListedPerManager() {
    JsonObject live = apply(null, CONFIG, "gitops", T1);
    live = applied(ServerSideApply.apply(T, DEPLOYMENT, live, yaml("""
        metadata: {name: web, labels: {tier: x}}
        spec: {template: {spec: {containers: [{name: app, image: app:9}]}}}
        """), "other", true, T2)).merged();
    JsonObject mine = yaml("""
        metadata: {name: web, labels: {tier: y}}
        spec:
          replicas: 4
          template: {spec: {containers: [{name: app, image: app:5}]}}
        """);
    Result.Conflicts c = conflicts(ServerSideApply.apply(T, DEPLOYMENT, live, mine, "third",
        false, T3));
    assertThat(c.message()).isEqualTo("""
        Apply failed with 3 conflicts: conflicts with "gitops":
        - .spec.replicas
        conflicts with "other":
        - .metadata.labels.tier
        - .spec.template.spec.containers[name="app"].image""");
  }

  @Test
  void equalValues_areShared_notConflicts() {
    JsonObject live = apply(null, CONFIG, "gitops", T1);
    Result.Applied r = applied(ServerSideApply.apply(T, DEPLOYMENT, live,
        yaml("metadata: {name: web}\nspec: {replicas: 2}"), "second", false, T2));
    FieldPath replicas = FieldPath.fields("spec", "replicas");
    assertThat(owner(r, "gitops").fields().contains(replicas)).isTrue();
    assertThat(owner(r, "second").fields().contains(replicas)).isTrue();
    // the object did not change, so the new entry gets no time (as the API server does)
    assertThat(owner(r, "second").time()).isNull();
    // a shared field stays when one owner drops it
    JsonObject withoutReplicas = CONFIG.with("spec",
        ((JsonObject) at(CONFIG, "/spec")).without("replicas"));
    assertThat(at(apply(r.merged(), withoutReplicas, "gitops", T3), "/spec/replicas"))
        .isEqualTo(Json("2"));
  }

  @Test
  void droppingFields_fromTheAppliedConfig_removesThem_perKeyInMapLists() {
    JsonObject created = apply(null, CONFIG, "gitops", T1);
    // a webhook-like writer adds an env var to app and a sidecar container (an Update)
    JsonObject injected = ManagedFields.strip(created).with("spec", yaml("""
        replicas: 2
        template:
          spec:
            containers:
            - name: app
              image: app:1
              ports: [{containerPort: 80}]
              env: [{name: A, value: "1"}, {name: B, value: "2"}, {name: INJECTED, value: "y"}]
            - name: sidecar
              image: proxy:1
        """));
    JsonObject live = ServerSideApply.recordUpdate(T, DEPLOYMENT, created, injected, "mesh", T2);
    assertThat(ManagedFields.of(live).get(1).fields().paths()).extracting(Object::toString)
        .contains(".spec.template.spec.containers[name=\"sidecar\"]")
        .doesNotContain(".spec.template.spec.containers[name=\"app\"]");
    JsonObject smaller = yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: prod}
        spec:
          template:
            spec:
              containers:
              - name: app
                image: app:1
                env: [{name: A, value: "1"}]
        """);
    JsonObject after = apply(live, smaller, "gitops", T3);
    assertThat(at(after, "/metadata/labels")).isNull();
    assertThat(at(after, "/spec/replicas")).isNull();
    assertThat(at(after, "/spec/template/spec/containers/0/ports")).isNull();
    assertThat(at(after, "/spec/template/spec/containers/0/env"))
        .isEqualTo(Json("[{'name':'A','value':'1'},{'name':'INJECTED','value':'y'}]"));
    assertThat(at(after, "/spec/template/spec/containers/1/name")).isEqualTo(Json("'sidecar'"));

    // dropping the whole container removes it, even the env var the updater added in it
    JsonObject noApp = smaller.with("spec", obj("{'template':{'spec':{'containers':[]}}}"));
    JsonObject gone = apply(after, noApp, "gitops", T3);
    assertThat(((JsonArray) at(gone, "/spec/template/spec/containers")).items())
        .extracting(v -> ((JsonObject) v).getString("name").orElseThrow())
        .containsExactly("sidecar");
  }

  @Test
  void applyingTheSameConfigTwice_isANoOp() {
    Result.Applied first = applied(ServerSideApply.apply(T, DEPLOYMENT, null, CONFIG, "gitops",
        false, T1));
    Result.Applied second = applied(ServerSideApply.apply(T, DEPLOYMENT, first.merged(), CONFIG,
        "gitops", false, T2));
    assertThat(second).isEqualTo(first);
  }

  @Test
  void liveWithoutManagedFields_isOwnedByBeforeFirstApply() {
    JsonObject created = yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, uid: u1}
        spec: {replicas: 1, paused: false}
        """);
    Result.Conflicts c = conflicts(ServerSideApply.apply(T, DEPLOYMENT, created,
        yaml("metadata: {name: web}\nspec: {replicas: 3}"), "gitops", false, T1));
    assertThat(c.message()).isEqualTo("Apply failed with 1 conflict: conflict with "
        + "\"before-first-apply\" using apps/v1: .spec.replicas");
    Result.Applied r = applied(ServerSideApply.apply(T, DEPLOYMENT, created,
        yaml("metadata: {name: web}\nspec: {replicas: 1}"), "gitops", false, T1));
    assertThat(r.managedFields()).extracting(ManagedFieldsEntry::manager)
        .containsExactly("gitops", ServerSideApply.BEFORE_FIRST_APPLY);
    assertThat(owner(r, "before-first-apply").fields().toFieldsV1()).isEqualTo(
        obj("{'f:spec':{'.':{},'f:replicas':{},'f:paused':{}}}"));
  }

  @Test
  void statusAndSystemFieldsInTheConfig_areIgnored_andNullRemovesAField() {
    JsonObject live = apply(null, CONFIG, "gitops", T1).with("status", obj("{'replicas':2}"));
    JsonObject config = CONFIG.with("status", obj("{'replicas':99}"))
        .with("metadata", ((JsonObject) at(CONFIG, "/metadata"))
            .with("resourceVersion", Json("'1'")).with("uid", Json("'forged'"))
            .with("labels", obj("{'app':null}")));
    Result.Applied r = applied(ServerSideApply.apply(T, DEPLOYMENT, live, config, "gitops",
        false, T2));
    assertThat(at(r.merged(), "/status/replicas")).isEqualTo(Json("2"));
    assertThat(at(r.merged(), "/metadata/uid")).isNull();
    assertThat(at(r.merged(), "/metadata/labels")).isEqualTo(obj("{}"));
    FieldSet owned = owner(r, "gitops").fields();
    assertThat(owned.contains(FieldPath.fields("metadata", "labels", "app"))).isTrue();
    assertThat(owned.child(new PathElement.Field("status")).isEmpty()).isTrue();
  }

  @Test
  void recordUpdate_givesChangedFieldsToTheWriter_andTakesThemFromOthers() {
    JsonObject live = apply(null, CONFIG, "gitops", T1);
    JsonObject newObj = ManagedFields.strip(live)
        .with("spec", ((JsonObject) at(live, "/spec")).with("replicas", Json("4"))
            .with("paused", Json("true")))
        .with("metadata", ((JsonObject) at(live, "/metadata")).without("labels"));
    JsonObject updated = ServerSideApply.recordUpdate(T, DEPLOYMENT, live, newObj, "kubectl-edit",
        T2);
    List<ManagedFieldsEntry> entries = ManagedFields.of(updated);
    assertThat(entries).extracting(ManagedFieldsEntry::manager)
        .containsExactly("gitops", "kubectl-edit");
    ManagedFieldsEntry edit = entries.get(1);
    assertThat(edit.fields().paths()).extracting(Object::toString)
        .containsExactly(".spec.paused", ".spec.replicas");
    assertThat(edit.time()).isEqualTo(T2);
    FieldSet gitops = entries.get(0).fields();
    assertThat(gitops.contains(FieldPath.fields("spec", "replicas"))).isFalse();
    assertThat(gitops.contains(FieldPath.fields("metadata", "labels", "app"))).isFalse();
    assertThat(entries.get(0).time()).isEqualTo(T1);

    // an update that changes nothing keeps times and owners
    JsonObject same = ServerSideApply.recordUpdate(T, DEPLOYMENT, updated,
        ManagedFields.strip(updated), "kubectl-edit", T3);
    assertThat(ManagedFields.of(same)).isEqualTo(entries);
    // a single empty entry resets tracking
    JsonObject reset = ServerSideApply.recordUpdate(T, DEPLOYMENT, updated,
        ManagedFields.strip(updated).with("metadata", ((JsonObject) at(updated, "/metadata"))
            .with("managedFields", Json("[{}]"))), "x", T3);
    assertThat(ManagedFields.of(reset)).isEmpty();
  }

  @Test
  void statusSubresourceUpdates_trackOnlyStatus() {
    JsonObject live = apply(null, CONFIG, "gitops", T1);
    JsonObject withStatus = ManagedFields.strip(live).with("status", obj("{'replicas':2}"))
        .with("spec", obj("{'replicas':100}"));
    JsonObject updated = ServerSideApply.recordUpdate(T, DEPLOYMENT, live, withStatus,
        "kube-controller-manager", "status", T2);
    ManagedFieldsEntry kcm = ManagedFields.of(updated).get(1);
    assertThat(kcm.subresource()).isEqualTo("status");
    assertThat(kcm.fields().toFieldsV1()).isEqualTo(obj("{'f:status':{'.':{},'f:replicas':{}}}"));
    assertThat(kcm.describe()).isEqualTo(
        "\"kube-controller-manager\" with subresource \"status\" using apps/v1");
  }

  @Test
  void blankManager_isRefused() {
    assertThatThrownBy(() -> ServerSideApply.apply(T, DEPLOYMENT, null, CONFIG, " ", false, T1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void servicePorts_areKeyedByPortAndProtocol() {
    JsonObject svc = yaml("""
        apiVersion: v1
        kind: Service
        metadata: {name: dns}
        spec:
          ports:
          - {name: dns, port: 53}
          - {name: dns-udp, port: 53, protocol: UDP}
        """);
    Result.Applied r = applied(ServerSideApply.apply(T, SERVICE, null, svc, "gitops", false, T1));
    assertThat(r.managedFields().get(0).fields().paths()).extracting(Object::toString)
        .contains(".spec.ports[port=53,protocol=\"TCP\"]",
            ".spec.ports[port=53,protocol=\"UDP\"]");
  }

  static ManagedFieldsEntry owner(Result.Applied r, String manager) {
    return r.managedFields().stream().filter(e -> e.manager().equals(manager)).findFirst()
        .orElseThrow();
  }

  static JsonValue Json(String text) {
    return io.gitopskit.core.patch.Json.parse(text);
  }
}
