package io.gitopskit.testkit.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.cluster.ListOptions;
import io.gitopskit.core.cluster.WriteOptions;
import io.gitopskit.core.health.ApplicationHealth;
import io.gitopskit.core.health.HealthChecks;
import io.gitopskit.core.health.HealthCode;
import io.gitopskit.core.health.HealthStatus;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.testkit.SimulatedCluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The built-in health checks against objects the simulated controllers write: rollouts become
 * Healthy as the clock advances, a failing image turns Degraded once the progress deadline
 * passes, Jobs succeed or fail, a StatefulSet becomes ready pod by pod.
 */
class SimulatedHealthTest {

  private static final GroupVersionKind DEPLOY = new GroupVersionKind("apps", "v1", "Deployment");
  private static final GroupVersionKind RS = new GroupVersionKind("apps", "v1", "ReplicaSet");
  private static final GroupVersionKind STS = new GroupVersionKind("apps", "v1", "StatefulSet");
  private static final GroupVersionKind JOB = new GroupVersionKind("batch", "v1", "Job");
  private static final GroupVersionKind POD = GroupVersionKind.of("v1", "Pod");
  private static final WriteOptions W = WriteOptions.defaults();
  private static final HealthChecks CHECKS = HealthChecks.builtIn();

  @Test
  void deployment_progressesToHealthy_asTheClockAdvances() {
    SimulatedCluster c = cluster();
    c.create(deployment("web", 3, "nginx:1.27", 600), W);
    assertThat(health(c, DEPLOY, "web")).isEqualTo(HealthStatus.progressing(
        "Waiting for rollout to finish: 0 of 3 updated replicas are available..."));
    assertThat(pods(c)).hasSize(3).allSatisfy(p -> assertThat(CHECKS.assess(p))
        .contains(HealthStatus.progressing("")));

    c.clock().advance(Duration.ofSeconds(2));
    assertThat(health(c, DEPLOY, "web")).isEqualTo(HealthStatus.healthy());
    Manifest rs = c.list(RS, ListOptions.inNamespace("default")).items().get(0);
    assertThat(CHECKS.assess(rs)).contains(HealthStatus.healthy());
    assertThat(pods(c)).allSatisfy(p -> assertThat(CHECKS.assess(p))
        .contains(HealthStatus.healthy()));

    setImage(c, "web", "nginx:1.28");
    assertThat(health(c, DEPLOY, "web").code()).isEqualTo(HealthCode.PROGRESSING);
    assertThat(health(c, DEPLOY, "web").message()).startsWith("Waiting for rollout to finish: ");
    for (int i = 0; i < 30 && health(c, DEPLOY, "web").code() != HealthCode.HEALTHY; i++) {
      assertThat(health(c, DEPLOY, "web").code()).isEqualTo(HealthCode.PROGRESSING);
      c.clock().advance(Duration.ofSeconds(1));
    }
    assertThat(health(c, DEPLOY, "web")).isEqualTo(HealthStatus.healthy());
  }

  @Test
  void deployment_withAFailingImage_isDegraded_onceTheProgressDeadlinePasses() {
    SimulatedCluster c = cluster();
    c.create(deployment("web", 1, "nginx:broken", 30), W);
    c.clock().advance(Duration.ofSeconds(2));
    Manifest pod = pods(c).get(0);
    HealthStatus podHealth = CHECKS.assess(pod).orElseThrow();
    assertThat(podHealth.code()).isEqualTo(HealthCode.DEGRADED);
    assertThat(podHealth.message())
        .contains("failed to pull and unpack image \"docker.io/library/nginx:broken\"");
    c.clock().advance(Duration.ofSeconds(10));
    assertThat(CHECKS.assess(pods(c).get(0)))
        .contains(HealthStatus.degraded("Back-off pulling image \"nginx:broken\""));
    assertThat(health(c, DEPLOY, "web")).isEqualTo(HealthStatus.progressing(
        "Waiting for rollout to finish: 0 of 1 updated replicas are available..."));

    c.clock().advance(Duration.ofSeconds(17));
    assertThat(health(c, DEPLOY, "web").code()).as("29 s: within the deadline")
        .isEqualTo(HealthCode.PROGRESSING);
    c.clock().advance(Duration.ofSeconds(2));
    assertThat(health(c, DEPLOY, "web"))
        .isEqualTo(HealthStatus.degraded("Deployment \"web\" exceeded its progress deadline"));

    Manifest d = c.get(DEPLOY, "default", "web").orElseThrow();
    ApplicationHealth app = ApplicationHealth.builder().desired(d.key()).live(d).assess(CHECKS);
    assertThat(app.code()).isEqualTo(HealthCode.DEGRADED);
  }

  @Test
  void job_succeeds_andAnotherFails() {
    SimulatedCluster c = cluster();
    c.create(job("migrate", "", "backoffLimit: 0"), W);
    c.create(job("hook", "testkit.gitopskit.io/outcome: fail", "backoffLimit: 0"), W);
    assertThat(health(c, JOB, "migrate")).isEqualTo(HealthStatus.progressing(""));
    assertThat(health(c, JOB, "hook")).isEqualTo(HealthStatus.progressing(""));
    c.clock().advance(Duration.ofSeconds(2));
    assertThat(pods(c)).allSatisfy(p -> assertThat(CHECKS.assess(p))
        .as("running Never pods").contains(HealthStatus.progressing("")));

    c.clock().advance(Duration.ofSeconds(5));
    assertThat(health(c, JOB, "migrate"))
        .isEqualTo(HealthStatus.healthy("Reached expected number of succeeded pods"));
    assertThat(health(c, JOB, "hook"))
        .isEqualTo(HealthStatus.degraded("Job has reached the specified backoff limit"));
    Manifest failedPod = c.list(POD, ListOptions.inNamespace("default")
        .withSelector("job-name=hook")).items().get(0);
    assertThat(CHECKS.assess(failedPod).orElseThrow().code()).isEqualTo(HealthCode.DEGRADED);

    Manifest hook = c.get(JOB, "default", "hook").orElseThrow();
    Manifest migrate = c.get(JOB, "default", "migrate").orElseThrow();
    ApplicationHealth app = ApplicationHealth.builder().desired(migrate.key())
        .live(List.of(migrate, hook)).hooks(List.of(hook.key())).assess(CHECKS);
    assertThat(app.code()).as("the failed hook does not count").isEqualTo(HealthCode.HEALTHY);
  }

  @Test
  void statefulSet_becomesHealthy_podByPod() {
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
        """), W);
    assertThat(health(c, STS, "db"))
        .isEqualTo(HealthStatus.progressing("Waiting for 3 pods to be ready..."));
    int seconds = 0;
    while (health(c, STS, "db").code() != HealthCode.HEALTHY && seconds < 60) {
      assertThat(health(c, STS, "db").message()).matches("Waiting for [123] pods to be ready...");
      c.clock().advance(Duration.ofSeconds(1));
      seconds++;
    }
    // The API server defaults updateStrategy to RollingUpdate with rollingUpdate.partition 0,
    // so Argo CD reports the partitioned roll out message, as on a real cluster.
    assertThat(health(c, STS, "db")).isEqualTo(
        HealthStatus.healthy("partitioned roll out complete: 3 new pods have been updated..."));

    c.edit(STS, "default", "db", root -> root.with("spec", root.getObject("spec").orElseThrow()
        .with("updateStrategy", JsonObject.of("type", JsonString.of("OnDelete")))));
    c.clock().advance(Duration.ofSeconds(1));
    assertThat(health(c, STS, "db"))
        .isEqualTo(HealthStatus.healthy("statefulset has 3 ready pods"));
  }

  // ---------------------------------------------------------------- helpers

  private static SimulatedCluster cluster() {
    return SimulatedCluster.builder().seed(7).failingImage(":broken").build();
  }

  private static HealthStatus health(SimulatedCluster c, GroupVersionKind gvk, String name) {
    return CHECKS.assess(c.get(gvk, "default", name).orElseThrow()).orElseThrow();
  }

  private static List<Manifest> pods(SimulatedCluster c) {
    return c.list(POD, ListOptions.inNamespace("default")).items();
  }

  private static Manifest yaml(String text) {
    return ManifestLoader.defaults().loadYaml(text, "test.yaml").asList().get(0);
  }

  private static Manifest deployment(String name, int replicas, String image, int deadline) {
    return yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: %s, namespace: default}
        spec:
          replicas: %d
          progressDeadlineSeconds: %d
          selector: {matchLabels: {app: %s}}
          template:
            metadata: {labels: {app: %s}}
            spec:
              containers:
              - {name: app, image: "%s"}
        """.formatted(name, replicas, deadline, name, name, image));
  }

  private static Manifest job(String name, String annotation, String specLines) {
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
              - {name: main, image: "busybox:1"}
        """.formatted(name, annotation, specLines));
  }

  private static void setImage(SimulatedCluster c, String name, String image) {
    c.edit(DEPLOY, "default", name, root -> {
      JsonObject spec = root.getObject("spec").orElseThrow();
      JsonObject template = spec.getObject("template").orElseThrow();
      return root.with("spec", spec.with("template", template.with("spec",
          JsonObject.of("containers", JsonArray.of(JsonObject.builder().put("name", "app")
              .put("image", image).build())))));
    });
  }
}
