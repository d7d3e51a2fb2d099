package io.gitopskit.testkit.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.cluster.FieldCause;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.Manifest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The update rules of k8s-defaults.md §4, with the server's exact texts. */
class ImmutabilityTest {

  private static final ManifestLoader LOADER = ManifestLoader.defaults();

  private static Manifest yaml(String text) {
    return LOADER.loadYaml(text, "fixture.yaml").asList().get(0);
  }

  private static List<String> check(Manifest oldObj, Manifest newObj) {
    return Immutability.check(oldObj, newObj).stream().map(FieldCause::toString).toList();
  }

  /** The full 422 message for an update. */
  private static String message(Manifest oldObj, Manifest newObj) {
    return ApiErrors.invalid(newObj.groupKind(), newObj.name(),
        Immutability.check(oldObj, newObj)).getMessage();
  }

  private static final Manifest DEPLOYMENT = yaml("""
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: shop
        uid: 0b7e-1
        generation: 3
        creationTimestamp: "2024-01-01T00:00:00Z"
      spec:
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: c, image: "nginx:1"}]
      """);

  @Test
  void unchangedAndAllowedUpdatesPass() {
    assertThat(Immutability.check(DEPLOYMENT, DEPLOYMENT)).isEmpty();
    Manifest scaled = DEPLOYMENT.with("/spec/replicas", JsonNumber.of(5))
        .with("/spec/template/spec/containers/0/image", JsonString.of("nginx:2"))
        .withLabel("tier", "web").with("/metadata/generation", JsonNumber.of(4));
    assertThat(Immutability.check(DEPLOYMENT, scaled)).isEmpty();
  }

  @Test
  void deploymentSelectorIsImmutable() {
    Manifest changed = DEPLOYMENT.with("/spec/selector", yaml("""
        apiVersion: v1
        kind: X
        metadata: {name: x}
        sel:
          matchLabels: {app: web2}
          matchExpressions: [{key: tier, operator: In, values: [front]}]
        """).root().getOrNull("sel"));
    List<FieldCause> causes = Immutability.check(DEPLOYMENT, changed);
    assertThat(causes).containsExactly(new FieldCause("FieldValueInvalid",
        "Invalid value: {\"matchLabels\":{\"app\":\"web2\"},\"matchExpressions\":[{\"key\":"
            + "\"tier\",\"operator\":\"In\",\"values\":[\"front\"]}]}: field is immutable",
        "spec.selector"));
    assertThat(message(DEPLOYMENT, DEPLOYMENT.with("/spec/selector/matchLabels/app",
        JsonString.of("b")))).isEqualTo("Deployment.apps \"web\" is invalid: spec.selector: "
            + "Invalid value: {\"matchLabels\":{\"app\":\"b\"}}: field is immutable");
  }

  @Test
  void replicaSetAndDaemonSetSelectorsAreImmutable() {
    for (String kind : new String[] {"ReplicaSet", "DaemonSet"}) {
      Manifest old = DEPLOYMENT.with("/kind", JsonString.of(kind));
      assertThat(check(old, old.with("/spec/selector/matchLabels/app", JsonString.of("x"))))
          .containsExactly("spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"x\"}}: "
              + "field is immutable");
    }
  }

  @Test
  void metadataRules() {
    Manifest changed = DEPLOYMENT.with("/metadata/uid", JsonString.of("other"))
        .with("/metadata/generation", JsonNumber.of(1))
        .with("/metadata/creationTimestamp", JsonString.of("2024-02-02T00:00:00Z"))
        .withNamespace("prod");
    assertThat(check(DEPLOYMENT, changed)).containsExactly(
        "metadata.generation: Invalid value: 1: must not be decremented",
        "metadata.namespace: Invalid value: \"prod\": field is immutable",
        "metadata.uid: Invalid value: \"other\": field is immutable",
        "metadata.creationTimestamp: Invalid value: \"2024-02-02T00:00:00Z\": field is immutable");
    assertThat(message(DEPLOYMENT, DEPLOYMENT.withName("web2"))).isEqualTo(
        "Deployment.apps \"web2\" is invalid: metadata.name: Invalid value: \"web2\": field is "
            + "immutable");
  }

  @Test
  void noNewFinalizersWhileDeleting() {
    Manifest deleting = DEPLOYMENT
        .with("/metadata/deletionTimestamp", JsonString.of("2024-03-03T00:00:00Z"))
        .with("/metadata/deletionGracePeriodSeconds", JsonNumber.of(0))
        .with("/metadata/finalizers", JsonArray.of(JsonString.of("keep")));
    Manifest added = deleting.with("/metadata/finalizers", JsonArray.of(JsonString.of("keep"),
        JsonString.of("z.example.com/x"), JsonString.of("a.example.com/y")));
    assertThat(check(deleting, added)).containsExactly("metadata.finalizers: Forbidden: no new "
        + "finalizers can be added if the object is being deleted, found new finalizers "
        + "[]string{\"a.example.com/y\", \"z.example.com/x\"}");
    assertThat(check(deleting, deleting.without("/metadata/finalizers"))).isEmpty();
    assertThat(check(deleting, deleting.without("/metadata/deletionGracePeriodSeconds")))
        .containsExactly("metadata.deletionGracePeriodSeconds: Invalid value: null: field is "
            + "immutable");
  }

  @Test
  void severalCausesAreBracketed() {
    Manifest changed = DEPLOYMENT.with("/metadata/generation", JsonNumber.of(2))
        .with("/spec/selector/matchLabels/app", JsonString.of("b"));
    assertThat(message(DEPLOYMENT, changed)).isEqualTo("Deployment.apps \"web\" is invalid: "
        + "[metadata.generation: Invalid value: 2: must not be decremented, spec.selector: "
        + "Invalid value: {\"matchLabels\":{\"app\":\"b\"}}: field is immutable]");
  }

  private static final Manifest STATEFUL_SET = yaml("""
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: db}
      spec:
        serviceName: db
        selector: {matchLabels: {app: db}}
        template:
          metadata: {labels: {app: db}}
          spec:
            containers: [{name: c, image: "postgres:16"}]
        volumeClaimTemplates:
        - metadata: {name: data}
          spec:
            accessModes: [ReadWriteOnce]
            resources: {requests: {storage: 10Gi}}
      """);

  @Test
  void statefulSetSpecIsMostlyImmutable() {
    Manifest bigger = STATEFUL_SET.with("/spec/volumeClaimTemplates/0/spec/resources/requests"
        + "/storage", JsonString.of("20Gi"));
    assertThat(message(STATEFUL_SET, bigger)).isEqualTo("StatefulSet.apps \"db\" is invalid: "
        + "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', "
        + "'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', "
        + "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden");
    assertThat(check(STATEFUL_SET, STATEFUL_SET.with("/spec/serviceName", JsonString.of("x"))))
        .hasSize(1);
    Manifest allowed = STATEFUL_SET.with("/spec/replicas", JsonNumber.of(3))
        .with("/spec/minReadySeconds", JsonNumber.of(10))
        .with("/spec/revisionHistoryLimit", JsonNumber.of(2))
        .with("/spec/updateStrategy", JsonObject.of("type", JsonString.of("OnDelete")))
        .with("/spec/ordinals", JsonObject.of("start", JsonNumber.of(1)))
        .with("/spec/persistentVolumeClaimRetentionPolicy",
            JsonObject.of("whenDeleted", JsonString.of("Delete")))
        .with("/spec/template/spec/containers/0/image", JsonString.of("postgres:17"));
    assertThat(Immutability.check(STATEFUL_SET, allowed)).isEmpty();
    // spelling out what the server defaults is not a change
    Manifest explicit = STATEFUL_SET.with("/spec/podManagementPolicy",
        JsonString.of("OrderedReady")).with("/spec/volumeClaimTemplates/0/spec/volumeMode",
        JsonString.of("Filesystem"));
    assertThat(Immutability.check(STATEFUL_SET, explicit)).isEmpty();
  }

  private static final Manifest JOB = yaml("""
      apiVersion: batch/v1
      kind: Job
      metadata: {name: pi}
      spec:
        completions: 2
        selector: {matchLabels: {batch.kubernetes.io/controller-uid: u1}}
        template:
          metadata: {labels: {batch.kubernetes.io/controller-uid: u1}}
          spec:
            restartPolicy: Never
            containers: [{name: c, image: "perl:5"}]
      """);

  @Test
  void jobRules() {
    assertThat(check(JOB, JOB.with("/spec/completions", JsonNumber.of(3))))
        .containsExactly("spec.completions: Invalid value: 3: field is immutable");
    assertThat(check(JOB, JOB.with("/spec/completionMode", JsonString.of("Indexed"))))
        .containsExactly("spec.completionMode: Invalid value: \"Indexed\": field is immutable");
    assertThat(check(JOB, JOB.with("/spec/selector/matchLabels/x", JsonString.of("1"))))
        .containsExactly("spec.selector: Invalid value: {\"matchLabels\":{"
            + "\"batch.kubernetes.io/controller-uid\":\"u1\",\"x\":\"1\"}}: field is immutable");
    List<String> template = check(JOB, JOB.with("/spec/template/spec/containers/0/image",
        JsonString.of("perl:6")));
    assertThat(template).hasSize(1);
    assertThat(template.get(0)).startsWith("spec.template: Invalid value: {\"metadata\":")
        .contains("\"image\":\"perl:6\"").endsWith(": field is immutable");
    assertThat(Immutability.check(JOB, JOB.with("/spec/parallelism", JsonNumber.of(4))
        .with("/spec/suspend", JsonBoolean.TRUE).with("/spec/backoffLimit", JsonNumber.of(1))))
        .isEmpty();
  }

  @Test
  void indexedJobsScaleCompletionsWithParallelism() {
    Manifest indexed = JOB.with("/spec/completionMode", JsonString.of("Indexed"))
        .with("/spec/parallelism", JsonNumber.of(2));
    assertThat(Immutability.check(indexed, indexed.with("/spec/completions", JsonNumber.of(5))
        .with("/spec/parallelism", JsonNumber.of(5)))).isEmpty();
    assertThat(check(indexed, indexed.with("/spec/completions", JsonNumber.of(5))))
        .containsExactly("spec.completions: Invalid value: 5: can only be modified in tandem "
            + "with spec.parallelism");
  }

  @Test
  void suspendedJobsThatNeverStartedMayChangeSchedulingDirectives() {
    Manifest suspended = JOB.with("/spec/suspend", JsonBoolean.TRUE);
    Manifest moved = suspended
        .with("/spec/template/spec/nodeSelector", JsonObject.of("zone", JsonString.of("b")))
        .with("/spec/template/spec/tolerations", JsonArray.of(JsonObject.of("operator",
            JsonString.of("Exists"))))
        .with("/spec/template/metadata/annotations/queue", JsonString.of("gpu"));
    assertThat(Immutability.check(suspended, moved)).isEmpty();
    assertThat(check(JOB, moved.with("/spec/suspend", JsonBoolean.FALSE)))
        .singleElement().asString().startsWith("spec.template: Invalid value: ");
    Manifest started = suspended.with("/status/startTime", JsonString.of("2024-01-01T00:00:00Z"));
    assertThat(check(started, moved.with("/status", started.at("/status").orElseThrow())))
        .singleElement().asString().startsWith("spec.template: ");
    assertThat(check(suspended, moved.with("/spec/template/spec/containers/0/image",
        JsonString.of("perl:6")))).singleElement().asString().startsWith("spec.template: ");
  }

  private static final Manifest SERVICE = yaml("""
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        type: LoadBalancer
        loadBalancerClass: a
        selector: {app: web}
        clusterIP: 10.96.0.10
        clusterIPs: [10.96.0.10]
        ports: [{port: 80}]
      """);

  @Test
  void serviceClusterIpsAreImmutableOnceSet() {
    Manifest moved = SERVICE.with("/spec/clusterIP", JsonString.of("10.96.0.20"))
        .with("/spec/clusterIPs", JsonArray.of(JsonString.of("10.96.0.20")));
    assertThat(message(SERVICE, moved)).isEqualTo("Service \"web\" is invalid: "
        + "spec.clusterIPs[0]: Invalid value: [\"10.96.0.20\"]: may not change once set");
    assertThat(check(SERVICE, SERVICE.with("/spec/clusterIP", JsonString.of("10.96.0.30"))
        .without("/spec/clusterIPs"))).containsExactly(
            "spec.clusterIPs[0]: Invalid value: [\"10.96.0.30\"]: may not change once set");
    // an apply that leaves the allocated values out keeps them
    assertThat(Immutability.check(SERVICE, SERVICE.without("/spec/clusterIP")
        .without("/spec/clusterIPs"))).isEmpty();
    assertThat(check(SERVICE, SERVICE.with("/spec/loadBalancerClass", JsonString.of("b"))))
        .containsExactly("spec.loadBalancerClass: Invalid value: \"b\": may not change once set");
    Manifest external = SERVICE.with("/spec/type", JsonString.of("ExternalName"))
        .with("/spec/clusterIPs", JsonArray.of(JsonString.of("10.1.1.1")));
    assertThat(Immutability.check(SERVICE, external)).isEmpty();
  }

  @Test
  void headlessServicesStayHeadless() {
    Manifest headless = SERVICE.with("/spec/type", JsonString.of("ClusterIP"))
        .without("/spec/loadBalancerClass").with("/spec/clusterIP", JsonString.of("None"))
        .with("/spec/clusterIPs", JsonArray.of(JsonString.of("None")));
    assertThat(Immutability.check(headless, headless.withLabel("a", "b"))).isEmpty();
    Manifest toIp = headless.with("/spec/clusterIP", JsonString.of("10.96.0.5"))
        .with("/spec/clusterIPs", JsonArray.of(JsonString.of("10.96.0.5")));
    assertThat(check(headless, toIp)).containsExactly(
        "spec.clusterIPs[0]: Invalid value: [\"10.96.0.5\"]: may not change once set");
  }

  private static final Manifest CLAIM = yaml("""
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata: {name: data}
      spec:
        accessModes: [ReadWriteOnce]
        storageClassName: fast
        volumeName: pv-1
        resources: {requests: {storage: 10Gi}}
      status:
        phase: Bound
        capacity: {storage: 10Gi}
      """);

  @Test
  void claimSpecIsImmutableExceptRequestsOfBoundClaims() {
    assertThat(check(CLAIM, CLAIM.with("/spec/storageClassName", JsonString.of("slow"))))
        .containsExactly("spec: Forbidden: spec is immutable after creation except "
            + "resources.requests and volumeAttributesClassName for bound claims");
    assertThat(Immutability.check(CLAIM, CLAIM.with("/spec/resources/requests/storage",
        JsonString.of("20Gi")).with("/spec/volumeAttributesClassName", JsonString.of("gold"))))
        .isEmpty();
    Manifest pending = CLAIM.with("/status", JsonObject.of("phase", JsonString.of("Pending")))
        .without("/spec/volumeName");
    assertThat(check(pending, pending.with("/spec/resources/requests/storage",
        JsonString.of("20Gi")))).containsExactly("spec: Forbidden: spec is immutable after "
            + "creation except resources.requests and volumeAttributesClassName for bound claims");
    assertThat(Immutability.check(pending, pending.with("/spec/volumeName",
        JsonString.of("pv-9")))).isEmpty();
  }

  @Test
  void boundClaimsMayNotShrinkBelowCapacity() {
    assertThat(check(CLAIM, CLAIM.with("/spec/resources/requests/storage",
        JsonString.of("5Gi")))).containsExactly("spec.resources.requests.storage: Forbidden: "
            + "field can not be less than status.capacity");
    Manifest failedExpansion = CLAIM.with("/spec/resources/requests/storage",
        JsonString.of("30Gi"));
    assertThat(Immutability.check(failedExpansion, CLAIM.with("/spec/resources/requests/storage",
        JsonString.of("20Gi")))).isEmpty();
  }

  @Test
  void immutableConfigMapsAndSecrets() {
    Manifest cm = yaml("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings}
        immutable: true
        data: {a: "1"}
        """);
    assertThat(check(cm, cm.with("/data/a", JsonString.of("2"))))
        .containsExactly("data: Forbidden: field is immutable when `immutable` is set");
    assertThat(check(cm, cm.with("/immutable", JsonBoolean.FALSE)
        .with("/binaryData", JsonObject.of("b", JsonString.of("AA==")))))
        .containsExactly("immutable: Forbidden: field is immutable when `immutable` is set",
            "binaryData: Forbidden: field is immutable when `immutable` is set");
    Manifest mutable = cm.without("/immutable");
    assertThat(Immutability.check(mutable, mutable.with("/data/a", JsonString.of("2"))
        .with("/immutable", JsonBoolean.TRUE))).isEmpty();

    Manifest secret = yaml("""
        apiVersion: v1
        kind: Secret
        metadata: {name: creds}
        immutable: true
        stringData: {password: one}
        """);
    assertThat(check(secret, secret.with("/stringData/password", JsonString.of("two"))))
        .containsExactly("data: Forbidden: field is immutable when `immutable` is set");
    assertThat(Immutability.check(secret, secret.with("/type", JsonString.of("Opaque"))))
        .isEmpty();
  }

  @Test
  void secretTypeIsImmutable() {
    Manifest secret = yaml("""
        apiVersion: v1
        kind: Secret
        metadata: {name: tls}
        data: {a: YQ==}
        """);
    assertThat(message(secret, secret.with("/type", JsonString.of("kubernetes.io/tls"))))
        .isEqualTo("Secret \"tls\" is invalid: type: Invalid value: \"kubernetes.io/tls\": "
            + "field is immutable");
    assertThat(Immutability.check(secret, secret.with("/data/a", JsonString.of("Yg=="))))
        .isEmpty();
  }

  @Test
  void roleRefCannotChange() {
    Manifest rb = yaml("""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: rb, namespace: ns}
        roleRef: {kind: ClusterRole, name: view}
        subjects: [{kind: User, name: alice}]
        """);
    assertThat(message(rb, rb.with("/roleRef/name", JsonString.of("edit")))).isEqualTo(
        "RoleBinding.rbac.authorization.k8s.io \"rb\" is invalid: roleRef: Invalid value: "
            + "{\"APIGroup\":\"rbac.authorization.k8s.io\",\"Kind\":\"ClusterRole\","
            + "\"Name\":\"edit\"}: cannot change roleRef");
    assertThat(Immutability.check(rb, rb.with("/subjects/0/name", JsonString.of("bob"))
        .with("/roleRef/apiGroup", JsonString.of("rbac.authorization.k8s.io")))).isEmpty();
    Manifest crb = rb.with("/kind", JsonString.of("ClusterRoleBinding")).withNamespace("");
    assertThat(check(crb, crb.with("/roleRef/kind", JsonString.of("Role")))).containsExactly(
        "roleRef: Invalid value: {\"APIGroup\":\"rbac.authorization.k8s.io\",\"Kind\":\"Role\","
            + "\"Name\":\"view\"}: cannot change roleRef");
  }

  @Test
  void storageClassFields() {
    Manifest sc = yaml("""
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata: {name: fast}
        provisioner: ebs.csi.aws.com
        parameters: {type: gp3}
        """);
    Manifest changed = sc.with("/provisioner", JsonString.of("pd.csi.storage.gke.io"))
        .with("/parameters/type", JsonString.of("io2"))
        .with("/reclaimPolicy", JsonString.of("Retain"))
        .with("/volumeBindingMode", JsonString.of("WaitForFirstConsumer"));
    assertThat(message(sc, changed)).isEqualTo("StorageClass.storage.k8s.io \"fast\" is invalid: "
        + "[parameters: Forbidden: updates to parameters are forbidden., provisioner: Forbidden: "
        + "updates to provisioner are forbidden., reclaimPolicy: Forbidden: updates to "
        + "reclaimPolicy are forbidden., volumeBindingMode: Invalid value: "
        + "\"WaitForFirstConsumer\": field is immutable]");
    assertThat(Immutability.check(sc, sc.with("/allowVolumeExpansion", JsonBoolean.TRUE)
        .with("/reclaimPolicy", JsonString.of("Delete")))).isEmpty();
  }

  private static final Manifest POD = yaml("""
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        activeDeadlineSeconds: 600
        containers: [{name: c, image: "nginx:1", command: [nginx]}]
        tolerations: [{key: a, operator: Exists, effect: NoExecute, tolerationSeconds: 60}]
      """);

  @Test
  void podUpdatesAllowOnlyTheSimplifiedSet() {
    Manifest allowed = POD.with("/spec/containers/0/image", JsonString.of("nginx:2"))
        .with("/spec/activeDeadlineSeconds", JsonNumber.of(300))
        .with("/spec/terminationGracePeriodSeconds", JsonNumber.of(5))
        .with("/spec/tolerations/0/tolerationSeconds", JsonNumber.of(10))
        .with("/spec/tolerations/-", JsonObject.of("key", JsonString.of("b")));
    assertThat(Immutability.check(POD, allowed)).isEmpty();
    assertThat(message(POD, POD.with("/spec/containers/0/command",
        JsonArray.of(JsonString.of("sh"))))).isEqualTo("Pod \"p\" is invalid: spec: Forbidden: "
            + "pod updates may not change fields other than `spec.containers[*].image`,"
            + "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` "
            + "(only additions to existing tolerations),`spec.terminationGracePeriodSeconds` "
            + "(allow it to be set to 1 if it was previously negative)");
  }

  @Test
  void podSpecialCases() {
    assertThat(check(POD, POD.with("/spec/activeDeadlineSeconds", JsonNumber.of(900))))
        .containsExactly("spec.activeDeadlineSeconds: Invalid value: 900: must be less than or "
            + "equal to previous value");
    assertThat(check(POD, POD.without("/spec/activeDeadlineSeconds"))).containsExactly(
        "spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive "
            + "integer to nil value");
    assertThat(check(POD, POD.with("/spec/tolerations/0/effect", JsonString.of("NoSchedule"))))
        .containsExactly("spec.tolerations: Forbidden: existing toleration can not be modified "
            + "except its tolerationSeconds");
    assertThat(check(POD, POD.with("/spec/containers/-", JsonObject.of("name",
        JsonString.of("d"))))).containsExactly(
            "spec.containers: Forbidden: pod updates may not add or remove containers");
  }

  @Test
  void otherKindsOnlyCheckMetadata() {
    Manifest widget = yaml("""
        apiVersion: example.com/v1
        kind: Widget
        metadata: {name: w, uid: u}
        spec: {size: 1}
        """);
    assertThat(Immutability.check(widget, widget.with("/spec/size", JsonNumber.of(9))))
        .isEmpty();
    assertThat(check(widget, widget.with("/metadata/uid", JsonString.of("v"))))
        .containsExactly("metadata.uid: Invalid value: \"v\": field is immutable");
  }

  @Test
  void refusesDifferentKinds() {
    assertThatThrownBy(() -> Immutability.check(DEPLOYMENT, STATEFUL_SET))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different kinds");
  }
}
