package io.gitopskit.core.health.lua;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.health.HealthCode;
import io.gitopskit.core.health.HealthStatus;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code deployment-health.lua}, gitops-engine's built-in Deployment rule in Lua (a benchmark
 * subject), against each branch of the rule.
 */
class LuaDeploymentScriptTest {

  private static LuaHealthCheck check;

  @BeforeAll
  static void compile() throws IOException {
    try (InputStream in = LuaDeploymentScriptTest.class
        .getResourceAsStream("deployment-health.lua")) {
      check = LuaHealthCheck.compile("deployment-health.lua",
          new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static Optional<HealthStatus> assess(String apiVersion, String spec, String status) {
    String yaml = "apiVersion: " + apiVersion + "\nkind: Deployment\n"
        + "metadata: {name: web, namespace: shop, generation: 4}\n"
        + "spec: " + spec + "\nstatus: " + status + "\n";
    Manifest m = ManifestLoader.defaults().loadYaml(yaml, "d.yaml").asList().get(0);
    return check.assess(m);
  }

  private static Optional<HealthStatus> assess(String spec, String status) {
    return assess("apps/v1", spec, status);
  }

  @Test
  void paused_isSuspended() {
    assertThat(assess("{replicas: 3, paused: true}", "{observedGeneration: 1}"))
        .contains(HealthStatus.suspended("Deployment is paused"));
  }

  @Test
  void generationAhead_isProgressing() {
    assertThat(assess("{replicas: 3}", "{observedGeneration: 3, replicas: 3, updatedReplicas: 3,"
        + " availableReplicas: 3}"))
        .contains(HealthStatus.progressing("Waiting for rollout to finish: observed deployment "
            + "generation less than desired generation"));
  }

  @Test
  void progressDeadlineExceeded_isDegraded() {
    assertThat(assess("{replicas: 3}", "{observedGeneration: 4, replicas: 3, updatedReplicas: 1,"
        + " conditions: [{type: Available, status: 'True'}, {type: Progressing, status: 'False',"
        + " reason: ProgressDeadlineExceeded}]}"))
        .contains(HealthStatus.degraded("Deployment \"web\" exceeded its progress deadline"));
  }

  @Test
  void fewUpdatedReplicas_isProgressing() {
    assertThat(assess("{replicas: 3}", "{observedGeneration: 4, replicas: 3, updatedReplicas: 1,"
        + " conditions: [{type: Progressing, status: 'True', reason: ReplicaSetUpdated}]}"))
        .contains(HealthStatus.progressing(
            "Waiting for rollout to finish: 1 out of 3 new replicas have been updated..."));
  }

  @Test
  void oldReplicasPending_isProgressing() {
    assertThat(assess("{replicas: 3}", "{observedGeneration: 4, replicas: 4, updatedReplicas: 3,"
        + " availableReplicas: 3}"))
        .contains(HealthStatus.progressing(
            "Waiting for rollout to finish: 1 old replicas are pending termination..."));
  }

  @Test
  void unavailableReplicas_isProgressing() {
    assertThat(assess("{replicas: 3}", "{observedGeneration: 4, replicas: 3, updatedReplicas: 3,"
        + " availableReplicas: 2}"))
        .contains(HealthStatus.progressing(
            "Waiting for rollout to finish: 2 of 3 updated replicas are available..."));
  }

  @Test
  void rolledOut_isHealthyWithoutMessage() {
    assertThat(assess("{replicas: 3}", "{observedGeneration: 4, replicas: 3, updatedReplicas: 3,"
        + " availableReplicas: 3, readyReplicas: 3}"))
        .contains(HealthStatus.healthy());
    assertThat(assess("{}", "{observedGeneration: 4}")).contains(HealthStatus.healthy());
  }

  @Test
  void otherApiVersion_isUnknownError() {
    HealthStatus s = assess("extensions/v1beta1", "{replicas: 1}", "{observedGeneration: 4}")
        .orElseThrow();
    assertThat(s.code()).isEqualTo(HealthCode.UNKNOWN);
    assertThat(s.message()).contains("unsupported Deployment GVK: extensions/v1beta1");
  }
}
