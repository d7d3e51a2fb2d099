package io.gitopskit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.cluster.ClusterException;
import io.gitopskit.core.cluster.DeleteOptions;
import io.gitopskit.core.cluster.FieldCause;
import io.gitopskit.core.cluster.ListOptions;
import io.gitopskit.core.cluster.PropagationPolicy;
import io.gitopskit.core.cluster.WatchEvent;
import io.gitopskit.core.cluster.WatchOptions;
import io.gitopskit.core.cluster.WriteOptions;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.model.Manifest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedClusterTest {

  static final GroupVersionKind CM = GroupVersionKind.of("v1", "ConfigMap");
  static final GroupVersionKind NS = GroupVersionKind.of("v1", "Namespace");
  static final GroupVersionKind DEPLOY = new GroupVersionKind("apps", "v1", "Deployment");
  static final WriteOptions W = WriteOptions.defaults();

  static Manifest yaml(String text) {
    return ManifestLoader.defaults().loadYaml(text, "test.yaml").asList().get(0);
  }

  static Manifest cm(String ns, String name, String... labels) {
    StringBuilder b = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "
        + name + "\n  namespace: " + ns + "\n  labels: {");
    for (int i = 0; i < labels.length; i += 2) {
      b.append(i > 0 ? ", " : "").append(labels[i]).append(": ").append(labels[i + 1]);
    }
    return yaml(b.append("}\ndata: {k: v}\n").toString());
  }

  @Test
  void create_fillsSystemMetadata_deterministically() {
    SimulatedCluster a = SimulatedCluster.builder().seed(7).build();
    SimulatedCluster b = SimulatedCluster.builder().seed(7).build();
    Manifest x = a.create(cm("default", "settings"), W);
    Manifest y = b.create(cm("default", "settings"), W);
    assertThat(x).isEqualTo(y);
    assertThat(x.metadata().getString("uid").orElseThrow()).matches("[0-9a-f-]{36}");
    assertThat(x.metadata().getString("creationTimestamp")).contains("2026-01-01T00:00:00Z");
    assertThat(x.metadata().getString("resourceVersion")).isPresent();
    assertThat(x.metadata().has("generation")).as("ConfigMaps have no generation").isFalse();
    assertThat(a.get(CM, "default", "settings")).contains(x);
  }

  @Test
  void create_refusesDuplicates_andUnknownNamespaces_andUnknownKinds() {
    SimulatedCluster c = SimulatedCluster.create();
    c.create(cm("default", "a"), W);
    assertThatThrownBy(() -> c.create(cm("default", "a"), W))
        .isInstanceOf(ClusterException.AlreadyExists.class)
        .hasMessage("configmaps \"a\" already exists");
    assertThatThrownBy(() -> c.create(cm("nope", "a"), W))
        .isInstanceOf(ClusterException.NotFound.class)
        .hasMessage("namespaces \"nope\" not found");
    assertThatThrownBy(() -> c.create(yaml("apiVersion: example.io/v1\nkind: Widget\n"
        + "metadata: {name: w}\n"), W)).isInstanceOf(ClusterException.NotFound.class);
  }

  @Test
  void generateName_givesAFreshName() {
    SimulatedCluster c = SimulatedCluster.create();
    Manifest job = c.create(yaml("apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
        + "  generateName: hook-\n  namespace: default\n"), W);
    assertThat(job.name()).startsWith("hook-").hasSize(10);
    assertThat(job.hasGeneratedName()).isFalse();
  }

  @Test
  void update_withStaleResourceVersion_isAConflict() {
    SimulatedCluster c = SimulatedCluster.create();
    Manifest v1 = c.create(cm("default", "a"), W);
    Manifest v2 = c.update(v1.withLabel("x", "1"), W);
    assertThat(Long.parseLong(v2.metadata().getString("resourceVersion").orElseThrow()))
        .isGreaterThan(Long.parseLong(v1.metadata().getString("resourceVersion").orElseThrow()));
    assertThatThrownBy(() -> c.update(v1.withLabel("y", "2"), W))
        .isInstanceOf(ClusterException.Conflict.class)
        .hasMessage("Operation cannot be fulfilled on configmaps \"a\": the object has been"
            + " modified; please apply your changes to the latest version and try again");
    assertThat(((ClusterException) catchAll(() -> c.update(v1.withLabel("y", "2"), W)))
        .isRetryable()).isTrue();
  }

  @Test
  void noOpUpdate_keepsTheResourceVersion() {
    SimulatedCluster c = SimulatedCluster.create();
    Manifest v1 = c.create(cm("default", "a"), W);
    assertThat(c.update(v1, W)).isEqualTo(v1);
  }

  @Test
  void generation_countsSpecChangesOnly() {
    SimulatedCluster c = SimulatedCluster.builder().controllers(false).build();
    Manifest d = c.create(deployment("default", "web", 1), W);
    assertThat(d.metadata().getOrNull("generation")).isEqualTo(JsonNumber.of(1));
    Manifest labelled = c.update(d.withLabel("team", "a").without("/metadata/resourceVersion"), W);
    assertThat(labelled.metadata().getOrNull("generation")).isEqualTo(JsonNumber.of(1));
    Manifest scaled = c.update(labelled.with("/spec/replicas", JsonNumber.of(3)), W);
    assertThat(scaled.metadata().getOrNull("generation")).isEqualTo(JsonNumber.of(2));
    Manifest status = c.updateStatus(scaled.with("/status/replicas", JsonNumber.of(3)), W);
    assertThat(status.metadata().getOrNull("generation")).isEqualTo(JsonNumber.of(2));
    assertThat(status.at("/status/replicas")).contains(JsonNumber.of(3));
    Manifest specWithStatus = c.update(status.with("/status/replicas", JsonNumber.of(99))
        .with("/spec/replicas", JsonNumber.of(4)), W);
    assertThat(specWithStatus.at("/status/replicas")).as("main resource keeps status")
        .contains(JsonNumber.of(3));
  }

  @Test
  void list_filtersByNamespaceAndSelector_inNameOrder() {
    SimulatedCluster c = SimulatedCluster.create();
    c.create(yaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: dev}\n"), W);
    c.create(cm("dev", "b", "app", "web", "tier", "front"), W);
    c.create(cm("dev", "a", "app", "web"), W);
    c.create(cm("default", "c", "app", "web"), W);
    c.create(cm("default", "d", "app", "db"), W);
    assertThat(names(c.list(CM, ListOptions.all().withSelector("app=web")).items()))
        .containsExactly("default/c", "dev/a", "dev/b");
    assertThat(names(c.list(CM, ListOptions.inNamespace("dev")).items()))
        .as("the root-CA publisher adds kube-root-ca.crt to every namespace")
        .containsExactly("dev/a", "dev/b", "dev/kube-root-ca.crt");
    assertThat(names(c.list(CM, ListOptions.all().withSelector("app in (web),tier")).items()))
        .containsExactly("dev/b");
    assertThat(names(c.list(CM, ListOptions.all().withSelector("app!=web")).items()))
        .filteredOn(n -> !n.endsWith("/kube-root-ca.crt"))
        .containsExactly("default/d");
    assertThat(names(c.list(CM, ListOptions.all().withSelector("missing=x")).items())).isEmpty();
  }

  @Test
  void list_seesLabelChanges() {
    SimulatedCluster c = SimulatedCluster.create();
    Manifest a = c.create(cm("default", "a", "app", "web"), W);
    c.update(a.withLabel("app", "db"), W);
    assertThat(c.list(CM, ListOptions.all().withSelector("app=web")).items()).isEmpty();
    assertThat(c.list(CM, ListOptions.all().withSelector("app=db")).items()).hasSize(1);
  }

  @Test
  void dryRun_runsThePipelineButStoresNothing() {
    SimulatedCluster c = SimulatedCluster.create();
    Manifest dry = c.create(cm("default", "a"), W.withDryRun(true));
    assertThat(dry.metadata().has("uid")).isTrue();
    assertThat(c.get(CM, "default", "a")).isEmpty();
    Manifest real = c.create(cm("default", "a"), W);
    c.update(real.withLabel("x", "y"), W.withDryRun(true));
    assertThat(c.get(CM, "default", "a").orElseThrow().labels()).doesNotContainKey("x");
    c.delete(CM, "default", "a", DeleteOptions.defaults().withDryRun(true));
    assertThat(c.get(CM, "default", "a")).isPresent();
  }

  @Test
  void finalizers_keepAnObjectUntilCleared() {
    SimulatedCluster c = SimulatedCluster.create();
    Manifest a = c.create(cm("default", "a").with("/metadata/finalizers",
        JsonArray.of(JsonString.of("example.io/guard"))), W);
    Manifest marked = c.delete(CM, "default", "a", DeleteOptions.defaults());
    assertThat(marked.metadata().getString("deletionTimestamp")).isPresent();
    assertThat(c.get(CM, "default", "a")).isPresent();
    Manifest current = c.get(CM, "default", "a").orElseThrow();
    assertThatThrownBy(() -> c.update(current.with("/metadata/finalizers", JsonArray.of(
        JsonString.of("example.io/guard"), JsonString.of("other"))), W))
        .isInstanceOf(ClusterException.Forbidden.class)
        .hasMessageContaining("no new finalizers can be added");
    c.update(current.without("/metadata/finalizers"), W);
    assertThat(c.get(CM, "default", "a")).isEmpty();
    assertThat(a).isNotNull();
  }

  @Test
  void garbageCollection_followsThePropagationPolicy() {
    for (PropagationPolicy policy : PropagationPolicy.values()) {
      SimulatedCluster c = SimulatedCluster.create();
      Manifest owner = c.create(cm("default", "owner"), W);
      String uid = owner.metadata().getString("uid").orElseThrow();
      c.create(cm("default", "child").with("/metadata/ownerReferences", JsonArray.of(
          JsonObject.builder().put("apiVersion", "v1").put("kind", "ConfigMap")
              .put("name", "owner").put("uid", uid).build())), W);
      c.delete(CM, "default", "owner", DeleteOptions.propagation(policy));
      assertThat(c.get(CM, "default", "owner")).as(policy.name()).isEmpty();
      if (policy == PropagationPolicy.ORPHAN) {
        Manifest child = c.get(CM, "default", "child").orElseThrow();
        assertThat(child.metadata().has("ownerReferences")).isFalse();
      } else {
        assertThat(c.get(CM, "default", "child")).as(policy.name()).isEmpty();
      }
    }
  }

  @Test
  void aDependentWithAnotherLiveOwner_survivesBackgroundCollection() {
    SimulatedCluster c = SimulatedCluster.create();
    String a = c.create(cm("default", "owner-a"), W).metadata().getString("uid").orElseThrow();
    String b = c.create(cm("default", "owner-b"), W).metadata().getString("uid").orElseThrow();
    c.create(cm("default", "child").with("/metadata/ownerReferences", JsonArray.of(
        JsonObject.builder().put("apiVersion", "v1").put("kind", "ConfigMap")
            .put("name", "owner-a").put("uid", a).build(),
        JsonObject.builder().put("apiVersion", "v1").put("kind", "ConfigMap")
            .put("name", "owner-b").put("uid", b).build())), W);
    c.delete(CM, "default", "owner-a", DeleteOptions.propagation(PropagationPolicy.BACKGROUND));
    Manifest child = c.get(CM, "default", "child").orElseThrow();
    assertThat(Store.ownerUids(child)).containsExactly(b);
    c.delete(CM, "default", "owner-b", DeleteOptions.propagation(PropagationPolicy.BACKGROUND));
    assertThat(c.get(CM, "default", "child")).isEmpty();
  }

  @Test
  void foregroundDeletion_waitsForBlockedDependents() {
    SimulatedCluster c = SimulatedCluster.create();
    Manifest owner = c.create(cm("default", "owner"), W);
    String uid = owner.metadata().getString("uid").orElseThrow();
    c.create(cm("default", "child").with("/metadata/ownerReferences", JsonArray.of(
        JsonObject.builder().put("apiVersion", "v1").put("kind", "ConfigMap")
            .put("name", "owner").put("uid", uid).build()))
        .with("/metadata/finalizers", JsonArray.of(JsonString.of("example.io/slow"))), W);
    c.delete(CM, "default", "owner", DeleteOptions.propagation(PropagationPolicy.FOREGROUND));
    Manifest waiting = c.get(CM, "default", "owner").orElseThrow();
    assertThat(Store.finalizers(waiting)).containsExactly("foregroundDeletion");
    Manifest child = c.get(CM, "default", "child").orElseThrow();
    c.update(child.without("/metadata/finalizers"), W);
    assertThat(c.get(CM, "default", "child")).isEmpty();
    assertThat(c.get(CM, "default", "owner")).isEmpty();
  }

  @Test
  void deletingANamespace_deletesItsContent() {
    SimulatedCluster c = SimulatedCluster.create();
    c.create(yaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: dev}\n"), W);
    Manifest ns = c.get(NS, "", "dev").orElseThrow();
    assertThat(ns.labels()).containsEntry("kubernetes.io/metadata.name", "dev");
    assertThat(ns.at("/status/phase")).contains(JsonString.of("Active"));
    c.create(cm("dev", "a"), W);
    c.create(cm("dev", "b"), W);
    c.create(cm("default", "keep"), W);
    c.delete(NS, "", "dev", DeleteOptions.defaults());
    assertThat(c.get(NS, "", "dev")).isEmpty();
    assertThat(c.list(CM, ListOptions.inNamespace("dev")).items()).isEmpty();
    assertThat(c.get(CM, "default", "keep")).isPresent();
  }

  @Test
  void namespaceBeingTerminated_refusesNewContent() {
    SimulatedCluster c = SimulatedCluster.create();
    c.create(yaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: dev}\n"), W);
    c.create(cm("dev", "stuck").with("/metadata/finalizers",
        JsonArray.of(JsonString.of("example.io/guard"))), W);
    c.delete(NS, "", "dev", DeleteOptions.defaults());
    assertThat(c.get(NS, "", "dev").orElseThrow().at("/status/phase"))
        .contains(JsonString.of("Terminating"));
    assertThatThrownBy(() -> c.create(cm("dev", "new"), W))
        .isInstanceOf(ClusterException.Forbidden.class)
        .hasMessageContaining("because it is being terminated");
    Manifest stuck = c.get(CM, "dev", "stuck").orElseThrow();
    c.update(stuck.without("/metadata/finalizers"), W);
    assertThat(c.get(NS, "", "dev")).isEmpty();
  }

  @Test
  void watch_deliversEventsInOrder_andResumesFromAResourceVersion() {
    SimulatedCluster c = SimulatedCluster.create();
    List<String> seen = new ArrayList<>();
    var watch = c.watch(CM, WatchOptions.all(), e -> seen.add(e.type() + " " + e.object().name()));
    Manifest a = c.create(cm("default", "a"), W);
    String rv = a.metadata().getString("resourceVersion").orElseThrow();
    c.update(a.withLabel("x", "1"), W);
    c.delete(CM, "default", "a", DeleteOptions.defaults());
    watch.close();
    c.create(cm("default", "b"), W);
    assertThat(seen).containsExactly("ADDED a", "MODIFIED a", "DELETED a");
    List<WatchEvent.Type> replay = new ArrayList<>();
    c.watch(CM, WatchOptions.all().fromResourceVersion(rv), e -> replay.add(e.type())).close();
    assertThat(replay).containsExactly(WatchEvent.Type.MODIFIED, WatchEvent.Type.DELETED,
        WatchEvent.Type.ADDED);
  }

  @Test
  void watch_fromAForgottenVersion_isGone() {
    SimulatedCluster c = SimulatedCluster.builder().watchHistory(3).build();
    for (int i = 0; i < 10; i++) {
      c.create(cm("default", "c" + i), W);
    }
    assertThatThrownBy(() -> c.watch(CM, WatchOptions.all().fromResourceVersion("2"), e -> { }))
        .isInstanceOf(ClusterException.Gone.class)
        .hasMessageContaining("too old resource version: 2");
  }

  @Test
  void crd_registersItsKinds_andDeletingItRemovesThem() {
    SimulatedCluster c = SimulatedCluster.create();
    c.create(yaml("""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.io}
        spec:
          group: example.io
          scope: Namespaced
          names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
          versions:
          - name: v1
            served: true
            storage: true
            subresources: {status: {}}
            schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
        """), W);
    GroupVersionKind widget = new GroupVersionKind("example.io", "v1", "Widget");
    assertThat(c.apiResource(widget)).hasValueSatisfying(r -> {
      assertThat(r.plural()).isEqualTo("widgets");
      assertThat(r.namespaced()).isTrue();
    });
    Manifest w = c.create(yaml("apiVersion: example.io/v1\nkind: Widget\nmetadata:\n"
        + "  name: w\n  namespace: default\nspec: {size: 1}\nstatus: {ready: true}\n"), W);
    assertThat(w.metadata().getOrNull("generation")).isEqualTo(JsonNumber.of(1));
    assertThat(w.root().has("status")).as("status dropped on create (status subresource)")
        .isFalse();
    assertThatThrownBy(() -> c.update(w.without("/metadata/resourceVersion")
        .with("/spec/size", JsonNumber.of(2)), W))
        .isInstanceOf(ClusterException.Invalid.class)
        .hasMessageContaining("metadata.resourceVersion: Invalid value: 0: must be specified");
    c.delete(GroupVersionKind.of("apiextensions.k8s.io/v1", "CustomResourceDefinition"), "",
        "widgets.example.io", DeleteOptions.defaults());
    assertThat(c.apiResource(widget)).isEmpty();
    assertThatThrownBy(() -> c.get(widget, "default", "w"))
        .isInstanceOf(ClusterException.NotFound.class);
  }

  @Test
  void admissionHooks_mutateAndValidate() {
    SimulatedCluster c = SimulatedCluster.builder()
        .mutator((obj, old) -> obj.withLabel("injected", "true"))
        .validator((obj, old) -> obj.name().startsWith("bad")
            ? List.of(new FieldCause("FieldValueForbidden", "Forbidden: bad names are refused",
                "metadata.name"))
            : List.of())
        .build();
    assertThat(c.create(cm("default", "good"), W).labels()).containsEntry("injected", "true");
    assertThatThrownBy(() -> c.create(cm("default", "bad-one"), W))
        .isInstanceOf(ClusterException.Invalid.class)
        .hasMessage("ConfigMap \"bad-one\" is invalid: metadata.name: Forbidden: bad names are"
            + " refused")
        .satisfies(e -> assertThat(((ClusterException.Invalid) e).causes())
            .extracting(FieldCause::field).containsExactly("metadata.name"));
  }

  @Test
  void faults_areInjectedBySeedAndRule() {
    SimulatedCluster c = SimulatedCluster.builder().seed(1).build();
    c.faults().fail("create", "ConfigMap", () -> new ClusterException.Forbidden("nope"));
    assertThatThrownBy(() -> c.create(cm("default", "a"), W))
        .isInstanceOf(ClusterException.Forbidden.class);
    c.faults().clear().unavailable(true);
    assertThatThrownBy(() -> c.list(CM, ListOptions.all()))
        .isInstanceOf(ClusterException.Unavailable.class);
    c.faults().clear();
    int failures = 0;
    c.faults().fail("get", "*", "*", 0.5, () -> new ClusterException.Unavailable("flaky", null));
    for (int i = 0; i < 200; i++) {
      try {
        c.get(CM, "default", "x");
      } catch (ClusterException.Unavailable e) {
        failures++;
      }
    }
    assertThat(failures).isBetween(70, 130);
  }

  @Test
  void injectedLatency_delaysEveryRequest_untilCleared() {
    SimulatedCluster c = SimulatedCluster.create();
    c.faults().latency(java.time.Duration.ofMillis(60));
    long start = System.nanoTime();
    c.get(CM, "default", "x");
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(java.time.Duration.ofMillis(60));
    assertThatThrownBy(() -> c.faults().latency(java.time.Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void kubectlEdit_drift_andTotalLoss() {
    SimulatedCluster c = SimulatedCluster.create();
    c.create(cm("default", "a"), W);
    Manifest edited = c.edit(CM, "default", "a", root -> root.with("data",
        JsonObject.of("k", JsonString.of("changed"))));
    assertThat(edited.at("/data/k")).contains(JsonString.of("changed"));
    c.loseEverything();
    assertThat(c.get(CM, "default", "a")).isEmpty();
    assertThat(c.get(NS, "", "default")).isPresent();
  }

  @Test
  void serverDefaults_andImmutableFields_behaveLikeKubeApiserver() {
    SimulatedCluster c = SimulatedCluster.builder().controllers(false).build();
    Manifest d = c.create(deployment("default", "web", 2), W);
    assertThat(d.at("/spec/strategy/type")).contains(JsonString.of("RollingUpdate"));
    assertThat(d.at("/spec/progressDeadlineSeconds")).contains(JsonNumber.of(600));
    assertThat(d.at("/spec/template/spec/containers/0/imagePullPolicy"))
        .contains(JsonString.of("IfNotPresent"));
    assertThat(d.at("/spec/template/spec/containers/0/terminationMessagePath"))
        .contains(JsonString.of("/dev/termination-log"));
    assertThatThrownBy(() -> c.update(d.with("/spec/selector/matchLabels/app",
        JsonString.of("other")).with("/spec/template/metadata/labels/app",
        JsonString.of("other")), W))
        .isInstanceOf(ClusterException.Invalid.class)
        .hasMessageStartingWith("Deployment.apps \"web\" is invalid: spec.selector: Invalid value:")
        .hasMessageEndingWith("field is immutable");
    Manifest job = c.create(yaml("apiVersion: batch/v1\nkind: Job\nmetadata: {name: migrate,"
        + " namespace: default}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n"
        + "      containers: [{name: m, image: busybox}]\n"), W);
    String uid = job.metadata().getString("uid").orElseThrow();
    assertThat(job.at("/spec/selector/matchLabels/batch.kubernetes.io~1controller-uid"))
        .contains(JsonString.of(uid));
    assertThat(job.labels()).containsEntry("job-name", "migrate");
  }

  @Test
  void oneLongClockMove_completesARollout_withGenerationOne() {
    SimulatedCluster c = SimulatedCluster.create();
    c.create(deployment("default", "web", 4), W);
    c.clock().advance(java.time.Duration.ofMinutes(2));
    Manifest d = c.get(DEPLOY, "default", "web").orElseThrow();
    assertThat(d.metadata().getOrNull("generation")).isEqualTo(JsonNumber.of(1));
    assertThat(d.annotation("deployment.kubernetes.io/revision")).contains("1");
    assertThat(d.at("/status/availableReplicas")).contains(JsonNumber.of(4));
    assertThat(d.at("/status/observedGeneration")).contains(JsonNumber.of(1));
  }

  @Test
  void services_getAClusterIp_keptOnUpdate() {
    SimulatedCluster c = SimulatedCluster.create();
    Manifest svc = c.create(yaml("apiVersion: v1\nkind: Service\nmetadata: {name: web,"
        + " namespace: default}\nspec:\n  type: NodePort\n  ports: [{port: 80}]\n"), W);
    String ip = svc.at("/spec/clusterIP").map(Object::toString).orElseThrow();
    assertThat(svc.at("/spec/ports/0/nodePort")).contains(JsonNumber.of(30000));
    Manifest again = c.update(svc.without("/spec/clusterIP").without("/spec/clusterIPs")
        .without("/spec/ports/0/nodePort"), W);
    assertThat(again.at("/spec/clusterIP").map(Object::toString)).contains(ip);
    assertThat(again.at("/spec/ports/0/nodePort")).contains(JsonNumber.of(30000));
  }

  @Test
  void requiredFields_comeFromTheOpenApiDocument() {
    SimulatedCluster c = SimulatedCluster.create();
    assertThatThrownBy(() -> c.create(deployment("default", "web", 1).without("/spec/selector")
        .without("/spec/template/spec/containers/0/name"), W))
        .isInstanceOf(ClusterException.Invalid.class)
        .hasMessage("Deployment.apps \"web\" is invalid: [spec.selector: Required value,"
            + " spec.template.spec.containers[0].name: Required value]")
        .satisfies(e -> assertThat(((ClusterException.Invalid) e).causes())
            .extracting(FieldCause::reason).containsOnly("FieldValueRequired"));
  }

  @Test
  void discovery_comesFromTheOpenApiDocument() {
    SimulatedCluster c = SimulatedCluster.create();
    assertThat(c.apiResources()).hasSizeGreaterThan(50);
    assertThat(c.apiResource(new GroupVersionKind("apps", "v1", "Deployment")))
        .hasValueSatisfying(r -> {
          assertThat(r.plural()).isEqualTo("deployments");
          assertThat(r.verbs()).contains("watch", "patch", "deletecollection");
        });
    assertThat(c.apiResource(new GroupVersionKind("rbac.authorization.k8s.io", "v1",
        "ClusterRole"))).hasValueSatisfying(r -> assertThat(r.namespaced()).isFalse());
  }

  @Test
  void invalidCrds_areRefused() {
    SimulatedCluster c = SimulatedCluster.create();
    assertThatThrownBy(() -> c.create(yaml("""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: wrong-name}
        spec:
          group: example.io
          scope: Namespaced
          names: {kind: Widget, plural: widgets}
          versions:
          - name: v1
            served: true
            storage: true
            schema: {openAPIV3Schema: {type: object}}
        """), W)).isInstanceOf(ClusterException.Invalid.class)
        .hasMessageContaining("CustomResourceDefinition.apiextensions.k8s.io \"wrong-name\" is invalid");
  }

  static Manifest deployment(String ns, String name, int replicas) {
    return yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: %s, namespace: %s}
        spec:
          replicas: %d
          selector: {matchLabels: {app: %s}}
          template:
            metadata: {labels: {app: %s}}
            spec:
              containers:
              - {name: app, image: "nginx:1.27"}
        """.formatted(name, ns, replicas, name, name));
  }

  static List<String> names(List<Manifest> items) {
    return items.stream().map(m -> m.namespace() + "/" + m.name()).toList();
  }

  static Throwable catchAll(Runnable r) {
    try {
      r.run();
    } catch (Throwable t) {
      return t;
    }
    throw new AssertionError("expected an exception");
  }
}
