package io.gitopskit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.cluster.ApplyOptions;
import io.gitopskit.core.cluster.ClusterException;
import io.gitopskit.core.cluster.FieldCause;
import io.gitopskit.core.cluster.PatchType;
import io.gitopskit.core.cluster.WriteOptions;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.model.Manifest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Server-side apply, client-side apply and patches with managed fields, as kube-apiserver. */
class ApplyTest {

  static final GroupVersionKind DEPLOY = new GroupVersionKind("apps", "v1", "Deployment");

  static Manifest web(int replicas) {
    return SimulatedClusterTest.deployment("default", "web", replicas);
  }

  static List<JsonObject> managedFields(Manifest m) {
    return m.metadata().getArray("managedFields").orElseThrow().items().stream()
        .map(v -> (JsonObject) v).toList();
  }

  @Test
  void create_recordsAnUpdateEntry_applyRecordsAnApplyEntry() {
    SimulatedCluster c = SimulatedCluster.builder().controllers(false).build();
    Manifest created = c.create(web(1), WriteOptions.defaults().withFieldManager("kubectl-create"));
    JsonObject entry = managedFields(created).get(0);
    assertThat(entry.getString("manager")).contains("kubectl-create");
    assertThat(entry.getString("operation")).contains("Update");
    assertThat(entry.getString("fieldsType")).contains("FieldsV1");
    assertThat(entry.getObject("fieldsV1").orElseThrow().toJson())
        .contains("\"f:spec\"").contains("\"f:replicas\"")
        .as("the creator of a non-apply create owns defaulted fields too")
        .contains("\"f:progressDeadlineSeconds\"");

    SimulatedCluster d = SimulatedCluster.builder().controllers(false).build();
    Manifest applied = d.applyServerSide(web(1), ApplyOptions.defaults().withFieldManager("argocd"));
    JsonObject apply = managedFields(applied).get(0);
    assertThat(apply.getString("operation")).contains("Apply");
    assertThat(apply.getObject("fieldsV1").orElseThrow().toJson())
        .contains("\"k:{\\\"name\\\":\\\"app\\\"}\"")
        .as("apply owns exactly the applied fields, not server defaults")
        .doesNotContain("progressDeadlineSeconds");
  }

  @Test
  void kubectlEdit_thenApply_conflictsUntilForced() {
    SimulatedCluster c = SimulatedCluster.builder().controllers(false).build();
    c.applyServerSide(web(2), ApplyOptions.defaults().withFieldManager("argocd"));
    c.edit(DEPLOY, "default", "web", root -> (JsonObject) io.gitopskit.core.json.JsonPointer
        .parse("/spec/replicas").set(root, JsonNumber.of(5)));
    assertThatThrownBy(() -> c.applyServerSide(web(3),
        ApplyOptions.defaults().withFieldManager("argocd")))
        .isInstanceOf(ClusterException.Conflict.class)
        .hasMessage("Apply failed with 1 conflict: conflict with \"kubectl-edit\" using apps/v1:"
            + " .spec.replicas")
        .satisfies(e -> assertThat(((ClusterException.Conflict) e).causes())
            .extracting(FieldCause::field).containsExactly(".spec.replicas"));
    Manifest forced = c.applyServerSide(web(3),
        ApplyOptions.defaults().withFieldManager("argocd").withForce(true));
    assertThat(forced.at("/spec/replicas")).contains(JsonNumber.of(3));
    assertThat(c.applyServerSide(web(3), ApplyOptions.defaults().withFieldManager("argocd"))
        .at("/spec/replicas")).as("no conflict once owned").contains(JsonNumber.of(3));
  }

  @Test
  void applyingTheSameConfigTwice_isANoOp() {
    SimulatedCluster c = SimulatedCluster.builder().controllers(false).build();
    Manifest first = c.applyServerSide(web(2), ApplyOptions.defaults());
    Manifest second = c.applyServerSide(web(2), ApplyOptions.defaults());
    assertThat(second.metadata().getString("resourceVersion"))
        .isEqualTo(first.metadata().getString("resourceVersion"));
  }

  @Test
  void droppingAFieldFromTheAppliedConfig_removesIt() {
    SimulatedCluster c = SimulatedCluster.builder().controllers(false).build();
    c.applyServerSide(web(2).withLabel("team", "shop"), ApplyOptions.defaults());
    Manifest after = c.applyServerSide(web(2), ApplyOptions.defaults());
    assertThat(after.labels()).doesNotContainKey("team");
  }

  @Test
  void reapplyingPortsWithoutProtocol_matchesTheDefaultedTcpItems() {
    SimulatedCluster c = SimulatedCluster.builder().controllers(false).build();
    Manifest svc = SimulatedClusterTest.yaml("apiVersion: v1\nkind: Service\nmetadata: {name: web,"
        + " namespace: default}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n");
    c.applyServerSide(svc, ApplyOptions.defaults());
    Manifest again = c.applyServerSide(svc, ApplyOptions.defaults());
    assertThat(((JsonArray) again.at("/spec/ports").orElseThrow()).size()).isEqualTo(1);
    assertThat(again.at("/spec/ports/0/protocol")).contains(JsonString.of("TCP"));
  }

  @Test
  void serverSideApply_dryRun_storesNothing() {
    SimulatedCluster c = SimulatedCluster.builder().controllers(false).build();
    Manifest dry = c.applyServerSide(web(2), ApplyOptions.defaults().withDryRun(true));
    assertThat(dry.at("/spec/strategy/type")).as("defaults applied in dry run")
        .contains(JsonString.of("RollingUpdate"));
    assertThat(c.get(DEPLOY, "default", "web")).isEmpty();
  }

  @Test
  void clientSideApply_keepsWhatOthersAdded_andRemovesWhatTheConfigDropped() {
    SimulatedCluster c = SimulatedCluster.builder().controllers(false)
        .mutator((obj, old) -> obj.kind().equals("Deployment")
            && !obj.root().toJson().contains("\"sidecar\"")
            ? obj.with("/spec/template/spec/containers/-", JsonValue.of(Map.of(
                "name", "sidecar", "image", "envoy:1.30")))
            : obj)
        .build();
    Manifest v1 = c.applyClientSide(web(2).withLabel("team", "shop"), WriteOptions.defaults());
    assertThat(v1.at("/spec/template/spec/containers/1/name"))
        .contains(JsonString.of("sidecar"));
    Manifest v2 = c.applyClientSide(web(3), WriteOptions.defaults());
    assertThat(v2.labels()).doesNotContainKey("team");
    assertThat(v2.at("/spec/replicas")).contains(JsonNumber.of(3));
    List<JsonValue> names = ((JsonArray) v2.at("/spec/template/spec/containers").orElseThrow())
        .items().stream().map(x -> ((JsonObject) x).getOrNull("name")).toList();
    assertThat(names).as("injected sidecar kept, once").containsExactly(JsonString.of("app"),
        JsonString.of("sidecar"));
  }

  @Test
  void patches_ofEveryType() {
    SimulatedCluster c = SimulatedCluster.builder().controllers(false).build();
    c.create(web(1), WriteOptions.defaults());
    Manifest merged = c.patch(DEPLOY, "default", "web", PatchType.STRATEGIC_MERGE,
        JsonValue.of(Map.of("spec", Map.of("template", Map.of("spec", Map.of("containers",
            List.of(Map.of("name", "app", "image", "nginx:1.28"))))))), WriteOptions.defaults());
    assertThat(merged.at("/spec/template/spec/containers/0/image"))
        .contains(JsonString.of("nginx:1.28"));
    assertThat(merged.at("/spec/template/spec/containers/0/imagePullPolicy"))
        .as("strategic merge keeps the rest of the container")
        .contains(JsonString.of("IfNotPresent"));
    Manifest jsonPatched = c.patch(DEPLOY, "default", "web", PatchType.JSON_PATCH,
        JsonValue.of(List.of(Map.of("op", "replace", "path", "/spec/replicas", "value", 4))),
        WriteOptions.defaults());
    assertThat(jsonPatched.at("/spec/replicas")).contains(JsonNumber.of(4));
    assertThatThrownBy(() -> c.patch(DEPLOY, "default", "web", PatchType.JSON_PATCH,
        JsonValue.of(List.of(Map.of("op", "remove", "path", "/spec/nothing"))),
        WriteOptions.defaults()))
        .isInstanceOf(ClusterException.Invalid.class);
  }
}
