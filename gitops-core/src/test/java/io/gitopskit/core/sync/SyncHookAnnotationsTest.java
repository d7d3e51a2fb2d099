package io.gitopskit.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.model.Manifest;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyncHookAnnotationsTest {

  static Manifest job(Map<String, String> annotations) {
    JsonObject.Builder a = JsonObject.builder();
    annotations.forEach(a::put);
    return Manifest.of(JsonObject.builder().put("apiVersion", "batch/v1").put("kind", "Job")
        .put("metadata", JsonObject.builder().put("name", "j").put("annotations", a.build())
            .build())
        .build());
  }

  private static Annotations.Classification classify(Map<String, String> annotations) {
    return Annotations.classify(job(annotations));
  }

  @Test
  void parsesEnums() {
    assertThat(HookType.parse(" PostSync ")).contains(HookType.POST_SYNC);
    assertThat(HookType.parse("postsync")).isEmpty();
    assertThat(HookType.SKIP.phase()).isEmpty();
    assertThat(HookType.SYNC_FAIL.phase()).contains(SyncPhase.SYNC_FAIL);
    assertThat(HookType.parseHelm("pre-upgrade")).contains(HookType.PRE_SYNC);
    assertThat(HookType.parseHelm("test")).isEmpty();
    assertThat(HookDeletePolicy.parse("HookFailed")).contains(HookDeletePolicy.HOOK_FAILED);
    assertThat(HookDeletePolicy.parseHelm("hook-succeeded"))
        .contains(HookDeletePolicy.HOOK_SUCCEEDED);
    assertThat(SyncPhase.parse("PreSync")).contains(SyncPhase.PRE_SYNC);
    assertThat(SyncPhase.SYNC_FAIL.isRegular()).isFalse();
  }

  @Test
  void classifiesArgoAndHelmHooks() {
    assertThat(classify(Map.of()).role()).isEqualTo(Annotations.Role.RESOURCE);
    assertThat(classify(Map.of("argocd.argoproj.io/hook", "PreSync,PostSync")).types())
        .containsExactly(HookType.PRE_SYNC, HookType.POST_SYNC);
    assertThat(classify(Map.of("argocd.argoproj.io/hook", "Skip")).role())
        .isEqualTo(Annotations.Role.SKIP);
    assertThat(classify(Map.of("argocd.argoproj.io/hook", "Skip,Sync")).types())
        .containsExactly(HookType.SYNC);
    assertThat(classify(Map.of("argocd.argoproj.io/hook", "Bogus")).role())
        .isEqualTo(Annotations.Role.IGNORED);
    assertThat(classify(Map.of("helm.sh/hook", "pre-install,post-upgrade")).types())
        .containsExactly(HookType.PRE_SYNC, HookType.POST_SYNC);
    assertThat(classify(Map.of("helm.sh/hook", "crd-install")).role())
        .isEqualTo(Annotations.Role.RESOURCE);
    assertThat(classify(Map.of("helm.sh/hook", "test")).role())
        .isEqualTo(Annotations.Role.IGNORED);
    assertThat(classify(Map.of("helm.sh/hook", "pre-install",
        "argocd.argoproj.io/hook", "PostSync")).types()).containsExactly(HookType.POST_SYNC);
  }

  @Test
  void wavesAndDeletePolicies() {
    assertThat(Annotations.wave(job(Map.of("argocd.argoproj.io/sync-wave", " -3")))).isEqualTo(-3);
    assertThat(Annotations.wave(job(Map.of("argocd.argoproj.io/sync-wave", "x",
        "helm.sh/hook-weight", "7")))).isEqualTo(7);
    assertThat(Annotations.wave(job(Map.of()))).isZero();
    // Go's Atoi reads ASCII digits only; Java's parseInt would read Arabic-Indic ones as 3
    assertThat(Annotations.wave(job(Map.of("argocd.argoproj.io/sync-wave", "\u0663",
        "helm.sh/hook-weight", "7")))).isEqualTo(7);
    assertThat(Annotations.wave(job(Map.of("argocd.argoproj.io/sync-wave", "+2")))).isEqualTo(2);
    assertThat(Annotations.deletePolicies(job(Map.of())))
        .isEqualTo(Set.of(HookDeletePolicy.BEFORE_HOOK_CREATION));
    assertThat(Annotations.deletePolicies(job(Map.of(
        "argocd.argoproj.io/hook-delete-policy", "HookSucceeded",
        "helm.sh/hook-delete-policy", "hook-failed,hook-succeeded"))))
        .containsExactly(HookDeletePolicy.HOOK_SUCCEEDED, HookDeletePolicy.HOOK_FAILED);
  }
}
