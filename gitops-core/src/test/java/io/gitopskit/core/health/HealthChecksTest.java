package io.gitopskit.core.health;

import static io.gitopskit.core.health.LiveObjects.configMap;
import static io.gitopskit.core.health.LiveObjects.custom;
import static io.gitopskit.core.health.LiveObjects.healthyDeployment;
import static io.gitopskit.core.health.LiveObjects.pod;
import static io.gitopskit.core.health.LiveObjects.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.model.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthChecksTest {

  private static HealthCheck says(HealthStatus status) {
    return live -> Optional.of(status);
  }

  private static String health(HealthChecks checks, Manifest m) {
    return checks.assess(m).map(HealthStatus::toString).orElse("NONE");
  }

  // ---------------------------------------------------------------- overrides

  @Test
  void override_winsOverTheBuiltInCheck() {
    HealthChecks checks = HealthChecks.builder()
        .override("apps", "Deployment", says(HealthStatus.degraded("custom"))).build();
    assertThat(health(checks, healthyDeployment("web"))).isEqualTo("Degraded: custom");
    assertThat(health(checks, pod("p", "Succeeded"))).as("other kinds keep the built-ins")
        .isEqualTo("Healthy");
  }

  @Test
  void override_exactBeatsWildcard_whateverTheRegistrationOrder() {
    HealthChecks checks = HealthChecks.builder()
        .override("apps", "Deployment", says(HealthStatus.healthy("exact")))
        .override("*", "*", says(HealthStatus.degraded("any")))
        .override("apps", "*", says(HealthStatus.progressing("group")))
        .build();
    assertThat(health(checks, healthyDeployment("web"))).isEqualTo("Healthy: exact");
    assertThat(health(checks, custom("apps/v1", "StatefulSet", "db")))
        .isEqualTo("Progressing: group");
    assertThat(health(checks, configMap("c"))).isEqualTo("Degraded: any");
  }

  @Test
  void override_globBeatsStar_andMatchesGroupsByPattern() {
    HealthChecks checks = HealthChecks.builder()
        .override("*.crossplane.io", "*", says(HealthStatus.healthy("crossplane")))
        .override("*", "*", says(HealthStatus.degraded("any")))
        .build();
    assertThat(health(checks, custom("aws.crossplane.io/v1", "Bucket", "b")))
        .isEqualTo("Healthy: crossplane");
    assertThat(health(checks, custom("crossplane.io/v1", "Provider", "p")))
        .as("the glob needs a subdomain").isEqualTo("Degraded: any");
    assertThat(health(checks, custom("example.com/v1", "Widget", "w")))
        .isEqualTo("Degraded: any");
  }

  @Test
  void override_amongEqualPatterns_theLaterRegistrationWins() {
    HealthChecks checks = HealthChecks.builder()
        .override("*", "Widget", says(HealthStatus.healthy("first")))
        .override("example.com", "*", says(HealthStatus.degraded("second")))
        .build();
    assertThat(health(checks, custom("example.com/v1", "Widget", "w")))
        .isEqualTo("Degraded: second");
  }

  @Test
  void override_samePatternAgain_replacesTheEarlierCheck() {
    List<String> calls = new ArrayList<>();
    HealthChecks checks = HealthChecks.builder()
        .override("example.com", "Widget", live -> {
          calls.add("first");
          return Optional.empty();
        })
        .override("example.com", "Widget", live -> {
          calls.add("second");
          return Optional.empty();
        })
        .build();
    assertThat(checks.assess(custom("example.com/v1", "Widget", "w"))).isEmpty();
    assertThat(calls).containsExactly("second");
  }

  @Test
  void override_empty_fallsThroughToTheNextOverride_thenToTheBuiltIns() {
    List<String> calls = new ArrayList<>();
    HealthChecks checks = HealthChecks.builder()
        .override("apps", "Deployment", live -> {
          calls.add("exact");
          return Optional.empty();
        })
        .override("*", "*", live -> {
          calls.add("any");
          return live.kind().equals("ConfigMap") ? Optional.of(HealthStatus.healthy("cm"))
              : Optional.empty();
        })
        .build();
    assertThat(health(checks, healthyDeployment("web"))).isEqualTo("Healthy");
    assertThat(calls).containsExactly("exact", "any");
    assertThat(health(checks, configMap("c"))).isEqualTo("Healthy: cm");
  }

  @Test
  void override_null_isTreatedAsNoOpinion() {
    HealthChecks checks = HealthChecks.builder().override("apps", "Deployment", live -> null)
        .build();
    assertThat(health(checks, healthyDeployment("web"))).isEqualTo("Healthy");
  }

  @Test
  void override_exception_isUnknownWithItsMessage_andStopsTheChain() {
    HealthChecks checks = HealthChecks.builder()
        .override("*", "*", says(HealthStatus.healthy("never reached")))
        .override("apps", "Deployment", live -> {
          throw new IllegalStateException("attempt to index a nil value (field 'status')");
        })
        .override("", "ConfigMap", live -> {
          throw new NullPointerException();
        })
        .build();
    assertThat(health(checks, healthyDeployment("web")))
        .isEqualTo("Unknown: attempt to index a nil value (field 'status')");
    assertThat(health(checks, configMap("c")))
        .isEqualTo("Unknown: java.lang.NullPointerException");
  }

  @Test
  void override_coreGroup_isTheEmptyString() {
    HealthChecks checks = HealthChecks.builder()
        .override("", "Pod", says(HealthStatus.suspended("core"))).build();
    assertThat(health(checks, pod("p", "Running"))).isEqualTo("Suspended: core");
    assertThat(health(checks, custom("example.com/v1", "Pod", "p"))).isEqualTo("NONE");
  }

  @Test
  void withoutBuiltIns_leavesOnlyTheOverrides() {
    HealthChecks checks = HealthChecks.builder().withoutBuiltIns()
        .override("", "Pod", says(HealthStatus.healthy("pod"))).build();
    assertThat(health(checks, healthyDeployment("web"))).isEqualTo("NONE");
    assertThat(health(checks, pod("p", "Failed"))).isEqualTo("Healthy: pod");
    Manifest ready = yaml("""
        apiVersion: example.com/v1
        kind: Widget
        metadata: {name: w}
        status:
          conditions: [{type: Ready, status: "True"}]
        """);
    assertThat(health(checks, ready)).as("no generic check either").isEqualTo("NONE");
    assertThat(health(HealthChecks.builtIn(), ready)).isEqualTo("Healthy");
  }

  @Test
  void builder_withoutOverrides_givesTheSharedBuiltIns() {
    assertThat(HealthChecks.builder().build()).isSameAs(HealthChecks.builtIn());
  }

  @Test
  void builder_refusesAnEmptyKind_andAMalformedGlob() {
    HealthCheck any = says(HealthStatus.healthy());
    assertThatThrownBy(() -> HealthChecks.builder().override("apps", "", any))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kind");
    assertThatThrownBy(() -> HealthChecks.builder().override("[apps", "*", any))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builtIn_isImmutable_byTheBuilderUsedLater() {
    HealthChecks.Builder builder = HealthChecks.builder();
    HealthChecks before = builder.build();
    builder.override("apps", "Deployment", says(HealthStatus.degraded("later")));
    assertThat(health(before, healthyDeployment("web"))).isEqualTo("Healthy");
    assertThat(health(builder.build(), healthyDeployment("web"))).isEqualTo("Degraded: later");
  }

  // ---------------------------------------------------------------- deletion

  @Test
  void pendingDeletion_comesBeforeOverrides() {
    List<String> calls = new ArrayList<>();
    HealthChecks checks = HealthChecks.builder().override("*", "*", live -> {
      calls.add(live.name());
      return Optional.of(HealthStatus.healthy());
    }).build();
    Manifest deleting = healthyDeployment("web")
        .with("/metadata/deletionTimestamp", JsonString.of("2026-01-01T00:00:00Z"));
    assertThat(health(checks, deleting)).isEqualTo("Progressing: Pending deletion");
    assertThat(calls).isEmpty();
  }

  @Test
  void pendingDeletion_doesNotApplyToHooksHeldByTheHookFinalizer() {
    Manifest hook = pod("migrate", "Failed")
        .with("/metadata/deletionTimestamp", JsonString.of("2026-01-01T00:00:00Z"))
        .with("/metadata/finalizers", JsonArray.of(
            JsonString.of("example.com/other"), JsonString.of(HealthChecks.HOOK_FINALIZER)));
    assertThat(health(HealthChecks.builtIn(), hook)).isEqualTo("Degraded");
  }

  // ---------------------------------------------------------------- versions and types

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', textBlock = """
      apps/v1beta1 | Deployment | Deployment | apps/v1beta1
      apps/v1beta2 | StatefulSet | StatefulSet | apps/v1beta2
      apps/v1beta2 | DaemonSet | DaemonSet | apps/v1beta2
      apps/v1beta2 | ReplicaSet | ReplicaSet | apps/v1beta2
      v2 | Pod | Pod | /v2
      v2 | Service | Service | /v2
      v2 | PersistentVolumeClaim | PersistentVolumeClaim | /v2
      batch/v2 | Job | Job | batch/v2
      autoscaling/v2beta3 | HorizontalPodAutoscaler | HPA | autoscaling/v2beta3
      apiregistration.k8s.io/v2 | APIService | APIService | apiregistration.k8s.io/v2
      """)
  void typedChecks_otherVersions_areUnknown(String apiVersion, String kind, String name,
      String goGroupVersion) {
    assertThat(HealthChecks.builtIn().assess(custom(apiVersion, kind, "x"))).contains(
        HealthStatus.unknown("unsupported " + name + " GVK: " + goGroupVersion + ", Kind=" + kind));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', textBlock = """
      extensions/v1beta1 | Deployment
      extensions/v1beta1 | DaemonSet
      extensions/v1beta1 | ReplicaSet
      batch/v1 | CronJob
      argoproj.io/v1alpha1 | Application
      argoproj.io/v1alpha1 | Rollout
      v1 | Secret
      v1 | Namespace
      """)
  void kindsWithoutABuiltInCheck_haveNoHealth(String apiVersion, String kind) {
    assertThat(HealthChecks.builtIn().assess(custom(apiVersion, kind, "x"))).isEmpty();
  }

  @Test
  void workflow_andIngress_acceptAnyVersion() {
    assertThat(health(HealthChecks.builtIn(), custom("argoproj.io/v9", "Workflow", "w")))
        .isEqualTo("Progressing");
    assertThat(health(HealthChecks.builtIn(), custom("networking.k8s.io/v2", "Ingress", "i")))
        .isEqualTo("Progressing");
  }

  @Test
  void hpaV1_malformedAnnotation_isUnknownWithTheParserProblem() {
    Manifest hpa = yaml("""
        apiVersion: autoscaling/v1
        kind: HorizontalPodAutoscaler
        metadata:
          name: web
          annotations:
            autoscaling.alpha.kubernetes.io/conditions: '[{"type":"AbleToScale"'
        """);
    HealthStatus status = HealthChecks.builtIn().assess(hpa).orElseThrow();
    assertThat(status.code()).isEqualTo(HealthCode.UNKNOWN);
    assertThat(status.message())
        .startsWith("failed to convert conditions annotation to typed: malformed JSON: ");
    Manifest empty = hpa.withAnnotation(HpaHealth.CONDITIONS_ANNOTATION, "");
    assertThat(health(HealthChecks.builtIn(), empty)).isEqualTo(
        "Unknown: failed to convert conditions annotation to typed: unexpected end of JSON input");
    Manifest notStrings = hpa.withAnnotation(HpaHealth.CONDITIONS_ANNOTATION,
        "[{\"type\": 1}]");
    assertThat(health(HealthChecks.builtIn(), notStrings)).isEqualTo(
        "Unknown: failed to convert conditions annotation to typed: field type is not a string");
    Manifest notObjects = hpa.withAnnotation(HpaHealth.CONDITIONS_ANNOTATION, "[1]");
    assertThat(health(HealthChecks.builtIn(), notObjects)).isEqualTo("Unknown: failed to "
        + "convert conditions annotation to typed: a condition is not a JSON object");
  }

  @Test
  void typedChecks_integralDecimals_readAsIntegers_otherDecimalsAreUnknown() {
    Manifest d = healthyDeployment("web");
    assertThat(health(HealthChecks.builtIn(),
        d.with("/spec/replicas", JsonNumber.parse("1.0")))).isEqualTo("Healthy");
    assertThat(health(HealthChecks.builtIn(), d.with("/spec/replicas", JsonNumber.parse("1.5"))))
        .isEqualTo("Unknown: failed to convert unstructured Deployment to typed: cannot "
            + "unmarshal number into field .spec.replicas of type integer");
  }

  @Test
  void messages_quoteNamesAsGoDoes() {
    assertThat(Fields.quote("web")).isEqualTo("\"web\"");
    assertThat(Fields.quote("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\x01\"");
  }
}
