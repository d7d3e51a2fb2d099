package io.gitopskit.core.defaults;

import static io.gitopskit.core.defaults.Fixtures.assertDefaults;
import static io.gitopskit.core.defaults.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.model.Manifest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Workload kinds (k8s-defaults.md §3.2 to §3.6). */
class WorkloadDefaultsTest {

  /** The template-default PodSpec of a single container {@code c} running {@code c:1}. */
  private static final String POD_SPEC = """
            spec:
              restartPolicy: Always
              terminationGracePeriodSeconds: 30
              dnsPolicy: ClusterFirst
              schedulerName: default-scheduler
              securityContext: {}
              containers:
              - name: c
                image: c:1
                imagePullPolicy: IfNotPresent
                terminationMessagePath: /dev/termination-log
                terminationMessagePolicy: File
                resources: {}
        """;

  @Test
  void deploymentRecreateHasNoRollingUpdate() {
    Manifest out = ServerDefaults.apply(yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d}
        spec:
          replicas: 3
          strategy: {type: Recreate}
          template:
            spec:
              containers: [{name: c, image: "c:1"}]
        """));
    assertThat(out.at("/spec/strategy").orElseThrow().toJson())
        .isEqualTo("{\"type\":\"Recreate\"}");
    assertThat(out.at("/spec/replicas")).contains(JsonNumber.of(3));
  }

  @Test
  void deploymentFillsPartialRollingUpdate() {
    Manifest out = ServerDefaults.apply(yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d}
        spec:
          strategy:
            rollingUpdate: {maxSurge: 1}
          template: {}
        """));
    assertThat(out.at("/spec/strategy").orElseThrow().toJson()).isEqualTo(
        "{\"rollingUpdate\":{\"maxSurge\":1,\"maxUnavailable\":\"25%\"},"
            + "\"type\":\"RollingUpdate\"}");
    assertThat(out.at("/spec/template/spec/restartPolicy")).contains(JsonString.of("Always"));
  }

  @Test
  void replicaSet() {
    assertDefaults("""
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: rs}
        spec:
          selector: {matchLabels: {app: a}}
          template:
            metadata: {labels: {app: a}}
            spec:
              containers: [{name: c, image: "c:1"}]
        """, """
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: rs}
        spec:
          replicas: 1
          selector: {matchLabels: {app: a}}
          template:
            metadata: {labels: {app: a}}
        """ + POD_SPEC);
  }

  @Test
  void replicationControllerCopiesTemplateLabels() {
    assertDefaults("""
        apiVersion: v1
        kind: ReplicationController
        metadata: {name: rc}
        spec:
          template:
            metadata: {labels: {app: a, tier: web}}
            spec:
              containers: [{name: c, image: "c:1"}]
        """, """
        apiVersion: v1
        kind: ReplicationController
        metadata:
          name: rc
          labels: {app: a, tier: web}
        spec:
          replicas: 1
          selector: {app: a, tier: web}
          template:
            metadata: {labels: {app: a, tier: web}}
        """ + POD_SPEC);
    Manifest own = ServerDefaults.apply(yaml("""
        apiVersion: v1
        kind: ReplicationController
        metadata: {name: rc, labels: {owner: me}}
        spec:
          selector: {app: a}
          template:
            metadata: {labels: {app: a, tier: web}}
        """));
    assertThat(own.labels()).containsExactly(Map.entry("owner", "me"));
    assertThat(own.at("/spec/selector").orElseThrow().toJson()).isEqualTo("{\"app\":\"a\"}");
  }

  @Test
  void statefulSet() {
    assertDefaults("""
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          serviceName: db
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec:
              containers: [{name: c, image: "c:1"}]
          volumeClaimTemplates:
          - metadata: {name: data}
            spec:
              accessModes: [ReadWriteOnce]
              resources: {requests: {storage: 10240Mi}}
        """, """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          serviceName: db
          replicas: 1
          revisionHistoryLimit: 10
          podManagementPolicy: OrderedReady
          persistentVolumeClaimRetentionPolicy: {whenDeleted: Retain, whenScaled: Retain}
          updateStrategy:
            type: RollingUpdate
            rollingUpdate: {partition: 0, maxUnavailable: 1}
          selector: {matchLabels: {app: db}}
          volumeClaimTemplates:
          - apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: data}
            spec:
              accessModes: [ReadWriteOnce]
              resources: {requests: {storage: 10Gi}}
              volumeMode: Filesystem
            status: {phase: Pending}
          template:
            metadata: {labels: {app: db}}
        """ + POD_SPEC);
  }

  @Test
  void statefulSetRollingUpdateIsOnlyCreatedWhenTheTypeWasEmpty() {
    Manifest explicit = ServerDefaults.apply(yaml("""
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: s}
        spec:
          updateStrategy: {type: RollingUpdate}
          persistentVolumeClaimRetentionPolicy: {whenDeleted: Delete}
        """));
    assertThat(explicit.at("/spec/updateStrategy").orElseThrow().toJson())
        .isEqualTo("{\"type\":\"RollingUpdate\"}");
    assertThat(explicit.at("/spec/persistentVolumeClaimRetentionPolicy").orElseThrow().toJson())
        .isEqualTo("{\"whenDeleted\":\"Delete\",\"whenScaled\":\"Retain\"}");
    Manifest onDelete = ServerDefaults.apply(yaml("""
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: s}
        spec:
          updateStrategy: {type: OnDelete}
        """));
    assertThat(onDelete.at("/spec/updateStrategy").orElseThrow().toJson())
        .isEqualTo("{\"type\":\"OnDelete\"}");
  }

  @Test
  void daemonSet() {
    assertDefaults("""
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent, namespace: kube-system}
        spec:
          selector: {matchLabels: {app: agent}}
          template:
            metadata: {labels: {app: agent}}
            spec:
              containers: [{name: c, image: "c:1"}]
        """, """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: agent
          namespace: kube-system
          annotations: {deprecated.daemonset.template.generation: "1"}
        spec:
          revisionHistoryLimit: 10
          updateStrategy:
            type: RollingUpdate
            rollingUpdate: {maxUnavailable: 1, maxSurge: 0}
          selector: {matchLabels: {app: agent}}
          template:
            metadata: {labels: {app: agent}}
        """ + POD_SPEC);
    Manifest bumped = ServerDefaults.apply(yaml("""
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: agent
          annotations: {deprecated.daemonset.template.generation: "4"}
        spec:
          updateStrategy: {type: OnDelete}
        """));
    assertThat(bumped.annotation(ServerDefaults.DAEMONSET_TEMPLATE_GENERATION)).contains("4");
    assertThat(bumped.at("/spec/updateStrategy").orElseThrow().toJson())
        .isEqualTo("{\"type\":\"OnDelete\"}");
  }

  @Test
  void job() {
    assertDefaults("""
        apiVersion: batch/v1
        kind: Job
        metadata: {name: migrate}
        spec:
          template:
            spec:
              restartPolicy: Never
              containers: [{name: c, image: "c:1"}]
        """, """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: migrate}
        spec:
          completions: 1
          parallelism: 1
          backoffLimit: 6
          completionMode: NonIndexed
          suspend: false
          podReplacementPolicy: TerminatingOrFailed
          manualSelector: false
          template:
        """ + POD_SPEC.replace("restartPolicy: Always", "restartPolicy: Never"));
  }

  @Test
  void jobCompletionsParallelismAndBackoffRules() {
    Manifest onlyCompletions = ServerDefaults.apply(yaml("""
        apiVersion: batch/v1
        kind: Job
        metadata: {name: j}
        spec: {completions: 5}
        """));
    assertThat(onlyCompletions.at("/spec/completions")).contains(JsonNumber.of(5));
    assertThat(onlyCompletions.at("/spec/parallelism")).contains(JsonNumber.of(1));
    Manifest onlyParallelism = ServerDefaults.apply(yaml("""
        apiVersion: batch/v1
        kind: Job
        metadata: {name: j}
        spec: {parallelism: 3, backoffLimitPerIndex: 1, completionMode: Indexed}
        """));
    assertThat(onlyParallelism.at("/spec/completions")).isEmpty();
    assertThat(onlyParallelism.at("/spec/parallelism")).contains(JsonNumber.of(3));
    assertThat(onlyParallelism.at("/spec/backoffLimit")).contains(JsonNumber.of(2147483647));
    assertThat(onlyParallelism.at("/spec/completionMode")).contains(JsonString.of("Indexed"));
    Manifest failurePolicy = ServerDefaults.apply(yaml("""
        apiVersion: batch/v1
        kind: Job
        metadata: {name: j}
        spec:
          podFailurePolicy:
            rules:
            - action: Ignore
              onPodConditions: [{type: DisruptionTarget}, {type: X, status: "False"}]
        """));
    assertThat(failurePolicy.at("/spec/podReplacementPolicy")).contains(JsonString.of("Failed"));
    assertThat(failurePolicy.at("/spec/podFailurePolicy/rules/0/onPodConditions").orElseThrow()
        .toJson()).isEqualTo("[{\"status\":\"True\",\"type\":\"DisruptionTarget\"},"
            + "{\"status\":\"False\",\"type\":\"X\"}]");
  }

  @Test
  void jobWithoutLabelsTakesTemplateLabels() {
    Manifest out = ServerDefaults.apply(yaml("""
        apiVersion: batch/v1
        kind: Job
        metadata: {name: j}
        spec:
          template:
            metadata: {labels: {app: batch}}
        """));
    assertThat(out.labels()).containsEntry("app", "batch").hasSize(1);
  }

  @Test
  void jobSelectorAndLabelsWithoutUserLabels() {
    Manifest out = ServerDefaults.jobSelectorAndLabels(yaml("""
        apiVersion: batch/v1
        kind: Job
        metadata: {name: pi, namespace: ns}
        spec:
          template:
            spec:
              restartPolicy: Never
              containers: [{name: c, image: "c:1"}]
        """), "6f1c2a3b-0000-4000-8000-000000000001");
    String uid = "6f1c2a3b-0000-4000-8000-000000000001";
    assertThat(out.at("/spec/selector").orElseThrow().toJson()).isEqualTo(
        "{\"matchLabels\":{\"batch.kubernetes.io/controller-uid\":\"" + uid + "\"}}");
    String labels = "{\"batch.kubernetes.io/controller-uid\":\"" + uid + "\","
        + "\"batch.kubernetes.io/job-name\":\"pi\",\"controller-uid\":\"" + uid + "\","
        + "\"job-name\":\"pi\"}";
    assertThat(out.at("/spec/template/metadata/labels").orElseThrow().toJson())
        .isEqualTo(labels);
    assertThat(out.at("/metadata/labels").orElseThrow().toJson()).isEqualTo(labels);
    assertThat(out.at("/spec/manualSelector")).isPresent();
    assertThat(ServerDefaults.jobSelectorAndLabels(out, uid)).isEqualTo(out);
  }

  @Test
  void jobSelectorAndLabelsKeepsUserLabelsAndManualSelectors() {
    Manifest out = ServerDefaults.jobSelectorAndLabels(yaml("""
        apiVersion: batch/v1
        kind: Job
        metadata: {name: pi}
        spec:
          selector: {matchExpressions: [{key: a, operator: Exists}]}
          template:
            metadata: {labels: {app: pi, job-name: custom}}
        """), "u1");
    assertThat(out.labels()).containsOnlyKeys("app", "job-name")
        .containsEntry("job-name", "custom");
    assertThat(out.at("/spec/template/metadata/labels").orElseThrow().toJson()).isEqualTo(
        "{\"app\":\"pi\",\"batch.kubernetes.io/controller-uid\":\"u1\","
            + "\"batch.kubernetes.io/job-name\":\"pi\",\"controller-uid\":\"u1\","
            + "\"job-name\":\"custom\"}");
    assertThat(out.at("/spec/selector").orElseThrow().toJson()).isEqualTo(
        "{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"Exists\"}],"
            + "\"matchLabels\":{\"batch.kubernetes.io/controller-uid\":\"u1\"}}");

    Manifest manual = yaml("""
        apiVersion: batch/v1
        kind: Job
        metadata: {name: pi}
        spec:
          manualSelector: true
          selector: {matchLabels: {tier: batch}}
        """);
    Manifest kept = ServerDefaults.jobSelectorAndLabels(manual, "u1");
    assertThat(kept).isEqualTo(ServerDefaults.apply(manual));
    assertThat(kept.at("/spec/selector").orElseThrow().toJson())
        .isEqualTo("{\"matchLabels\":{\"tier\":\"batch\"}}");
  }

  @Test
  void jobSelectorAndLabelsRefusesOtherKindsAndUnnamedJobs() {
    assertThatThrownBy(() -> ServerDefaults.jobSelectorAndLabels(yaml("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c}
        """), "u")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ServerDefaults.jobSelectorAndLabels(yaml("""
        apiVersion: batch/v1
        kind: Job
        metadata: {generateName: j-}
        """), "u")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
  }

  @Test
  void cronJobDefaultsItsPodTemplateButNotTheJobSpec() {
    assertDefaults("""
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly}
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  containers: [{name: c, image: "c:1"}]
        """, """
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly}
        spec:
          schedule: "0 3 * * *"
          concurrencyPolicy: Allow
          suspend: false
          successfulJobsHistoryLimit: 3
          failedJobsHistoryLimit: 1
          jobTemplate:
            spec:
              template:
        """ + POD_SPEC.indent(4));
  }
}
