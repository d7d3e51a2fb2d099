package io.gitopskit.core.health.lua;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.health.HealthStatus;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Our own scripts in Argo CD's layout, run through the loader and the test runner. */
class LuaCustomizationsTest {

  static Path customizations() throws URISyntaxException {
    return Path.of(LuaCustomizationsTest.class.getResource("customizations").toURI());
  }

  @Test
  void everySuite_passes() throws Exception {
    HealthScriptTests.Report report = HealthScriptTests.runAll(customizations());
    assertThat(report.passed()).as(report.summary()).isTrue();
    assertThat(report.suites()).extracting(HealthScriptTests.SuiteResult::suite)
        .containsExactly("PersistentVolume", "_.crossplane.io/_", "argoproj.io/Application",
            "cert-manager.io/Certificate", "kustomize.toolkit.fluxcd.io/Kustomization");
    assertThat(report.caseCount()).isEqualTo(20);
    assertThat(report.passedCaseCount()).isEqualTo(20);
    assertThat(report.summary()).isEqualTo("5 suites (5 passed), 20 cases (20 passed, 0 failed)");
  }

  @Test
  void oneKindDirectory_runsAlone() throws Exception {
    HealthScriptTests.Report report =
        HealthScriptTests.run(customizations().resolve("cert-manager.io/Certificate"));
    assertThat(report.suites()).singleElement()
        .satisfies(s -> assertThat(s.suite()).isEqualTo("cert-manager.io/Certificate"));
    assertThat(report.cases()).extracting(HealthScriptTests.CaseResult::name)
        .containsExactly("testdata/ready.yaml", "testdata/issuing.yaml", "testdata/failed.yaml",
            "testdata/new.yaml");
    assertThat(report.passed()).isTrue();
  }

  @Test
  void loadDirectory_ordersExactThenWildcard_andTranslatesUnderscores() throws Exception {
    List<LuaScripts.Entry> entries = LuaScripts.loadDirectory(customizations());
    assertThat(entries).extracting(e -> e.group() + "|" + e.kind() + "|" + e.path())
        .containsExactly(
            "|PersistentVolume|PersistentVolume",
            "argoproj.io|Application|argoproj.io/Application",
            "cert-manager.io|Certificate|cert-manager.io/Certificate",
            "kustomize.toolkit.fluxcd.io|Kustomization|kustomize.toolkit.fluxcd.io/Kustomization",
            "*.crossplane.io|*|_.crossplane.io/_");
    assertThat(entries).extracting(LuaScripts.Entry::isWildcard)
        .containsExactly(false, false, false, false, true);
    assertThat(entries.get(1).check().name()).isEqualTo("argoproj.io/Application/health.lua");
  }

  @Test
  void crossplaneProviderConfig_hasNoOpinion() throws Exception {
    LuaScripts.Entry crossplane = LuaScripts.loadDirectory(customizations()).get(4);
    JsonObject config = JsonObject.builder()
        .put("apiVersion", "aws.upbound.io/v1beta1")
        .put("kind", "ProviderConfig")
        .put("metadata", JsonObject.of("name", JsonString.of("default")))
        .build();
    assertThat(crossplane.check().assess(config)).isEmpty();
    assertThat(crossplane.check().assess(config.with("kind", JsonString.of("Bucket"))))
        .contains(HealthStatus.progressing("Waiting for Crossplane to report conditions"));
  }
}
