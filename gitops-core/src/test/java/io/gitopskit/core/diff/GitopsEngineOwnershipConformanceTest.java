package io.gitopskit.core.diff;

import static io.gitopskit.core.diff.Fixtures.manifest;
import static io.gitopskit.core.diff.GitopsEngineDiffConformanceTest.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.Manifest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * gitops-engine's structured-merge-diff ({@link DiffMode#FIELD_OWNERSHIP}) and server-side-diff
 * ({@link DiffMode#SERVER_SIDE}, with the recorded dry runs) fixtures, manager {@code
 * argocd-controller}, and what EXPECTED.md says their tests assert.
 */
class GitopsEngineOwnershipConformanceTest {

  static final List<String> FILES = List.of("smd-deploy-config.yaml", "smd-deploy-live.yaml",
      "smd-deploy2-config.yaml", "smd-deploy2-live.yaml", "smd-deploy2-predicted-live.json",
      "smd-service-config-2-ports.yaml", "smd-service-config-ports.yaml",
      "smd-service-config.yaml", "smd-service-live-with-type.yaml", "smd-service-live.yaml",
      "ssd-deploy-composite-key-config.yaml", "ssd-deploy-composite-key-live.yaml",
      "ssd-deploy-composite-key-predicted-live.json", "ssd-deploy-nested-config.yaml",
      "ssd-deploy-nested-live.yaml", "ssd-deploy-nested-predicted-live.json",
      "ssd-deploy-with-manual-apply-config.yaml", "ssd-deploy-with-manual-apply-live.yaml",
      "ssd-deploy-with-manual-apply-predicted-live.json", "ssd-service-config.yaml",
      "ssd-service-live.yaml", "ssd-service-predicted-live.json", "ssd-svc-label-live.yaml",
      "ssd-svc-no-label-config.yaml", "ssd-svc-no-label-predicted-live.json");

  private static final String ARGO = "argocd-controller";
  private static final String CONTAINERS = "/spec/template/spec/containers";

  private static DiffResult smd(String live, String config) {
    Differ d = Differ.create(DiffOptions.defaults().withMode(DiffMode.FIELD_OWNERSHIP)
        .withManager(ARGO));
    DiffResult r = d.diff(manifest(config), manifest(live));
    assertThat(r.method()).isEqualTo(DiffMethod.FIELD_OWNERSHIP);
    return r;
  }

  private static DiffResult ssd(String live, String config, String dryRun, DiffOptions base) {
    FixtureCluster cluster = new FixtureCluster(manifest(dryRun));
    DiffResult r = Differ.create(base.withManager(ARGO).withServerSide(cluster))
        .diff(manifest(config), manifest(live));
    assertThat(r.method()).isEqualTo(DiffMethod.SERVER_SIDE);
    assertThat(cluster.applies).singleElement().satisfies(o -> {
      assertThat(o.fieldManager()).isEqualTo(ARGO);
      assertThat(o.force()).isTrue();
    });
    return r;
  }

  private static DiffResult ssd(String live, String config, String dryRun) {
    return ssd(live, config, dryRun, DiffOptions.defaults());
  }

  private static List<String> values(JsonObject o, String pointer, String field) {
    List<String> out = new ArrayList<>();
    JsonValue list = at(o, pointer).orElse(JsonArray.empty());
    for (JsonValue v : ((JsonArray) list).items()) {
      out.add(((JsonObject) v).getOrNull(field).toString());
    }
    return out;
  }

  private static void noLastApplied(DiffResult r) {
    assertThat(r.predictedLive().toJson()).doesNotContain(Normalization.LAST_APPLIED);
    assertThat(r.normalizedLive().toJson()).doesNotContain(Normalization.LAST_APPLIED);
  }

  // ---- structured merge diff ----

  @Test
  void smdService_defaultsOnBothSides() {
    DiffResult r = smd("smd-service-live.yaml", "smd-service-config.yaml");
    assertThat(r.modified()).isTrue();
    assertThat(at(r.predictedLive(), "/spec/internalTrafficPolicy"))
        .contains(JsonString.of("Cluster"));
    assertThat(at(r.normalizedLive(), "/spec/internalTrafficPolicy"))
        .contains(JsonString.of("Cluster"));
    noLastApplied(r);
  }

  @Test
  void smdService_ownedPortsDroppedFromConfigDisappear() {
    DiffResult r = smd("smd-service-live.yaml", "smd-service-config-2-ports.yaml");
    assertThat(r.modified()).isTrue();
    assertThat(values(r.predictedLive(), "/spec/ports", "name")).hasSize(2);
  }

  @Test
  void smdService_droppedOwnedTypeRevertsToTheDefault() {
    DiffResult r = smd("smd-service-live-with-type.yaml", "smd-service-config.yaml");
    assertThat(r.modified()).isTrue();
    assertThat(at(r.normalizedLive(), "/spec/type")).contains(JsonString.of("NodePort"));
    assertThat(at(r.predictedLive(), "/spec/type")).contains(JsonString.of("ClusterIP"));
  }

  @Test
  void smdService_portsAreKeyedByPortAndProtocol() {
    DiffResult r = smd("smd-service-live.yaml", "smd-service-config-ports.yaml");
    assertThat(r.modified()).isTrue();
    assertThat(values(r.predictedLive(), "/spec/ports", "port")).hasSize(5);
  }

  @Test
  void smdDeploy_isInSync() {
    DiffResult r = smd("smd-deploy-live.yaml", "smd-deploy-config.yaml");
    assertThat(r.changes()).isEmpty();
    assertThat(r.modified()).isFalse();
    JsonObject p = r.predictedLive();
    assertThat(values(p, CONTAINERS, "name")).containsExactly("\"nginx\"");
    assertThat(at(p, CONTAINERS + "/0/resources")).contains(JsonObject.empty());
    assertThat(at(p, "/spec/strategy/rollingUpdate/maxSurge")).contains(JsonString.of("25%"));
    assertThat(at(p, "/spec/template/spec/dnsPolicy")).contains(JsonString.of("ClusterFirst"));
  }

  @Test
  void auto_usesFieldOwnership_forTheServerSideApplySyncOption() {
    Manifest config = manifest("smd-deploy-config.yaml")
        .withAnnotation(Differ.SYNC_OPTIONS_ANNOTATION, "Prune=false, ServerSideApply=true");
    DiffResult r = Differ.create(DiffOptions.defaults().withManager(ARGO))
        .diff(config, manifest("smd-deploy-live.yaml"));
    assertThat(r.method()).isEqualTo(DiffMethod.FIELD_OWNERSHIP);
    // the annotation is new to live (whose only annotation is the controller's revision, which
    // is never compared): that is the only change
    assertThat(r.changes()).extracting(FieldChange::toString)
        .containsExactly("/metadata/annotations added");
    assertThat(r.changes().get(0).desired().orElseThrow().toJson()).isEqualTo(
        "{\"argocd.argoproj.io/sync-options\":\"Prune=false, ServerSideApply=true\"}");
  }

  // ---- server-side diff ----

  @Test
  void ssdService_webhookMutationsAreRemoved() {
    DiffResult r = ssd("ssd-service-live.yaml", "ssd-service-config.yaml",
        "ssd-service-predicted-live.json");
    assertThat(r.modified()).isTrue();
    assertThat(at(r.predictedLive(), "/spec/internalTrafficPolicy"))
        .contains(JsonString.of("Cluster"));
    assertThat(at(r.normalizedLive(), "/spec/internalTrafficPolicy"))
        .contains(JsonString.of("Cluster"));
    noLastApplied(r);
    assertThat(at(r.predictedLive(), "/metadata/labels/event")).isEmpty();
  }

  @Test
  void ssdService_withWebhookMutationsKept_showsTheWebhookLabel() {
    DiffResult r = ssd("ssd-service-live.yaml", "ssd-service-config.yaml",
        "ssd-service-predicted-live.json",
        DiffOptions.defaults().withIgnoreMutationWebhook(false));
    assertThat(r.modified()).isTrue();
    assertThat(at(r.predictedLive(), "/metadata/labels/event"))
        .contains(JsonString.of("FROM-MUTATION-WEBHOOK"));
  }

  @Test
  void ssdService_userNormalizerRunsOnTheOutputs() {
    Normalizer noAffinity = m -> m.without("/spec/sessionAffinity");
    DiffResult r = ssd("ssd-service-live.yaml", "ssd-service-config.yaml",
        "ssd-service-predicted-live.json", DiffOptions.defaults().withNormalizer(noAffinity));
    assertThat(r.modified()).isTrue();
    assertThat(at(r.predictedLive(), "/spec/ports/0/port")).isPresent();
    assertThat(at(r.predictedLive(), "/spec/selector")).isPresent();
    assertThat(at(r.predictedLive(), "/spec/sessionAffinity")).isEmpty();
    assertThat(at(r.normalizedLive(), "/spec/sessionAffinity")).isEmpty();
  }

  @Test
  void smdDeploy2_webhookSetResourcesAreKeptFromLive() {
    DiffResult r = ssd("smd-deploy2-live.yaml", "smd-deploy2-config.yaml",
        "smd-deploy2-predicted-live.json");
    assertThat(r.modified()).isTrue();
    for (JsonObject o : List.of(r.predictedLive(), r.normalizedLive())) {
      assertThat(values(o, CONTAINERS, "name")).hasSize(1);
      assertThat(at(o, CONTAINERS + "/0/resources/requests/cpu"))
          .contains(JsonString.of("500m"));
      assertThat(at(o, CONTAINERS + "/0/resources/requests/memory"))
          .contains(JsonString.of("512Mi"));
    }
  }

  @Test
  void ssdDeployNested_newPortsAndEnvVars() {
    DiffResult r = ssd("ssd-deploy-nested-live.yaml", "ssd-deploy-nested-config.yaml",
        "ssd-deploy-nested-predicted-live.json");
    assertThat(r.modified()).isTrue();
    assertThat(values(r.predictedLive(), CONTAINERS + "/0/ports", "containerPort"))
        .containsExactly("80", "443");
    assertThat(values(r.predictedLive(), CONTAINERS + "/0/env", "name"))
        .containsExactly("\"ENV_VAR1\"", "\"ENV_VAR2\"");
    assertThat(values(r.normalizedLive(), CONTAINERS + "/0/ports", "containerPort")).hasSize(1);
    assertThat(values(r.normalizedLive(), CONTAINERS + "/0/env", "name")).hasSize(1);
  }

  @Test
  void ssdDeployWithManualApply_portsOfBothAppliers() {
    DiffResult r = ssd("ssd-deploy-with-manual-apply-live.yaml",
        "ssd-deploy-with-manual-apply-config.yaml",
        "ssd-deploy-with-manual-apply-predicted-live.json");
    assertThat(r.modified()).isTrue();
    assertThat(values(r.predictedLive(), CONTAINERS + "/0/ports", "containerPort"))
        .containsExactly("80", "40");
    assertThat(values(r.normalizedLive(), CONTAINERS + "/0/ports", "containerPort")).hasSize(1);
    noLastApplied(r);
  }

  @Test
  void ssdSvcLabel_deletedLabelIsReflected() {
    DiffResult r = ssd("ssd-svc-label-live.yaml", "ssd-svc-no-label-config.yaml",
        "ssd-svc-no-label-predicted-live.json");
    assertThat(r.modified()).isTrue();
    assertThat(at(r.predictedLive(), "/metadata/labels/delete-me")).isEmpty();
    assertThat(at(r.normalizedLive(), "/metadata/labels/delete-me")).isPresent();
  }

  @Test
  void ssdDeployCompositeKey_keyFieldsSurviveTheWebhookFilter() {
    DiffResult r = ssd("ssd-deploy-composite-key-live.yaml",
        "ssd-deploy-composite-key-config.yaml", "ssd-deploy-composite-key-predicted-live.json");
    assertThat(r.modified()).isTrue();
    JsonObject p = r.predictedLive();
    assertThat(values(p, CONTAINERS, "name")).hasSize(2);
    assertThat(values(p, CONTAINERS, "name").get(0)).isEqualTo("\"nginx\"");
    assertThat(values(p, CONTAINERS + "/0/ports", "containerPort")).hasSize(3);
    assertThat(values(r.normalizedLive(), CONTAINERS + "/0/ports", "containerPort")).hasSize(2);
    JsonArray ports = (JsonArray) at(p, CONTAINERS + "/0/ports").orElseThrow();
    for (JsonValue v : ports.items()) {
      JsonObject port = (JsonObject) v;
      assertThat(port.getOrNull("protocol")).isEqualTo(JsonString.of("TCP"));
      if (port.getOrNull("containerPort").equals(JsonNumber.of(8080))) {
        assertThat(port.getOrNull("name")).isEqualTo(JsonString.of("metrics"));
      }
    }
    assertThat(values(p, CONTAINERS + "/0/ports", "containerPort")).contains("8080", "80",
        "443");
    noLastApplied(r);
  }
}
