package io.gitopskit.core.health;

import static io.gitopskit.core.health.LiveObjects.configMap;
import static io.gitopskit.core.health.LiveObjects.custom;
import static io.gitopskit.core.health.LiveObjects.healthyDeployment;
import static io.gitopskit.core.health.LiveObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.health.ApplicationHealth.ResourceHealth;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ResourceKey;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApplicationHealthTest {

  private static final HealthChecks CHECKS = HealthChecks.builtIn();

  private static List<ResourceKey> keys(Manifest... objects) {
    return Arrays.stream(objects).map(Manifest::key).toList();
  }

  /** An Argo CD Application whose health an override reads from status.health.status. */
  private static final HealthChecks WITH_APP_HEALTH = HealthChecks.builder()
      .override("argoproj.io", "Application", live -> live.at("/status/health/status")
          .map(v -> ((JsonString) v).value()).flatMap(HealthCode::parse)
          .map(c -> HealthStatus.of(c, "")))
      .build();

  private static Manifest application(String name, String health) {
    return custom("argoproj.io/v1alpha1", "Application", name).with("/status",
        JsonObject.of("health", JsonObject.of("status", JsonString.of(health))));
  }

  @Test
  void app_isTheWorstOfItsResources() {
    Manifest web = healthyDeployment("web");
    Manifest running = pod("running", "Pending");
    Manifest failed = pod("failed", "Failed");
    ApplicationHealth h = ApplicationHealth.builder().desired(keys(web, running))
        .live(List.of(web, running)).assess(CHECKS);
    assertThat(h.code()).isEqualTo(HealthCode.PROGRESSING);
    assertThat(h.status()).isEqualTo(HealthStatus.of(HealthCode.PROGRESSING, ""));
    h = ApplicationHealth.builder().desired(keys(web, running, failed))
        .live(List.of(web, running, failed)).assess(CHECKS);
    assertThat(h.code()).isEqualTo(HealthCode.DEGRADED);
  }

  @Test
  void app_withoutResources_isHealthy() {
    ApplicationHealth h = ApplicationHealth.builder().assess(CHECKS);
    assertThat(h.code()).isEqualTo(HealthCode.HEALTHY);
    assertThat(h.resources()).isEmpty();
  }

  @Test
  void resources_areListedInKeyOrder_withTheirHealth() {
    Manifest web = healthyDeployment("web");
    Manifest cm = configMap("settings");
    Manifest p = pod("p", "Running");
    ResourceKey absent = ResourceKey.of("apps", "Deployment", "shop", "api");
    ApplicationHealth h = ApplicationHealth.builder().live(List.of(web, cm, p))
        .desired(keys(p, web, cm)).desired(absent).assess(CHECKS);
    assertThat(h.resources()).extracting(ResourceHealth::key).containsExactly(
        ResourceKey.of("", "ConfigMap", "shop", "settings"), ResourceKey.of("", "Pod", "shop", "p"),
        absent, web.key());
    assertThat(h.resources()).containsExactly(
        new ResourceHealth(cm.key(), Optional.empty(), false),
        new ResourceHealth(p.key(), Optional.of(HealthStatus.progressing("")), true),
        new ResourceHealth(absent, Optional.of(HealthStatus.missing()), false),
        new ResourceHealth(web.key(), Optional.of(HealthStatus.healthy()), true));
    assertThat(h.resource(web.key()).orElseThrow().health()).contains(HealthStatus.healthy());
    assertThat(h.resource(ResourceKey.of("", "Pod", "shop", "zzz"))).isEmpty();
  }

  @Test
  void missingResources_areReported_butDoNotAffectTheApp() {
    Manifest web = healthyDeployment("web");
    ResourceKey absent = ResourceKey.of("apps", "Deployment", "shop", "api");
    ApplicationHealth h = ApplicationHealth.builder().desired(keys(web)).desired(absent)
        .live(web).assess(CHECKS);
    assertThat(h.code()).as("OutOfSync already says it").isEqualTo(HealthCode.HEALTHY);
    assertThat(h.resource(absent).orElseThrow().health()).contains(HealthStatus.missing());
  }

  @Test
  void app_expectingResources_noneLive_isMissing() {
    ApplicationHealth h = ApplicationHealth.builder()
        .desired(ResourceKey.of("apps", "Deployment", "shop", "web"))
        .desired(ResourceKey.of("", "Service", "shop", "web")).assess(CHECKS);
    assertThat(h.code()).isEqualTo(HealthCode.MISSING);
  }

  @Test
  void app_withOnlyLiveResourcesWithoutHealth_isHealthy_notMissing() {
    Manifest cm = configMap("settings");
    ApplicationHealth h = ApplicationHealth.builder().desired(keys(cm)).live(cm)
        .desired(ResourceKey.of("apps", "Deployment", "shop", "web")).assess(CHECKS);
    assertThat(h.code()).isEqualTo(HealthCode.HEALTHY);
  }

  @Test
  void hooksAndIgnoredResources_doNotCount_evenTowardsMissing() {
    Manifest failedHook = pod("migrate", "Failed");
    Manifest ignored = pod("odd", "Failed");
    ResourceKey hookNotYetCreated = ResourceKey.of("batch", "Job", "shop", "smoke");
    ApplicationHealth h = ApplicationHealth.builder()
        .desired(keys(failedHook, ignored)).desired(hookNotYetCreated)
        .live(List.of(failedHook, ignored))
        .hooks(List.of(failedHook.key(), hookNotYetCreated)).ignored(List.of(ignored.key()))
        .assess(CHECKS);
    assertThat(h.code()).isEqualTo(HealthCode.HEALTHY);
    assertThat(h.resources()).allSatisfy(r -> {
      assertThat(r.health()).isEmpty();
      assertThat(r.aggregated()).isFalse();
    });
  }

  @Test
  void ignoreHealthcheckAnnotation_excludesTheResource_butItStillCountsAsLive() {
    Manifest failed = pod("failed", "Failed")
        .withAnnotation(ApplicationHealth.IGNORE_HEALTHCHECK, "true");
    ResourceKey absent = ResourceKey.of("apps", "Deployment", "shop", "web");
    ApplicationHealth h = ApplicationHealth.builder().desired(keys(failed)).desired(absent)
        .live(failed).assess(CHECKS);
    assertThat(h.code()).as("not Degraded, and not Missing: one resource is live")
        .isEqualTo(HealthCode.HEALTHY);
    assertThat(h.resource(failed.key()).orElseThrow().health()).isEmpty();
    Manifest notTrue = pod("other", "Failed")
        .withAnnotation(ApplicationHealth.IGNORE_HEALTHCHECK, "yes");
    assertThat(ApplicationHealth.builder().live(notTrue).assess(CHECKS).code())
        .isEqualTo(HealthCode.DEGRADED);
  }

  @Test
  void liveResourcesNoLongerDesired_stillCount() {
    Manifest orphan = pod("old", "Failed");
    ApplicationHealth h = ApplicationHealth.builder().live(orphan).assess(CHECKS);
    assertThat(h.code()).isEqualTo(HealthCode.DEGRADED);
  }

  @Test
  void childApplications_missingOrUnknown_doNotAffectTheParent() {
    Manifest unknown = application("child-a", "Unknown");
    Manifest missing = application("child-b", "Missing");
    Manifest degraded = application("child-c", "Degraded");
    ApplicationHealth h = ApplicationHealth.builder().live(List.of(unknown, missing))
        .assess(WITH_APP_HEALTH);
    assertThat(h.code()).isEqualTo(HealthCode.HEALTHY);
    assertThat(h.resource(unknown.key()).orElseThrow())
        .isEqualTo(new ResourceHealth(unknown.key(), Optional.of(HealthStatus.unknown("")),
            false));
    h = ApplicationHealth.builder().live(List.of(unknown, missing, degraded))
        .assess(WITH_APP_HEALTH);
    assertThat(h.code()).isEqualTo(HealthCode.DEGRADED);
    Manifest unknownPod = pod("p", "Mystery");
    assertThat(ApplicationHealth.builder().live(unknownPod).assess(CHECKS).code())
        .as("other kinds' Unknown counts").isEqualTo(HealthCode.UNKNOWN);
  }

  @Test
  void childApplications_withoutAnOverride_haveNoHealth() {
    Manifest child = application("child", "Degraded");
    ApplicationHealth h = ApplicationHealth.builder().live(child).assess(CHECKS);
    assertThat(h.code()).isEqualTo(HealthCode.HEALTHY);
    assertThat(h.resource(child.key()).orElseThrow().health()).isEmpty();
  }

  @Test
  void self_anApplicationManagingItself_doesNotAffectItsOwnHealth() {
    Manifest self = application("root", "Degraded");
    ApplicationHealth h = ApplicationHealth.builder().desired(keys(self)).live(self)
        .self(self.key()).assess(WITH_APP_HEALTH);
    assertThat(h.code()).isEqualTo(HealthCode.HEALTHY);
    assertThat(h.resource(self.key()).orElseThrow().aggregated()).isFalse();
  }

  @Test
  void pendingDeletion_makesTheAppProgressing() {
    Manifest web = healthyDeployment("web")
        .with("/metadata/deletionTimestamp", JsonString.of("2026-01-01T00:00:00Z"));
    assertThat(ApplicationHealth.builder().live(web).assess(CHECKS).code())
        .isEqualTo(HealthCode.PROGRESSING);
  }

  @Test
  void suspendedIsBetterThanProgressing_andUnknownWorstOfAll() {
    Manifest paused = healthyDeployment("paused").with("/spec/paused", JsonBoolean.TRUE);
    Manifest pending = pod("pending", "Pending");
    Manifest unknown = pod("unknown", "Mystery");
    Manifest failed = pod("failed", "Failed");
    assertThat(ApplicationHealth.builder().live(paused).assess(CHECKS).code())
        .isEqualTo(HealthCode.SUSPENDED);
    assertThat(ApplicationHealth.builder().live(List.of(paused, pending)).assess(CHECKS).code())
        .isEqualTo(HealthCode.PROGRESSING);
    assertThat(ApplicationHealth.builder().live(List.of(failed, unknown, pending))
        .assess(CHECKS).code()).isEqualTo(HealthCode.UNKNOWN);
  }

  @Test
  void live_twoObjectsWithOneKey_areRefused() {
    Manifest a = pod("p", "Running");
    Manifest b = pod("p", "Failed");
    assertThatThrownBy(() -> ApplicationHealth.builder().live(List.of(a, b)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/Pod/shop/p");
  }

  @Test
  void resourceHealth_aggregatedRequiresAHealth() {
    assertThatThrownBy(() -> new ResourceHealth(ResourceKey.of("", "Pod", "ns", "p"),
        Optional.empty(), true)).isInstanceOf(IllegalArgumentException.class);
  }
}
