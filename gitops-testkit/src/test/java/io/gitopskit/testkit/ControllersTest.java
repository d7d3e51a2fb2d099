package io.gitopskit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.cluster.DeleteOptions;
import io.gitopskit.core.cluster.FieldCause;
import io.gitopskit.core.cluster.ListOptions;
import io.gitopskit.core.cluster.WatchOptions;
import io.gitopskit.core.cluster.WriteOptions;
import io.gitopskit.core.health.HealthChecks;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.model.Manifest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ControllersTest {

  static final GroupVersionKind DEPLOY = new GroupVersionKind("apps", "v1", "Deployment");
  static final GroupVersionKind RS = new GroupVersionKind("apps", "v1", "ReplicaSet");
  static final GroupVersionKind STS = new GroupVersionKind("apps", "v1", "StatefulSet");
  static final GroupVersionKind DS = new GroupVersionKind("apps", "v1", "DaemonSet");
  static final GroupVersionKind REVISION =
      new GroupVersionKind("apps", "v1", "ControllerRevision");
  static final GroupVersionKind JOB = new GroupVersionKind("batch", "v1", "Job");
  static final GroupVersionKind POD = GroupVersionKind.of("v1", "Pod");
  static final GroupVersionKind NODE = GroupVersionKind.of("v1", "Node");
  static final GroupVersionKind SVC = GroupVersionKind.of("v1", "Service");
  static final GroupVersionKind PVC = GroupVersionKind.of("v1", "PersistentVolumeClaim");
  static final GroupVersionKind PV = GroupVersionKind.of("v1", "PersistentVolume");
  static final GroupVersionKind CM = GroupVersionKind.of("v1", "ConfigMap");
  static final GroupVersionKind SA = GroupVersionKind.of("v1", "ServiceAccount");
  static final GroupVersionKind INGRESS =
      new GroupVersionKind("networking.k8s.io", "v1", "Ingress");
  static final WriteOptions W = WriteOptions.defaults();

  // ---------------------------------------------------------------- cluster basics

  @Test
  void namespaces_getTheDefaultServiceAccountAndTheRootCa() {
    SimulatedCluster c = cluster();
    c.create(yaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: team}\n"), W);
    assertThat(c.get(SA, "team", "default")).isPresent();
    Manifest ca = c.get(CM, "team", "kube-root-ca.crt").orElseThrow();
    assertThat(text(ca, "/data/ca.crt")).startsWith("-----BEGIN CERTIFICATE-----\n")
        .endsWith("-----END CERTIFICATE-----\n");
    assertThat(c.get(CM, "kube-system", "kube-root-ca.crt")).isPresent();
    c.delete(CM, "team", "kube-root-ca.crt", DeleteOptions.defaults());
    assertThat(c.get(CM, "team", "kube-root-ca.crt")).as("republished").isPresent();
  }

  @Test
  void cluster_startsWithThreeReadyNodes_andADefaultStorageClass() {
    SimulatedCluster c = cluster();
    List<Manifest> nodes = c.list(NODE, ListOptions.all()).items();
    assertThat(nodes).extracting(Manifest::name).containsExactly("node-1", "node-2", "node-3");
    assertCondition(nodes.get(0), "Ready", "True", "KubeletReady",
        "kubelet is posting ready status");
    assertThat(text(nodes.get(1), "/status/addresses/0/address")).isEqualTo("172.18.0.3");
    assertThat(c.get(new GroupVersionKind("storage.k8s.io", "v1", "StorageClass"), "",
        "standard").orElseThrow().annotations())
        .containsEntry("storageclass.kubernetes.io/is-default-class", "true");
    SimulatedCluster bare = SimulatedCluster.builder().controllers(false).build();
    assertThat(bare.list(NODE, ListOptions.all()).items()).isEmpty();
  }

  // ---------------------------------------------------------------- deployments

  @Test
  void deployment_rollsOut_progressingThenAvailable() {
    SimulatedCluster c = cluster();
    c.create(deployment("web", 3, "nginx:1.27"), W);
    Manifest d = deploy(c, "web");
    Manifest rs = only(c, RS, "default");
    assertThat(rs.name()).matches("web-[bcdfghjklmnpqrstvwxz2456789]{10}");
    String hash = rs.name().substring(4);
    assertThat(rs.labels()).containsEntry("pod-template-hash", hash).containsEntry("app", "web");
    assertThat(text(rs, "/spec/selector/matchLabels/pod-template-hash")).isEqualTo(hash);
    assertThat(text(rs, "/spec/template/metadata/labels/pod-template-hash")).isEqualTo(hash);
    assertThat(rs.annotations()).containsEntry("deployment.kubernetes.io/revision", "1")
        .containsEntry("deployment.kubernetes.io/desired-replicas", "3")
        .containsEntry("deployment.kubernetes.io/max-replicas", "4");
    assertOwnedBy(rs, d);
    assertThat(d.annotations()).containsEntry("deployment.kubernetes.io/revision", "1");
    List<Manifest> pods = pods(c, "default");
    assertThat(pods).hasSize(3).allSatisfy(p -> {
      assertThat(p.name()).startsWith(rs.name() + "-").hasSize(rs.name().length() + 6);
      assertOwnedBy(p, rs);
      assertThat(text(p, "/status/phase")).isEqualTo("Pending");
      assertThat(text(p, "/status/containerStatuses/0/state/waiting/reason"))
          .isEqualTo("ContainerCreating");
    });
    assertThat(num(d, "/status/observedGeneration")).isEqualTo(num(d, "/metadata/generation"));
    assertThat(num(d, "/status/replicas")).isEqualTo(3);
    assertThat(num(d, "/status/updatedReplicas")).isEqualTo(3);
    assertThat(num(d, "/status/availableReplicas")).isZero();
    assertThat(num(d, "/status/unavailableReplicas")).isEqualTo(3);
    assertCondition(d, "Available", "False", "MinimumReplicasUnavailable",
        "Deployment does not have minimum availability.");
    assertCondition(d, "Progressing", "True", "ReplicaSetUpdated",
        "ReplicaSet \"" + rs.name() + "\" is progressing.");
    assertThat(health(d)).isEqualTo("Progressing");

    c.clock().advance(Duration.ofSeconds(2));
    d = deploy(c, "web");
    assertThat(num(d, "/status/readyReplicas")).isEqualTo(3);
    assertThat(num(d, "/status/availableReplicas")).isEqualTo(3);
    assertThat(d.at("/status/unavailableReplicas")).isEmpty();
    assertCondition(d, "Available", "True", "MinimumReplicasAvailable",
        "Deployment has minimum availability.");
    assertCondition(d, "Progressing", "True", "NewReplicaSetAvailable",
        "ReplicaSet \"" + rs.name() + "\" has successfully progressed.");
    assertThat(text(d, "/status/conditions/1/type")).isEqualTo("Progressing");
    assertThat(text(d, "/status/conditions/1/lastTransitionTime"))
        .isEqualTo("2026-01-01T00:00:00Z");
    assertThat(text(d, "/status/conditions/1/lastUpdateTime")).isEqualTo("2026-01-01T00:00:02Z");
    assertThat(health(d)).isEqualTo("Healthy");
    assertThat(health(c.get(RS, "default", rs.name()).orElseThrow()))
        .isEqualTo("Healthy");
    assertThat(pods(c, "default")).allSatisfy(p -> assertThat(health(p))
        .isEqualTo("Healthy"));
  }

  @Test
  void deployment_imageUpdate_createsANewReplicaSet_andScalesTheOldOneToZero() {
    SimulatedCluster c = cluster();
    c.create(deployment("web", 4, "nginx:1.27"), W);
    c.clock().advance(Duration.ofSeconds(2));
    String first = only(c, RS, "default").name();
    setImage(c, "web", "nginx:1.28");
    Manifest d = deploy(c, "web");
    assertThat(d.annotations()).containsEntry("deployment.kubernetes.io/revision", "2");
    assertThat(health(d)).isEqualTo("Progressing");
    for (int second = 0; second < 20; second++) {
      List<Manifest> pods = pods(c, "default");
      long available = pods.stream().filter(ControllersTest::ready).count();
      assertThat(pods.size()).as("maxSurge 25%% of 4 = 1 at %ds", second).isLessThanOrEqualTo(5);
      assertThat(available).as("maxUnavailable 25%% of 4 = 1 at %ds", second)
          .isGreaterThanOrEqualTo(3);
      c.clock().advance(Duration.ofSeconds(1));
    }
    List<Manifest> sets = c.list(RS, ListOptions.inNamespace("default")).items();
    assertThat(sets).hasSize(2);
    Manifest old = c.get(RS, "default", first).orElseThrow();
    Manifest fresh = sets.stream().filter(r -> !r.name().equals(first)).findFirst()
        .orElseThrow();
    assertThat(num(old, "/spec/replicas")).isZero();
    assertThat(num(old, "/status/replicas")).isZero();
    assertThat(num(fresh, "/spec/replicas")).isEqualTo(4);
    assertThat(fresh.annotations()).containsEntry("deployment.kubernetes.io/revision", "2");
    assertThat(pods(c, "default")).hasSize(4).allSatisfy(p -> {
      assertThat(p.name()).startsWith(fresh.name());
      assertThat(text(p, "/status/containerStatuses/0/image"))
          .isEqualTo("docker.io/library/nginx:1.28");
    });
    d = deploy(c, "web");
    assertCondition(d, "Progressing", "True", "NewReplicaSetAvailable",
        "ReplicaSet \"" + fresh.name() + "\" has successfully progressed.");
    assertThat(health(d)).isEqualTo("Healthy");

    setImage(c, "web", "nginx:1.27");
    advance(c, 20);
    Manifest back = c.get(RS, "default", first).orElseThrow();
    assertThat(back.annotations()).as("a rollback renumbers the old ReplicaSet")
        .containsEntry("deployment.kubernetes.io/revision", "3");
    assertThat(num(back, "/spec/replicas")).isEqualTo(4);
    assertThat(deploy(c, "web").annotations())
        .containsEntry("deployment.kubernetes.io/revision", "3");
  }

  @Test
  void deployment_recreate_removesOldPodsBeforeCreatingNewOnes() {
    SimulatedCluster c = cluster();
    c.create(deployment("db", 2, "postgres:16").with("/spec/strategy",
        JsonObject.of("type", JsonString.of("Recreate"))), W);
    c.clock().advance(Duration.ofSeconds(2));
    String first = only(c, RS, "default").name();
    List<String> seen = new ArrayList<>();
    c.watch(POD, WatchOptions.all(),
        e -> seen.add(e.type() + " " + e.object().name().substring(0,
            e.object().name().lastIndexOf('-'))));
    setImage(c, "db", "postgres:17");
    Manifest d = deploy(c, "db");
    assertThat(num(c.get(RS, "default", first).orElseThrow(), "/spec/replicas")).isZero();
    List<String> order = seen.stream().filter(x -> !x.startsWith("MODIFIED")).toList();
    assertThat(order).hasSize(4);
    assertThat(order.subList(0, 2)).allMatch(x -> x.equals("DELETED " + first));
    assertThat(order.subList(2, 4)).allMatch(x -> x.startsWith("ADDED ") && !x.endsWith(first));
    assertCondition(d, "Available", "False", "MinimumReplicasUnavailable",
        "Deployment does not have minimum availability.");
    c.clock().advance(Duration.ofSeconds(2));
    d = deploy(c, "db");
    assertThat(num(d, "/status/availableReplicas")).isEqualTo(2);
    assertThat(health(d)).isEqualTo("Healthy");
  }

  @Test
  void deployment_withAFailingImage_isStuckInImagePullBackOff_untilTheDeadlinePasses() {
    SimulatedCluster c = cluster();
    c.create(deployment("web", 1, "nginx:broken"), W);
    c.clock().advance(Duration.ofSeconds(2));
    Manifest pod = only(c, POD, "default");
    assertThat(text(pod, "/status/containerStatuses/0/state/waiting/reason"))
        .isEqualTo("ErrImagePull");
    assertThat(text(pod, "/status/containerStatuses/0/state/waiting/message"))
        .contains("failed to pull and unpack image \"docker.io/library/nginx:broken\"");
    assertThat(health(pod)).isEqualTo("Degraded");
    c.clock().advance(Duration.ofSeconds(10));
    pod = only(c, POD, "default");
    assertThat(text(pod, "/status/phase")).isEqualTo("Pending");
    assertThat(text(pod, "/status/containerStatuses/0/state/waiting/reason"))
        .isEqualTo("ImagePullBackOff");
    assertThat(text(pod, "/status/containerStatuses/0/state/waiting/message"))
        .isEqualTo("Back-off pulling image \"nginx:broken\"");
    assertCondition(pod, "Ready", "False", "ContainersNotReady",
        "containers with unready status: [app]");
    assertThat(health(pod)).isEqualTo("Degraded");
    String rs = only(c, RS, "default").name();

    c.clock().set(ManualClock.DEFAULT_START.plusSeconds(600));
    Manifest d = deploy(c, "web");
    assertCondition(d, "Progressing", "True", "ReplicaSetUpdated",
        "ReplicaSet \"" + rs + "\" is progressing.");
    assertThat(health(d)).isEqualTo("Progressing");
    c.clock().advance(Duration.ofSeconds(1));
    d = deploy(c, "web");
    assertCondition(d, "Progressing", "False", "ProgressDeadlineExceeded",
        "ReplicaSet \"" + rs + "\" has timed out progressing.");
    assertThat(text(condition(d, "Progressing"), "lastTransitionTime"))
        .isEqualTo("2026-01-01T00:10:01Z");
    assertThat(health(d)).isEqualTo("Degraded");
  }

  @Test
  void deployment_updatedToAFailingImage_keepsTheOldPods_andTimesOut() {
    SimulatedCluster c = cluster();
    Manifest created = c.create(deployment("web", 2, "nginx:1.27")
        .with("/spec/progressDeadlineSeconds", JsonNumber.of(30)), W);
    c.clock().advance(Duration.ofSeconds(2));
    setImage(c, "web", "nginx:broken");
    advance(c, 40);
    Manifest d = deploy(c, "web");
    assertThat(num(d, "/status/availableReplicas")).as("old pods kept").isEqualTo(2);
    assertThat(num(d, "/status/updatedReplicas")).isEqualTo(1);
    assertThat(num(d, "/status/replicas")).isEqualTo(3);
    assertCondition(d, "Available", "True", "MinimumReplicasAvailable",
        "Deployment has minimum availability.");
    assertThat(condition(d, "Progressing").getString("reason"))
        .contains("ProgressDeadlineExceeded");
    assertThat(health(d)).isEqualTo("Degraded");
    assertThat(created).isNotNull();
  }

  @Test
  void deployment_paused_holdsTheRollout_untilResumed() {
    SimulatedCluster c = cluster();
    c.create(deployment("web", 2, "nginx:1.27"), W);
    c.clock().advance(Duration.ofSeconds(2));
    c.edit(DEPLOY, "default", "web", root -> root.with("spec",
        spec(root).with("paused", JsonBoolean.TRUE)));
    setImage(c, "web", "nginx:1.28");
    advance(c, 5);
    Manifest d = deploy(c, "web");
    assertThat(c.list(RS, ListOptions.inNamespace("default")).items()).hasSize(1);
    assertCondition(d, "Progressing", "Unknown", "DeploymentPaused", "Deployment is paused");
    assertThat(num(d, "/status/observedGeneration")).isEqualTo(num(d, "/metadata/generation"));
    assertThat(health(d)).isEqualTo("Suspended");
    c.clock().set(ManualClock.DEFAULT_START.plusSeconds(3600));
    assertThat(condition(deploy(c, "web"), "Progressing").getString("reason"))
        .as("no deadline while paused").contains("DeploymentPaused");

    c.edit(DEPLOY, "default", "web", root -> root.with("spec", spec(root).without("paused")));
    assertThat(c.list(RS, ListOptions.inNamespace("default")).items()).hasSize(2);
    advance(c, 10);
    d = deploy(c, "web");
    assertThat(health(d)).isEqualTo("Healthy");
    assertThat(condition(d, "Progressing").getString("reason"))
        .contains("NewReplicaSetAvailable");
  }

  @Test
  void deployment_revisionHistoryLimit_prunesScaledDownReplicaSets() {
    SimulatedCluster c = cluster();
    c.create(deployment("web", 1, "nginx:1.0")
        .with("/spec/revisionHistoryLimit", JsonNumber.of(1)), W);
    for (int v = 1; v <= 4; v++) {
      advance(c, 5);
      setImage(c, "web", "nginx:1." + v);
    }
    advance(c, 5);
    List<Manifest> sets = c.list(RS, ListOptions.inNamespace("default")).items();
    assertThat(sets).hasSize(2);
    assertThat(sets).extracting(r -> r.annotations().get("deployment.kubernetes.io/revision"))
        .containsExactlyInAnyOrder("4", "5");
  }

  @Test
  void deletingADeployment_garbageCollectsItsReplicaSetsAndPods() {
    SimulatedCluster c = cluster();
    c.create(deployment("web", 2, "nginx:1.27"), W);
    c.clock().advance(Duration.ofSeconds(2));
    setImage(c, "web", "nginx:1.28");
    assertThat(c.list(RS, ListOptions.inNamespace("default")).items()).hasSize(2);
    assertThat(pods(c, "default")).hasSize(3);
    c.delete(DEPLOY, "default", "web", DeleteOptions.defaults());
    assertThat(c.list(RS, ListOptions.inNamespace("default")).items()).isEmpty();
    assertThat(pods(c, "default")).isEmpty();
  }

  @Test
  void replicaSet_minReadySeconds_delaysAvailability() {
    SimulatedCluster c = cluster();
    c.create(deployment("web", 2, "nginx:1.27")
        .with("/spec/minReadySeconds", JsonNumber.of(10)), W);
    c.clock().advance(Duration.ofSeconds(2));
    Manifest rs = only(c, RS, "default");
    assertThat(num(rs, "/spec/minReadySeconds")).isEqualTo(10);
    assertThat(num(rs, "/status/readyReplicas")).isEqualTo(2);
    assertThat(num(rs, "/status/availableReplicas")).isZero();
    assertThat(health(rs)).isEqualTo("Progressing");
    c.clock().advance(Duration.ofSeconds(10));
    assertThat(num(only(c, RS, "default"), "/status/availableReplicas")).as("not strictly after")
        .isZero();
    c.clock().advance(Duration.ofSeconds(1));
    rs = only(c, RS, "default");
    assertThat(num(rs, "/status/availableReplicas")).isEqualTo(2);
    assertThat(num(rs, "/status/fullyLabeledReplicas")).isEqualTo(2);
    assertThat(num(rs, "/status/observedGeneration")).isEqualTo(1);
    assertThat(health(rs)).isEqualTo("Healthy");
    assertThat(health(deploy(c, "web"))).isEqualTo("Healthy");
  }

  @Test
  void replicaSet_scaledDown_removesPods_andRefusedPodsSetReplicaFailure() {
    SimulatedCluster c = SimulatedCluster.builder()
        .validator((obj, old) -> obj.kind().equals("Pod") && obj.labels().containsKey("deny")
            ? List.of(new FieldCause("FieldValueForbidden",
                "Forbidden: pods are denied", "metadata.labels"))
            : List.of())
        .build();
    c.create(deployment("web", 3, "nginx:1.27"), W);
    c.clock().advance(Duration.ofSeconds(2));
    c.edit(DEPLOY, "default", "web", root -> root.with("spec",
        spec(root).with("replicas", JsonNumber.of(1))));
    assertThat(pods(c, "default")).hasSize(1);
    c.create(deployment("denied", 1, "nginx:1.27").with("/spec/template/metadata/labels/deny",
        JsonString.of("yes")), W);
    Manifest rs = c.list(RS, ListOptions.inNamespace("default").withSelector("app=denied"))
        .items().get(0);
    assertThat(text(condition(rs, "ReplicaFailure"), "reason")).isEqualTo("FailedCreate");
    assertThat(text(condition(rs, "ReplicaFailure"), "message"))
        .contains("pods are denied");
    assertThat(health(rs)).isEqualTo("Degraded");
    assertThat(condition(deploy(c, "denied"), "ReplicaFailure").getString("reason"))
        .contains("FailedCreate");
  }

  // ---------------------------------------------------------------- pods

  @Test
  void pod_standalone_isScheduled_andRuns() {
    SimulatedCluster c = cluster();
    Manifest created = c.create(yaml("""
        apiVersion: v1
        kind: Pod
        metadata: {name: solo, namespace: default}
        spec:
          containers:
          - name: app
            image: registry.example.com/team/app:2
            resources: {limits: {cpu: "1", memory: 1Gi}}
        """), W);
    Manifest pod = c.get(POD, "default", "solo").orElseThrow();
    assertThat(text(pod, "/spec/nodeName")).isEqualTo("node-1");
    assertThat(text(pod, "/status/phase")).isEqualTo("Pending");
    assertThat(pod.at("/status/podIP")).isEmpty();
    assertThat(health(pod)).isEqualTo("Progressing");
    c.clock().advance(Duration.ofSeconds(2));
    pod = c.get(POD, "default", "solo").orElseThrow();
    assertThat(text(pod, "/status/phase")).isEqualTo("Running");
    assertThat(text(pod, "/status/qosClass")).isEqualTo("Guaranteed");
    assertThat(text(pod, "/status/hostIP")).isEqualTo("172.18.0.2");
    assertThat(text(pod, "/status/podIP")).startsWith("10.244.1.");
    assertThat(text(pod, "/status/startTime")).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(byName(List.of(pod), "/status/conditions").get("solo"))
        .contains("PodReadyToStartContainers");
    assertThat(pod.at("/status/conditions").map(v -> ((JsonArray) v).items().stream()
        .map(x -> ((JsonObject) x).getString("type").orElseThrow()).toList()).orElseThrow())
        .containsExactly("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady",
            "PodScheduled");
    assertCondition(pod, "Ready", "True", null, null);
    JsonObject cs = (JsonObject) pod.at("/status/containerStatuses/0").orElseThrow();
    assertThat(cs.getString("image")).contains("registry.example.com/team/app:2");
    assertThat(cs.getString("imageID").orElseThrow())
        .matches("registry.example.com/team/app@sha256:[0-9a-f]{64}");
    assertThat(cs.getString("containerID").orElseThrow()).matches("containerd://[0-9a-f]{64}");
    assertThat(cs.getOrNull("ready")).isEqualTo(JsonBoolean.TRUE);
    assertThat(cs.getOrNull("started")).isEqualTo(JsonBoolean.TRUE);
    assertThat(text(pod, "/status/containerStatuses/0/state/running/startedAt"))
        .isEqualTo("2026-01-01T00:00:02Z");
    assertThat(health(pod)).isEqualTo("Healthy");
    assertThat(created.metadata().getString("uid")).isEqualTo(pod.metadata().getString("uid"));
  }

  @Test
  void pod_withACrashingImage_restartsWithGrowingBackOff() {
    SimulatedCluster c = cluster();
    c.create(deployment("web", 1, "example/app:crash"), W);
    Manifest pod = only(c, POD, "default");
    String name = pod.name();
    String uid = pod.metadata().getString("uid").orElseThrow();
    long[][] expected = {{2, 0}, {11, 0}, {12, 1}, {31, 1}, {32, 2}, {72, 3}, {152, 4}};
    for (long[] step : expected) {
      c.clock().set(ManualClock.DEFAULT_START.plusSeconds(step[0]));
      pod = c.get(POD, "default", name).orElseThrow();
      assertThat(num(pod, "/status/containerStatuses/0/restartCount")).as("at %ds", step[0])
          .isEqualTo(step[1]);
    }
    assertThat(text(pod, "/status/phase")).isEqualTo("Running");
    assertThat(text(pod, "/status/containerStatuses/0/state/waiting/reason"))
        .isEqualTo("CrashLoopBackOff");
    assertThat(text(pod, "/status/containerStatuses/0/state/waiting/message"))
        .isEqualTo("back-off 2m40s restarting failed container=app pod=" + name
            + "_default(" + uid + ")");
    assertThat(num(pod, "/status/containerStatuses/0/lastState/terminated/exitCode"))
        .isEqualTo(1);
    assertThat(text(pod, "/status/containerStatuses/0/lastState/terminated/reason"))
        .isEqualTo("Error");
    assertThat(text(pod, "/status/containerStatuses/0/lastState/terminated/finishedAt"))
        .isEqualTo("2026-01-01T00:02:32Z");
    assertThat(health(pod)).isEqualTo("Degraded");
    c.clock().set(ManualClock.DEFAULT_START.plusSeconds(24 * 3600));
    pod = c.get(POD, "default", name).orElseThrow();
    assertThat(num(pod, "/status/containerStatuses/0/restartCount"))
        .as("5 min back-off cap: 5 restarts in 312 s, then one every 300 s")
        .isEqualTo(5 + (24 * 3600 - 312) / 300);
    assertThat(text(pod, "/status/containerStatuses/0/state/waiting/message"))
        .startsWith("back-off 5m0s restarting failed container=app");
  }

  @Test
  void pods_onADeletedNode_areReplacedOnTheOthers() {
    SimulatedCluster c = cluster();
    c.create(deployment("web", 3, "nginx:1.27"), W);
    assertThat(byName(pods(c, "default"), "/spec/nodeName").values())
        .containsExactlyInAnyOrder("\"node-1\"", "\"node-2\"", "\"node-3\"");
    c.delete(NODE, "", "node-2", DeleteOptions.defaults());
    assertThat(pods(c, "default")).hasSize(3).noneMatch(p -> text(p, "/spec/nodeName")
        .equals("node-2"));
    c.delete(NODE, "", "node-1", DeleteOptions.defaults());
    c.delete(NODE, "", "node-3", DeleteOptions.defaults());
    Manifest pod = pods(c, "default").get(0);
    assertCondition(pod, "PodScheduled", "False", "Unschedulable",
        "no nodes available to schedule pods");
    assertThat(health(pod)).isEqualTo("Progressing");
  }

  // ---------------------------------------------------------------- stateful sets

  @Test
  void statefulSet_createsOrderedPods_withClaims_andBecomesReady() {
    SimulatedCluster c = cluster();
    c.create(yaml("""
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db, namespace: default}
        spec:
          replicas: 3
          serviceName: db
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec:
              containers:
              - {name: db, image: "postgres:16"}
          volumeClaimTemplates:
          - metadata: {name: data}
            spec:
              accessModes: [ReadWriteOnce]
              resources: {requests: {storage: 2Gi}}
        """), W);
    assertThat(names(pods(c, "default"))).containsExactly("db-0");
    Manifest revision = only(c, REVISION, "default");
    Manifest sts = c.get(STS, "default", "db").orElseThrow();
    assertOwnedBy(revision, sts);
    assertThat(revision.name()).matches("db-[bcdfghjklmnpqrstvwxz2456789]{10}");
    assertThat(num(revision, "/revision")).isEqualTo(1);
    assertThat(text(revision, "/data/spec/template/$patch")).isEqualTo("replace");
    Manifest db0 = c.get(POD, "default", "db-0").orElseThrow();
    assertThat(db0.labels()).containsEntry("controller-revision-hash", revision.name())
        .containsEntry("statefulset.kubernetes.io/pod-name", "db-0")
        .containsEntry("apps.kubernetes.io/pod-index", "0");
    assertThat(text(db0, "/spec/hostname")).isEqualTo("db-0");
    assertThat(text(db0, "/spec/subdomain")).isEqualTo("db");
    assertThat(text(db0, "/spec/volumes/0/persistentVolumeClaim/claimName"))
        .isEqualTo("data-db-0");
    assertThat(health(sts)).isEqualTo("Progressing");
    c.clock().advance(Duration.ofSeconds(1));
    assertThat(text(c.get(PVC, "default", "data-db-0").orElseThrow(), "/status/phase"))
        .isEqualTo("Bound");
    c.clock().advance(Duration.ofSeconds(1));
    assertThat(text(c.get(POD, "default", "db-0").orElseThrow(), "/status/phase"))
        .as("starts 2 s after its claim is bound").isEqualTo("Pending");
    c.clock().advance(Duration.ofSeconds(2));
    assertThat(names(pods(c, "default"))).containsExactly("db-0", "db-1");
    advance(c, 12);
    sts = c.get(STS, "default", "db").orElseThrow();
    assertThat(num(sts, "/status/replicas")).isEqualTo(3);
    assertThat(num(sts, "/status/readyReplicas")).isEqualTo(3);
    assertThat(num(sts, "/status/availableReplicas")).isEqualTo(3);
    assertThat(num(sts, "/status/currentReplicas")).isEqualTo(3);
    assertThat(num(sts, "/status/updatedReplicas")).isEqualTo(3);
    assertThat(text(sts, "/status/currentRevision")).isEqualTo(revision.name());
    assertThat(text(sts, "/status/updateRevision")).isEqualTo(revision.name());
    assertThat(num(sts, "/status/observedGeneration")).isEqualTo(1);
    assertThat(health(sts)).isEqualTo("Healthy");
    assertThat(c.list(PVC, ListOptions.inNamespace("default")).items())
        .extracting(Manifest::name).containsExactly("data-db-0", "data-db-1", "data-db-2");
    assertThat(c.get(PVC, "default", "data-db-2").orElseThrow().labels())
        .containsEntry("app", "db");

    c.edit(STS, "default", "db", root -> root.with("spec", spec(root)
        .with("replicas", JsonNumber.of(1))));
    assertThat(names(pods(c, "default"))).containsExactly("db-0");
    assertThat(c.list(PVC, ListOptions.inNamespace("default")).items()).as("claims retained")
        .hasSize(3);
  }

  @Test
  void statefulSet_rollingUpdate_replacesPodsFromTheTop_andHonoursThePartition() {
    SimulatedCluster c = cluster();
    c.create(yaml("""
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: web, namespace: default}
        spec:
          replicas: 3
          selector: {matchLabels: {app: web}}
          updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 1}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - {name: app, image: "nginx:1.27"}
        """), W);
    advance(c, 10);
    String first = text(c.get(STS, "default", "web").orElseThrow(), "/status/updateRevision");
    c.edit(STS, "default", "web", root -> root.with("spec", spec(root).with("template",
        template(root).with("spec", JsonObject.of("containers", JsonArray.of(JsonObject.builder()
            .put("name", "app").put("image", "nginx:1.28").build()))))));
    Manifest sts = c.get(STS, "default", "web").orElseThrow();
    String second = text(sts, "/status/updateRevision");
    assertThat(second).isNotEqualTo(first);
    assertThat(byName(pods(c, "default"), "/metadata/labels/controller-revision-hash"))
        .as("web-2 replaced first, web-1 waits for it")
        .containsEntry("web-1", "\"" + first + "\"")
        .containsEntry("web-2", "\"" + second + "\"");
    assertThat(ready(c.get(POD, "default", "web-2").orElseThrow())).isFalse();
    assertThat(health(sts)).isEqualTo("Progressing");
    advance(c, 10);
    sts = c.get(STS, "default", "web").orElseThrow();
    assertThat(byName(pods(c, "default"), "/metadata/labels/controller-revision-hash"))
        .containsEntry("web-0", "\"" + first + "\"")
        .containsEntry("web-1", "\"" + second + "\"")
        .containsEntry("web-2", "\"" + second + "\"");
    assertThat(num(sts, "/status/updatedReplicas")).isEqualTo(2);
    assertThat(num(sts, "/status/currentReplicas")).isEqualTo(1);
    assertThat(text(sts, "/status/currentRevision")).isEqualTo(first);
    assertThat(health(sts)).as("partitioned roll out complete").isEqualTo("Healthy");
    assertThat(c.list(REVISION, ListOptions.inNamespace("default")).items()).hasSize(2);

    c.edit(STS, "default", "web", root -> root.with("spec", spec(root).with("updateStrategy",
        JsonObject.of("type", JsonString.of("RollingUpdate")))));
    advance(c, 10);
    sts = c.get(STS, "default", "web").orElseThrow();
    assertThat(num(sts, "/status/updatedReplicas")).isEqualTo(3);
    assertThat(text(sts, "/status/currentRevision")).isEqualTo(second);
    assertThat(num(sts, "/status/currentReplicas")).isEqualTo(3);
    assertThat(health(sts)).isEqualTo("Healthy");
  }

  @Test
  void statefulSet_onDelete_updatesOnlyPodsThatAreDeleted() {
    SimulatedCluster c = cluster();
    c.create(yaml("""
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: web, namespace: default}
        spec:
          replicas: 2
          podManagementPolicy: Parallel
          selector: {matchLabels: {app: web}}
          updateStrategy: {type: OnDelete}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - {name: app, image: "nginx:1.27"}
        """), W);
    assertThat(names(pods(c, "default"))).as("Parallel").containsExactly("web-0", "web-1");
    c.clock().advance(Duration.ofSeconds(2));
    String first = text(c.get(STS, "default", "web").orElseThrow(), "/status/currentRevision");
    c.edit(STS, "default", "web", root -> root.with("spec", spec(root).with("template",
        template(root).with("spec", JsonObject.of("containers", JsonArray.of(JsonObject.builder()
            .put("name", "app").put("image", "nginx:1.28").build()))))));
    advance(c, 5);
    Manifest sts = c.get(STS, "default", "web").orElseThrow();
    assertThat(text(sts, "/status/updateRevision")).isNotEqualTo(first);
    assertThat(text(sts, "/status/currentRevision")).isEqualTo(first);
    assertThat(sts.at("/status/updatedReplicas")).isEmpty();
    assertThat(health(sts)).isEqualTo("Healthy");
    c.delete(POD, "default", "web-1", DeleteOptions.defaults());
    assertThat(c.get(POD, "default", "web-1").orElseThrow().label("controller-revision-hash"))
        .contains(text(sts, "/status/updateRevision"));
    assertThat(c.get(POD, "default", "web-0").orElseThrow().label("controller-revision-hash"))
        .contains(first);
  }

  // ---------------------------------------------------------------- daemon sets

  @Test
  void daemonSet_runsOnePodPerNode_andRollsOutANewTemplate() {
    SimulatedCluster c = cluster();
    c.create(yaml("""
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent, namespace: kube-system}
        spec:
          selector: {matchLabels: {app: agent}}
          template:
            metadata: {labels: {app: agent}}
            spec:
              containers:
              - {name: agent, image: "fluent-bit:3"}
        """), W);
    Manifest ds = c.get(DS, "kube-system", "agent").orElseThrow();
    assertThat(byName(pods(c, "kube-system"), "/spec/nodeName").values())
        .containsExactlyInAnyOrder("\"node-1\"", "\"node-2\"", "\"node-3\"");
    assertThat(num(ds, "/status/desiredNumberScheduled")).isEqualTo(3);
    assertThat(num(ds, "/status/currentNumberScheduled")).isEqualTo(3);
    assertThat(num(ds, "/status/numberReady")).isZero();
    assertThat(num(ds, "/status/numberUnavailable")).isEqualTo(3);
    assertThat(health(ds)).isEqualTo("Progressing");
    c.clock().advance(Duration.ofSeconds(2));
    ds = c.get(DS, "kube-system", "agent").orElseThrow();
    assertThat(num(ds, "/status/numberReady")).isEqualTo(3);
    assertThat(num(ds, "/status/numberAvailable")).isEqualTo(3);
    assertThat(num(ds, "/status/updatedNumberScheduled")).isEqualTo(3);
    assertThat(num(ds, "/status/numberMisscheduled")).isZero();
    assertThat(ds.at("/status/numberUnavailable")).isEmpty();
    assertThat(num(ds, "/status/observedGeneration")).isEqualTo(1);
    assertThat(health(ds)).isEqualTo("Healthy");
    String hash = pods(c, "kube-system").get(0).label("controller-revision-hash").orElseThrow();
    assertThat(c.get(REVISION, "kube-system", "agent-" + hash)).isPresent();

    c.edit(DS, "kube-system", "agent", root -> root.with("spec", spec(root).with("template",
        template(root).with("spec", JsonObject.of("containers", JsonArray.of(JsonObject.builder()
            .put("name", "agent").put("image", "fluent-bit:4").build()))))));
    for (int second = 0; second < 8; second++) {
      long ready = pods(c, "kube-system").stream().filter(ControllersTest::ready).count();
      assertThat(ready).as("maxUnavailable 1 at %ds", second).isGreaterThanOrEqualTo(2);
      c.clock().advance(Duration.ofSeconds(1));
    }
    ds = c.get(DS, "kube-system", "agent").orElseThrow();
    assertThat(num(ds, "/status/updatedNumberScheduled")).isEqualTo(3);
    assertThat(pods(c, "kube-system")).hasSize(3)
        .noneMatch(p -> p.label("controller-revision-hash").orElse("").equals(hash));
    assertThat(health(ds)).isEqualTo("Healthy");

    c.delete(NODE, "", "node-3", DeleteOptions.defaults());
    ds = c.get(DS, "kube-system", "agent").orElseThrow();
    assertThat(num(ds, "/status/desiredNumberScheduled")).isEqualTo(2);
    assertThat(pods(c, "kube-system")).hasSize(2);
  }

  // ---------------------------------------------------------------- jobs

  @Test
  void job_runsItsPodToCompletion() {
    SimulatedCluster c = cluster();
    c.create(job("migrate", "busybox:1", "", "backoffLimit: 6"), W);
    Manifest pod = only(c, POD, "default");
    assertThat(pod.labels()).containsEntry("job-name", "migrate")
        .containsEntry("batch.kubernetes.io/job-name", "migrate");
    Manifest job = c.get(JOB, "default", "migrate").orElseThrow();
    assertOwnedBy(pod, job);
    assertThat(text(job, "/status/startTime")).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(num(job, "/status/active")).isEqualTo(1);
    assertThat(num(job, "/status/ready")).isZero();
    assertThat(job.at("/status/uncountedTerminatedPods")).contains(JsonObject.empty());
    assertThat(health(job)).isEqualTo("Progressing");
    c.clock().advance(Duration.ofSeconds(2));
    assertThat(num(c.get(JOB, "default", "migrate").orElseThrow(), "/status/ready")).isEqualTo(1);
    pod = only(c, POD, "default");
    assertThat(health(pod)).as("a running Never pod").isEqualTo("Progressing");
    c.clock().advance(Duration.ofSeconds(5));
    pod = only(c, POD, "default");
    assertThat(text(pod, "/status/phase")).isEqualTo("Succeeded");
    assertThat(text(pod, "/status/containerStatuses/0/state/terminated/reason"))
        .isEqualTo("Completed");
    assertCondition(pod, "Ready", "False", "PodCompleted", null);
    assertThat(health(pod)).isEqualTo("Healthy");
    job = c.get(JOB, "default", "migrate").orElseThrow();
    assertThat(num(job, "/status/succeeded")).isEqualTo(1);
    assertThat(job.at("/status/active")).isEmpty();
    assertThat(text(job, "/status/completionTime")).isEqualTo("2026-01-01T00:00:07Z");
    assertCondition(job, "SuccessCriteriaMet", "True", "CompletionsReached",
        "Reached expected number of succeeded pods");
    assertCondition(job, "Complete", "True", "CompletionsReached",
        "Reached expected number of succeeded pods");
    assertThat(health(job)).isEqualTo("Healthy");
  }

  @Test
  void job_durationAnnotation_andParallelCompletions() {
    SimulatedCluster c = cluster();
    c.create(job("batch", "busybox:1", "testkit.gitopskit.io/duration: 30s",
        "completions: 3\n  parallelism: 2"), W);
    assertThat(pods(c, "default")).hasSize(2);
    c.clock().advance(Duration.ofSeconds(31));
    assertThat(num(c.get(JOB, "default", "batch").orElseThrow(), "/status/succeeded"))
        .isZero();
    c.clock().advance(Duration.ofSeconds(1));
    Manifest job = c.get(JOB, "default", "batch").orElseThrow();
    assertThat(num(job, "/status/succeeded")).isEqualTo(2);
    assertThat(num(job, "/status/active")).as("one completion left").isEqualTo(1);
    c.clock().advance(Duration.ofSeconds(32));
    job = c.get(JOB, "default", "batch").orElseThrow();
    assertThat(num(job, "/status/succeeded")).isEqualTo(3);
    assertThat(health(job)).isEqualTo("Healthy");
  }

  @Test
  void job_whosePodsFail_isRetried_untilTheBackoffLimit() {
    SimulatedCluster c = cluster();
    c.create(job("hook", "busybox:1", "testkit.gitopskit.io/outcome: fail", "backoffLimit: 1"),
        W);
    c.clock().advance(Duration.ofSeconds(7));
    Manifest pod = only(c, POD, "default");
    assertThat(text(pod, "/status/phase")).isEqualTo("Failed");
    assertThat(num(pod, "/status/containerStatuses/0/state/terminated/exitCode")).isEqualTo(1);
    assertThat(health(pod)).isEqualTo("Degraded");
    Manifest job = c.get(JOB, "default", "hook").orElseThrow();
    assertThat(num(job, "/status/failed")).isEqualTo(1);
    assertThat(health(job)).isEqualTo("Progressing");
    c.clock().advance(Duration.ofSeconds(9));
    assertThat(pods(c, "default")).as("retry waits 10 s").hasSize(1);
    c.clock().advance(Duration.ofSeconds(1));
    assertThat(pods(c, "default")).hasSize(2);
    c.clock().advance(Duration.ofSeconds(7));
    job = c.get(JOB, "default", "hook").orElseThrow();
    assertThat(num(job, "/status/failed")).isEqualTo(2);
    assertCondition(job, "FailureTarget", "True", "BackoffLimitExceeded",
        "Job has reached the specified backoff limit");
    assertCondition(job, "Failed", "True", "BackoffLimitExceeded",
        "Job has reached the specified backoff limit");
    assertThat(job.at("/status/completionTime")).isEmpty();
    assertThat(health(job)).isEqualTo("Degraded");
    advance(c, 60);
    assertThat(pods(c, "default")).as("no more retries").hasSize(2);
  }

  @Test
  void job_withACrashingImage_fails_andOneWithAnUnpullableImageWaits() {
    SimulatedCluster c = cluster();
    c.create(job("crash", "tool:crash", "", "backoffLimit: 0"), W);
    c.create(job("pull", "tool:broken", "", "backoffLimit: 0"), W);
    c.clock().advance(Duration.ofSeconds(120));
    assertCondition(c.get(JOB, "default", "crash").orElseThrow(), "Failed", "True",
        "BackoffLimitExceeded", "Job has reached the specified backoff limit");
    Manifest pull = c.get(JOB, "default", "pull").orElseThrow();
    assertThat(health(pull)).as("as on a real cluster").isEqualTo("Progressing");
    Manifest pod = c.list(POD, ListOptions.inNamespace("default").withSelector("job-name=pull"))
        .items().get(0);
    assertThat(text(pod, "/status/containerStatuses/0/state/waiting/reason"))
        .isEqualTo("ImagePullBackOff");
    assertThat(health(pod)).as("Never pods are not judged by waiting reasons")
        .isEqualTo("Progressing");
  }

  @Test
  void job_activeDeadline_andSuspension() {
    SimulatedCluster c = cluster();
    c.create(job("slow", "busybox:1", "testkit.gitopskit.io/duration: 1h",
        "activeDeadlineSeconds: 60"), W);
    c.create(job("later", "busybox:1", "", "suspend: true"), W);
    c.clock().advance(Duration.ofSeconds(60));
    Manifest slow = c.get(JOB, "default", "slow").orElseThrow();
    assertCondition(slow, "Failed", "True", "DeadlineExceeded",
        "Job was active longer than specified deadline");
    assertThat(c.list(POD, ListOptions.inNamespace("default").withSelector("job-name=slow"))
        .items()).as("active pods deleted").isEmpty();
    Manifest later = c.get(JOB, "default", "later").orElseThrow();
    assertCondition(later, "Suspended", "True", "JobSuspended", "Job suspended");
    assertThat(later.at("/status/startTime")).isEmpty();
    assertThat(health(later)).isEqualTo("Suspended");
    c.edit(JOB, "default", "later", root -> root.with("spec", spec(root).with("suspend",
        JsonBoolean.FALSE)));
    later = c.get(JOB, "default", "later").orElseThrow();
    assertCondition(later, "Suspended", "False", "JobResumed", "Job resumed");
    assertThat(text(later, "/status/startTime")).isEqualTo("2026-01-01T00:01:00Z");
    c.clock().advance(Duration.ofSeconds(7));
    assertThat(health(c.get(JOB, "default", "later").orElseThrow())).isEqualTo("Healthy");
  }

  // ---------------------------------------------------------------- services and volumes

  @Test
  void loadBalancerService_andIngress_getAnAddressShortlyAfterCreation() {
    SimulatedCluster c = cluster();
    c.create(yaml("apiVersion: v1\nkind: Service\nmetadata: {name: a, namespace: default}\n"
        + "spec: {type: LoadBalancer, ports: [{port: 80}]}\n"), W);
    c.create(yaml("apiVersion: v1\nkind: Service\nmetadata: {name: b, namespace: default}\n"
        + "spec: {type: LoadBalancer, ports: [{port: 80}]}\n"), W);
    c.create(yaml("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web,"
        + " namespace: default}\nspec: {defaultBackend: {service: {name: a, port: {number:"
        + " 80}}}}\n"), W);
    Manifest a = c.get(SVC, "default", "a").orElseThrow();
    assertThat(health(a)).isEqualTo("Progressing");
    assertThat(health(c.get(INGRESS, "default", "web").orElseThrow()))
        .isEqualTo("Progressing");
    c.clock().advance(Duration.ofSeconds(1));
    a = c.get(SVC, "default", "a").orElseThrow();
    assertThat(a.at("/status/loadBalancer/ingress")).contains(JsonArray.of(JsonObject.builder()
        .put("ip", "192.0.2.1").put("ipMode", "VIP").build()));
    assertThat(text(c.get(SVC, "default", "b").orElseThrow(),
        "/status/loadBalancer/ingress/0/ip")).isEqualTo("192.0.2.2");
    assertThat(health(a)).isEqualTo("Healthy");
    Manifest ingress = c.get(INGRESS, "default", "web").orElseThrow();
    assertThat(text(ingress, "/status/loadBalancer/ingress/0/ip")).isEqualTo("198.51.100.10");
    assertThat(health(ingress)).isEqualTo("Healthy");
    c.edit(SVC, "default", "a", root -> root.with("spec", spec(root)
        .with("type", JsonString.of("ClusterIP"))));
    assertThat(c.get(SVC, "default", "a").orElseThrow().at("/status/loadBalancer"))
        .contains(JsonObject.empty());
  }

  @Test
  void claims_areBoundToAProvisionedVolume_unlessTheirClassIsMissing() {
    SimulatedCluster c = cluster();
    c.create(yaml("""
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: data, namespace: default}
        spec:
          accessModes: [ReadWriteOnce]
          resources: {requests: {storage: 2Gi}}
        """), W);
    c.create(yaml("""
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: orphan, namespace: default}
        spec:
          storageClassName: fast-ssd
          accessModes: [ReadWriteOnce]
          resources: {requests: {storage: 1Gi}}
        """), W);
    Manifest pvc = c.get(PVC, "default", "data").orElseThrow();
    assertThat(text(pvc, "/status/phase")).isEqualTo("Pending");
    assertThat(text(pvc, "/spec/storageClassName")).isEqualTo("standard");
    assertThat(health(pvc)).isEqualTo("Progressing");
    c.clock().advance(Duration.ofSeconds(1));
    pvc = c.get(PVC, "default", "data").orElseThrow();
    String volume = "pvc-" + pvc.metadata().getString("uid").orElseThrow();
    assertThat(text(pvc, "/spec/volumeName")).isEqualTo(volume);
    assertThat(text(pvc, "/status/phase")).isEqualTo("Bound");
    assertThat(text(pvc, "/status/capacity/storage")).isEqualTo("2Gi");
    assertThat(text(pvc, "/status/accessModes/0")).isEqualTo("ReadWriteOnce");
    assertThat(pvc.annotations()).containsEntry("pv.kubernetes.io/bind-completed", "yes")
        .containsEntry("pv.kubernetes.io/bound-by-controller", "yes");
    assertThat(health(pvc)).isEqualTo("Healthy");
    Manifest pv = c.get(PV, "", volume).orElseThrow();
    assertThat(text(pv, "/status/phase")).isEqualTo("Bound");
    assertThat(text(pv, "/spec/claimRef/name")).isEqualTo("data");
    assertThat(text(pv, "/spec/persistentVolumeReclaimPolicy")).isEqualTo("Delete");
    Manifest orphan = c.get(PVC, "default", "orphan").orElseThrow();
    assertThat(text(orphan, "/status/phase")).isEqualTo("Pending");
    assertThat(health(orphan)).isEqualTo("Progressing");

    c.delete(PVC, "default", "data", DeleteOptions.defaults());
    assertThat(c.get(PV, "", volume)).as("reclaim policy Delete").isEmpty();
  }

  @Test
  void waitForFirstConsumerClaims_areBoundOnceAPodUsesThem() {
    SimulatedCluster c = cluster();
    c.create(yaml("""
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata: {name: local}
        provisioner: rancher.io/local-path
        reclaimPolicy: Retain
        volumeBindingMode: WaitForFirstConsumer
        """), W);
    c.create(yaml("""
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: cache, namespace: default}
        spec:
          storageClassName: local
          accessModes: [ReadWriteOnce]
          resources: {requests: {storage: 5Gi}}
        """), W);
    c.clock().advance(Duration.ofSeconds(30));
    assertThat(text(c.get(PVC, "default", "cache").orElseThrow(), "/status/phase"))
        .isEqualTo("Pending");
    c.create(yaml("""
        apiVersion: v1
        kind: Pod
        metadata: {name: user, namespace: default}
        spec:
          containers:
          - {name: app, image: "busybox:1"}
          volumes:
          - {name: cache, persistentVolumeClaim: {claimName: cache}}
        """), W);
    Manifest pvc = c.get(PVC, "default", "cache").orElseThrow();
    assertThat(text(pvc, "/status/phase")).isEqualTo("Bound");
    assertThat(pvc.annotations()).containsEntry("volume.kubernetes.io/selected-node",
        text(c.get(POD, "default", "user").orElseThrow(), "/spec/nodeName"));
    c.clock().advance(Duration.ofSeconds(2));
    assertThat(health(c.get(POD, "default", "user").orElseThrow())).isEqualTo("Healthy");
    String volume = text(pvc, "/spec/volumeName");
    c.delete(POD, "default", "user", DeleteOptions.defaults());
    c.delete(PVC, "default", "cache", DeleteOptions.defaults());
    assertThat(text(c.get(PV, "", volume).orElseThrow(), "/status/phase"))
        .as("reclaim policy Retain").isEqualTo("Released");
  }

  // ---------------------------------------------------------------- the loop

  @Test
  void sameSeedAndSteps_giveIdenticalClusters() {
    List<List<Manifest>> runs = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      SimulatedCluster c = cluster();
      c.create(deployment("web", 3, "nginx:1.27"), W);
      c.create(job("once", "busybox:1", "", "backoffLimit: 2"), W);
      advance(c, 3);
      setImage(c, "web", "nginx:crash");
      advance(c, 30);
      runs.add(c.objects());
    }
    assertThat(runs.get(0)).isEqualTo(runs.get(1));
    SimulatedCluster other = SimulatedCluster.builder().seed(7).build();
    other.create(deployment("web", 3, "nginx:1.27"), W);
    assertThat(names(pods(other, "default"))).doesNotContainAnyElementsOf(
        names(runs.get(0).stream().filter(m -> m.kind().equals("Pod")).toList()));
  }

  @Test
  void controllersThatNeverSettle_failLoudly() {
    SimulatedCluster c = SimulatedCluster.builder()
        .mutator((obj, old) -> obj.kind().equals("ReplicaSet") && old.isPresent()
            ? obj.with("/spec/replicas", JsonNumber.of(1)).withAnnotation("flip",
                old.get().annotation("flip").orElse("a").equals("a") ? "b" : "a")
            : obj)
        .build();
    c.create(deployment("web", 1, "nginx:1.27"), W);
    assertThatThrownBy(() -> c.edit(DEPLOY, "default", "web", root -> root.with("spec",
        spec(root).with("replicas", JsonNumber.of(3)))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("did not settle after 50 passes");
  }

  // ---------------------------------------------------------------- helpers

  static SimulatedCluster cluster() {
    return SimulatedCluster.builder().seed(42).failingImage(":broken").crashingImage(":crash")
        .build();
  }

  static Manifest yaml(String text) {
    return ManifestLoader.defaults().loadYaml(text, "test.yaml").asList().get(0);
  }

  static Manifest deployment(String name, int replicas, String image) {
    return yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: %s, namespace: default}
        spec:
          replicas: %d
          selector: {matchLabels: {app: %s}}
          template:
            metadata: {labels: {app: %s}}
            spec:
              containers:
              - {name: app, image: "%s"}
        """.formatted(name, replicas, name, name, image));
  }

  static Manifest job(String name, String image, String annotation, String specLines) {
    return yaml("""
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: %s
          namespace: default
          annotations: {%s}
        spec:
          %s
          template:
            spec:
              restartPolicy: Never
              containers:
              - {name: main, image: "%s"}
        """.formatted(name, annotation, specLines, image));
  }

  static Manifest deploy(SimulatedCluster c, String name) {
    return c.get(DEPLOY, "default", name).orElseThrow();
  }

  static void setImage(SimulatedCluster c, String name, String image) {
    c.edit(DEPLOY, "default", name, root -> root.with("spec",
        spec(root).with("template", template(root).with("spec", JsonObject.of("containers",
            JsonArray.of(JsonObject.builder().put("name", "app").put("image", image)
                .build()))))));
  }

  static JsonObject spec(JsonObject root) {
    return root.getObject("spec").orElseThrow();
  }

  static JsonObject template(JsonObject root) {
    return spec(root).getObject("template").orElseThrow();
  }

  /** Advances the clock one second at a time. */
  static void advance(SimulatedCluster c, int seconds) {
    for (int i = 0; i < seconds; i++) {
      c.clock().advance(Duration.ofSeconds(1));
    }
  }

  static Manifest only(SimulatedCluster c, GroupVersionKind kind, String ns) {
    List<Manifest> items = c.list(kind, ListOptions.inNamespace(ns)).items();
    assertThat(items).as(kind.kind() + " in " + ns).hasSize(1);
    return items.get(0);
  }

  static List<Manifest> pods(SimulatedCluster c, String ns) {
    return c.list(POD, ListOptions.inNamespace(ns)).items();
  }

  static boolean ready(Manifest pod) {
    JsonObject c = findCondition(pod, "Ready");
    return c != null && "True".equals(c.getString("status").orElse(""));
  }

  /** The health code the real built-in checks give, or "None" for no health. */
  static String health(Manifest m) {
    return HealthChecks.builtIn().assess(m).map(h -> h.code().wireName()).orElse("None");
  }

  static JsonObject findCondition(Manifest m, String type) {
    JsonObject status = m.root().getObject("status").orElse(JsonObject.empty());
    for (JsonValue v : status.getArray("conditions").orElse(JsonArray.empty()).items()) {
      if (v instanceof JsonObject c && c.getString("type").orElse("").equals(type)) {
        return c;
      }
    }
    return null;
  }

  static long num(Manifest m, String pointer) {
    return m.at(pointer).map(v -> ((JsonNumber) v).longValue()).orElse(0L);
  }

  static String text(Manifest m, String pointer) {
    JsonValue v = m.at(pointer).orElseThrow(() -> new AssertionError("no " + pointer
        + " in " + m.kind() + " " + m.name()));
    return ((JsonString) v).value();
  }

  static JsonObject condition(Manifest m, String type) {
    JsonObject c = findCondition(m, type);
    assertThat(c).as("condition " + type + " of " + m.kind() + " " + m.name()).isNotNull();
    return c;
  }

  /** Asserts a condition's status, reason and message exactly (null: absent). */
  static void assertCondition(Manifest m, String type, String status, String reason,
      String message) {
    JsonObject c = condition(m, type);
    assertThat(c.getString("status")).as(type + " status").contains(status);
    assertThat(c.getString("reason").orElse(null)).as(type + " reason").isEqualTo(reason);
    assertThat(c.getString("message").orElse(null)).as(type + " message").isEqualTo(message);
  }

  static String text(JsonObject o, String key) {
    return o.getString(key).orElseThrow(() -> new AssertionError("no " + key + " in " + o));
  }

  static void assertOwnedBy(Manifest child, Manifest owner) {
    JsonObject ref = (JsonObject) child.at("/metadata/ownerReferences/0").orElseThrow();
    assertThat(ref.getString("kind")).contains(owner.kind());
    assertThat(ref.getString("name")).contains(owner.name());
    assertThat(ref.getString("uid")).isEqualTo(owner.metadata().getString("uid"));
    assertThat(ref.getOrNull("controller")).isEqualTo(JsonBoolean.TRUE);
    assertThat(ref.getOrNull("blockOwnerDeletion"))
        .isEqualTo(JsonBoolean.TRUE);
  }

  static Map<String, String> byName(List<Manifest> items, String pointer) {
    Map<String, String> out = new TreeMap<>();
    for (Manifest m : items) {
      out.put(m.name(), m.at(pointer).map(Object::toString).orElse(""));
    }
    return out;
  }

  static List<String> names(List<Manifest> items) {
    List<String> out = new ArrayList<>();
    items.forEach(m -> out.add(m.name()));
    return out;
  }
}
