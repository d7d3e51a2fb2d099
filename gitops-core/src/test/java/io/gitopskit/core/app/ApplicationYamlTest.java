package io.gitopskit.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.load.LoadException;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.load.ReadResult;
import io.gitopskit.core.load.ReadWarning;
import io.gitopskit.core.model.GroupKind;
import io.gitopskit.core.model.ManifestSet;
import io.gitopskit.core.source.DirectoryOptions;
import io.gitopskit.core.sync.Consent;
import io.gitopskit.core.sync.RetryPolicy;
import io.gitopskit.core.sync.SyncRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplicationYamlTest {

  static String fixture(String name) {
    try (InputStream in = ApplicationYamlTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ReadResult<Application> read(String name) {
    return ApplicationYaml.read(fixture(name), name);
  }

  @Test
  void multiSourceHelm_readsEveryField() {
    ReadResult<Application> r = read("multi-source-helm.yaml");
    assertThat(r.warnings()).singleElement().satisfies(w -> {
      assertThat(w.field()).isEqualTo("spec.sources[0].helm.values");
      assertThat(w.message()).isEqualTo("valuesObject takes precedence over values");
      assertThat(w.location().line()).isEqualTo(33);
    });
    Application app = r.single();
    assertThat(app.name()).isEqualTo("prometheus");
    assertThat(app.namespace()).isEqualTo("argocd");
    assertThat(app.metadata().finalizers()).containsExactly(Application.RESOURCES_FINALIZER);
    assertThat(app.project()).isEqualTo("monitoring");
    assertThat(app.spec().hasMultipleSources()).isTrue();
    assertThat(app.sources()).hasSize(2);

    ApplicationSource chart = app.sources().get(0);
    assertThat(chart.isHelmChart()).isTrue();
    assertThat(chart.chart()).isEqualTo("prometheus");
    assertThat(chart.targetRevision()).isEqualTo("15.7.1");
    SourceHelm helm = chart.helm();
    assertThat(helm).isNotNull();
    assertThat(helm.releaseName()).isEqualTo("prom");
    assertThat(helm.valueFiles()).containsExactly("$values/charts/prometheus/values.yaml",
        "$values/charts/prometheus/values-prod.yaml");
    assertThat(helm.ignoreMissingValueFiles()).isTrue();
    assertThat(helm.parameters()).containsExactly(
        new HelmParameter("server.replicaCount", "2", false),
        new HelmParameter("server.image.tag", "v2.45.0", true));
    assertThat(helm.fileParameters()).containsExactly(
        new HelmFileParameter("config", "files/config.json"));
    assertThat(helm.values()).isEqualTo("server:\n  retention: 15d\n");
    assertThat(helm.valuesObject()).isNotNull();
    assertThat(helm.valuesObject().getObject("alertmanager").orElseThrow().has("enabled"))
        .isTrue();
    assertThat(helm.skipCrds()).isTrue();
    assertThat(helm.kubeVersion()).isEqualTo("1.29");
    assertThat(helm.apiVersions()).containsExactly("monitoring.coreos.com/v1");

    ApplicationSource values = app.sources().get(1);
    assertThat(values.isRef()).isTrue();
    assertThat(values.ref()).isEqualTo("values");

    assertThat(app.destination()).isEqualTo(ApplicationDestination.ofServer(
        ApplicationDestination.IN_CLUSTER_SERVER, "monitoring"));
    assertThat(app.isAutomated()).isTrue();
    assertThat(app.automated().isPrune()).isTrue();
    assertThat(app.automated().isSelfHeal()).isTrue();
    assertThat(app.automated().allowEmpty()).isNull();
    assertThat(app.spec().syncPolicy().managedNamespaceMetadata().labels())
        .containsEntry("istio-injection", "enabled");
    assertThat(app.spec().effectiveRevisionHistoryLimit()).isEqualTo(3);
  }

  @Test
  void multiSourceHelm_conversionsFeedTheSyncStages() {
    Application app = read("multi-source-helm.yaml").single();
    assertThat(app.syncOptions().createNamespace()).isTrue();
    assertThat(app.syncOptions().serverSideApply()).isTrue();
    RetryPolicy retry = app.retryPolicy(false);
    assertThat(retry).isEqualTo(new RetryPolicy(3, Duration.ofSeconds(10), 3,
        Duration.ofMinutes(5)));
    assertThat(retry.backoff(2)).isEqualTo(Duration.ofSeconds(90));
    SyncRequest request = app.syncRequest(ManifestSet.empty(), true).build();
    assertThat(request.prune()).isTrue();
    assertThat(request.allowEmpty()).isFalse();
    assertThat(request.namespace()).isEqualTo("monitoring");
    assertThat(request.options().createNamespace()).isTrue();
    assertThat(app.syncRequest(ManifestSet.empty(), false).build().prune())
        .as("a manual sync decides pruning itself").isFalse();
  }

  @Test
  void directoryJsonnet_andAutomatedEmptyObject() {
    ReadResult<Application> r = read("directory-jsonnet.yaml");
    assertThat(r.warnings()).isEmpty();
    Application app = r.single();
    assertThat(app.spec().hasMultipleSources()).isFalse();
    SourceDirectory dir = app.sources().get(0).directory();
    assertThat(dir).isNotNull();
    assertThat(dir.recurse()).isTrue();
    assertThat(dir.include()).isEqualTo("{*.yaml,*.jsonnet}");
    assertThat(dir.exclude()).isEqualTo("config/*");
    assertThat(dir.toDirectoryOptions()).isEqualTo(
        new DirectoryOptions(true, "{*.yaml,*.jsonnet}", "config/*", false));
    assertThat(dir.jsonnet().extVars()).containsExactly(new JsonnetVar("env", "prod", false),
        new JsonnetVar("replicas", "3", true));
    assertThat(dir.jsonnet().tlas()).containsExactly(new JsonnetVar("ns", "guestbook", false));
    assertThat(dir.jsonnet().libs()).containsExactly("vendor");
    assertThat(app.destination()).isEqualTo(ApplicationDestination.ofName("in-cluster",
        "guestbook"));

    // automated: {} is auto-sync on with every flag at its default
    assertThat(app.spec().syncPolicy().automated()).isEqualTo(Automated.defaults());
    assertThat(app.isAutomated()).isTrue();
    assertThat(app.automated().isPrune()).isFalse();
    assertThat(app.retryPolicy(true)).as("auto-sync retries 5 times by default")
        .isEqualTo(RetryPolicy.defaults());
    assertThat(app.retryPolicy(false)).isEqualTo(RetryPolicy.none());

    assertThat(app.spec().ignoreDifferences()).hasSize(2);
    assertThat(app.ignoreRules().rules().get(0).jsonPointers()).containsExactly("/spec/replicas");
    assertThat(app.ignoreRules().rules().get(1).name()).isEqualTo("generated");
    assertThat(app.ignoreRules().rules().get(1).managedFieldsManagers())
        .containsExactly("kube-controller-manager");
    assertThat(app.spec().info()).containsExactly(new Info("Runbook",
        "https://wiki.example.com/guestbook"));
    assertThat(app.spec().effectiveRevisionHistoryLimit()).isEqualTo(10);
  }

  @Test
  void fixtures_roundTripThroughTheWriter() {
    for (String name : List.of("multi-source-helm.yaml", "directory-jsonnet.yaml")) {
      Application app = read(name).single();
      String yaml = ApplicationYaml.write(app);
      assertThat(ApplicationYaml.readOne(yaml, "again.yaml")).as(yaml).isEqualTo(app);
      assertThat(ApplicationYaml.write(ApplicationYaml.readOne(yaml, "again.yaml")))
          .isEqualTo(yaml);
    }
  }

  @Test
  void writer_keepsPointerFlagsAsWritten_andDropsDefaults() {
    Application app = read("multi-source-helm.yaml").single();
    String yaml = ApplicationYaml.write(app);
    assertThat(yaml).doesNotContain("allowEmpty").doesNotContain("passCredentials");
    JsonObject automated = ApplicationYaml.toJson(app).getObject("spec")
        .flatMap(s -> s.getObject("syncPolicy")).flatMap(p -> p.getObject("automated"))
        .orElseThrow();
    assertThat(automated.keys()).containsExactly("prune", "selfHeal");
    Application explicit = app.toBuilder().syncPolicy(SyncPolicy.automated(
        Automated.defaults().withAllowEmpty(false))).build();
    String out = ApplicationYaml.write(explicit);
    assertThat(out).contains("allowEmpty: false");
    assertThat(ApplicationYaml.readOne(out, "x.yaml").automated().allowEmpty()).isFalse();
    assertThat(ApplicationYaml.write(read("directory-jsonnet.yaml").single()))
        .contains("automated: {}");
  }

  @Test
  void unknownFields_areWarningsWithTheirLine() {
    ReadResult<Application> r = read("unknown-fields.yaml");
    assertThat(r.values()).hasSize(1);
    assertThat(r.warnings()).extracting(ReadWarning::field).containsExactly(
        "spec.source.helm.valueFile", "spec.syncPolicy.automated.selfheal",
        "spec.syncPolicy.syncOptions[1]");
    ReadWarning first = r.warnings().get(0);
    assertThat(first.location().file()).isEqualTo("unknown-fields.yaml");
    assertThat(first.location().line()).isEqualTo(11);
    assertThat(first.object()).isEqualTo("argoproj.io/v1alpha1 Application typo");
    assertThat(first.message()).isEqualTo("unknown field (ignored)");
    assertThat(r.warnings().get(1).location().line()).isEqualTo(18);
    assertThat(r.warnings().get(2).location().line()).isEqualTo(21);
    assertThat(r.warnings().get(2).message()).contains("not understood");
    assertThat(r.single().syncOptions().ignored()).containsExactly("NotAnOption=true");
  }

  /** Reference §1.2: tagPrefix is a source field, not an unknown one. */
  @Test
  void tagPrefix_isModelled_andWrittenBack() {
    String yaml = """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: app1, namespace: argocd}
        spec:
          project: default
          source:
            repoURL: https://git.example.com/mono.git
            path: apps/app1
            targetRevision: ">=1.0.0 <2.0.0"
            tagPrefix: app1/
          destination: {server: https://kubernetes.default.svc, namespace: app1}
        """;
    ReadResult<Application> r = ApplicationYaml.read(yaml, "app1.yaml");
    assertThat(r.warnings()).isEmpty();
    assertThat(r.single().spec().source().tagPrefix()).isEqualTo("app1/");
    assertThat(ApplicationYaml.write(r.single())).contains("tagPrefix: app1/");
    assertThat(ApplicationYaml.readOne(ApplicationYaml.write(r.single()), "x.yaml"))
        .isEqualTo(r.single());
  }

  @Test
  void invalidField_failsTheWholeRead_withFileLineAndPath() {
    assertThatThrownBy(() -> read("bad-retry.yaml"))
        .isInstanceOfSatisfying(LoadException.class, e -> {
          assertThat(e.location().line()).isEqualTo(24);
          assertThat(e.location().document()).isEqualTo(2);
          assertThat(e.field()).contains("spec.syncPolicy.retry.backoff.duration");
          assertThat(e.object()).contains("argoproj.io/v1alpha1 Application bad");
          assertThat(e.getMessage()).startsWith("failed to load bad-retry.yaml:24")
              .contains("duration").doesNotContain("soon");
        });
  }

  @Test
  void wrongType_namesThePathButNotTheValue() {
    String yaml = """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: x
        spec:
          source:
            repoURL: https://github.com/example/apps.git
            helm:
              skipCrds: "sometimes"
          destination:
            server: https://kubernetes.default.svc
        """;
    assertThatThrownBy(() -> ApplicationYaml.read(yaml, "x.yaml"))
        .isInstanceOfSatisfying(LoadException.class, e -> {
          assertThat(e.field()).contains("spec.source.helm.skipCrds");
          assertThat(e.location().line()).isEqualTo(9);
          assertThat(e.problem()).isEqualTo("must be a boolean, not a string");
          assertThat(e.getMessage()).doesNotContain("sometimes");
        });
  }

  @Test
  void specRules_areErrors() {
    String both = """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: x}
        spec:
          source: {repoURL: https://github.com/example/apps.git}
          destination: {server: https://kubernetes.default.svc, name: in-cluster}
        """;
    assertThatThrownBy(() -> ApplicationYaml.read(both, "x.yaml"))
        .isInstanceOfSatisfying(LoadException.class, e -> {
          assertThat(e.field()).contains("spec.destination");
          assertThat(e.problem()).contains("can't have both name and server");
        });
    String noSource = """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: x}
        spec:
          destination: {server: https://kubernetes.default.svc}
        """;
    assertThatThrownBy(() -> ApplicationYaml.read(noSource, "x.yaml"))
        .isInstanceOfSatisfying(LoadException.class,
            e -> assertThat(e.problem()).contains("one of source or sources is required"));
    String refChart = """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: x}
        spec:
          sources:
          - {repoURL: https://charts.example.com, chart: c, ref: values}
          destination: {server: https://kubernetes.default.svc}
        """;
    assertThatThrownBy(() -> ApplicationYaml.read(refChart, "x.yaml"))
        .isInstanceOfSatisfying(LoadException.class,
            e -> assertThat(e.field()).contains("spec.sources[0].chart"));
    String wrongKind = """
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata: {name: x}
        """;
    assertThatThrownBy(() -> ApplicationYaml.read(wrongKind, "x.yaml"))
        .isInstanceOfSatisfying(LoadException.class, e -> {
          assertThat(e.field()).contains("kind");
          assertThat(e.location().line()).isEqualTo(2);
        });
    String badGlob = """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: x}
        spec:
          source:
            repoURL: https://github.com/example/apps.git
            directory: {include: "{a,b"}
          destination: {server: https://kubernetes.default.svc}
        """;
    assertThatThrownBy(() -> ApplicationYaml.read(badGlob, "x.yaml"))
        .isInstanceOfSatisfying(LoadException.class,
            e -> assertThat(e.field()).contains("spec.source.directory"));
  }

  @Test
  void sourceIgnoredWhenSourcesIsSet_isAWarning() {
    String yaml = """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: x}
        spec:
          source: {repoURL: https://github.com/example/old.git}
          sources:
          - {repoURL: https://github.com/example/new.git}
          destination: {server: https://kubernetes.default.svc}
        """;
    ReadResult<Application> r = ApplicationYaml.read(yaml, "x.yaml");
    assertThat(r.warnings()).extracting(ReadWarning::message)
        .containsExactly("ignored because sources is set");
    assertThat(r.single().sources()).extracting(ApplicationSource::repoURL)
        .containsExactly("https://github.com/example/new.git");
    assertThat(r.single().spec().source()).isNotNull();
  }

  @Test
  void statusOperationAndOtherMetadata_areKeptVerbatim() {
    String yaml = """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: x
          uid: 1234
          resourceVersion: "77"
        spec:
          source:
            repoURL: https://github.com/example/apps.git
            kustomize: {namePrefix: prod-, images: [web=web:2]}
          destination: {server: https://kubernetes.default.svc}
        status:
          sync: {status: Synced}
        operation:
          sync: {revision: abc}
        """;
    ReadResult<Application> r = ApplicationYaml.read(yaml, "x.yaml");
    assertThat(r.warnings()).isEmpty();
    Application app = r.single();
    assertThat(app.metadata().other().getString("resourceVersion")).contains("77");
    assertThat(app.status().getObject("sync").orElseThrow().getString("status"))
        .contains("Synced");
    assertThat(app.operation()).isNotNull();
    assertThat(app.sources().get(0).kustomize().getString("namePrefix")).contains("prod-");
    assertThat(ApplicationYaml.readOne(ApplicationYaml.write(app), "y.yaml")).isEqualTo(app);
  }

  @Test
  void fromJson_readsTemplateOutput() {
    JsonObject json = ApplicationYaml.toJson(Application.builder("gen")
        .source(ApplicationSource.git("https://github.com/example/apps.git", "env/dev", "main"))
        .destination(ApplicationDestination.ofName("dev", "apps")).project("team").build());
    ReadResult<Application> r = ApplicationYaml.fromJson(json.with("extra",
        new JsonString("x")), "appset demo element 0");
    assertThat(r.single().project()).isEqualTo("team");
    assertThat(r.warnings()).singleElement().satisfies(w -> {
      assertThat(w.field()).isEqualTo("extra");
      assertThat(w.location().file()).isEqualTo("appset demo element 0");
    });
  }

  @Test
  void defaults_projectAndRevision() {
    Application app = Application.builder("x")
        .source(ApplicationSource.git("https://github.com/example/apps.git", "", "")).build();
    assertThat(app.project()).isEqualTo("default");
    assertThat(app.sources().get(0).effectiveTargetRevision()).isEqualTo("HEAD");
    assertThat(app.sources().get(0).toSourceRef().targetRevision()).isEqualTo("HEAD");
    assertThat(app.isAutomated()).isFalse();
    assertThat(app.syncOptions().prune()).isEqualTo(Consent.ALLOWED);
  }

  @Test
  void automatedEnabledFalse_switchesAutoSyncOffButKeepsFlags() {
    Application app = Application.builder("x")
        .source(ApplicationSource.git("https://github.com/example/apps.git", "", ""))
        .syncPolicy(SyncPolicy.automated(new Automated(false, true, true, null))).build();
    assertThat(app.isAutomated()).isFalse();
    assertThat(app.automated().isPrune()).isTrue();
    assertThat(ApplicationYaml.write(app)).contains("enabled: false");
  }

  @Test
  void retry_negativeLimitIsUnlimited_bareIntegersAreSeconds_zeroMaxMeansNoCap() {
    Retry unlimited = new Retry(-1, new Backoff("7", 2L, "0"), false);
    RetryPolicy p = unlimited.toRetryPolicy();
    assertThat(p.limit()).isEqualTo(Integer.MAX_VALUE);
    assertThat(p.duration()).isEqualTo(Duration.ofSeconds(7));
    assertThat(p.backoff(10)).isEqualTo(Duration.ofSeconds(7 * 1024));
    assertThat(new Retry(0, null, true).toRetryPolicy()).isEqualTo(new RetryPolicy(0,
        Duration.ofSeconds(5), 2, Duration.ofMinutes(3)));
    assertThatThrownBy(() -> new Backoff("", 0L, "")).hasMessageContaining("factor");
    assertThatThrownBy(() -> new Backoff("-5s", null, "")).hasMessageContaining("negative");
  }

  @Test
  void trackingId_followsArgoCdFormat() {
    Application app = Application.builder("web").namespace("argocd")
        .source(ApplicationSource.git("https://github.com/example/apps.git", "", ""))
        .destination(ApplicationDestination.ofServer("https://kubernetes.default.svc", "prod"))
        .build();
    assertThat(app.trackingId("argocd", new GroupKind("apps", "Deployment"), "", "web"))
        .isEqualTo("web:apps/Deployment:prod/web");
    assertThat(app.trackingId("argocd", new GroupKind("", "ConfigMap"), "default", "cm1"))
        .isEqualTo("web:/ConfigMap:default/cm1");
    Application elsewhere = app.toBuilder().namespace("team-a").build();
    assertThat(elsewhere.instanceName("argocd")).isEqualTo("team-a_web");
  }

  @Test
  void loaderLimits_apply() {
    String yaml = fixture("multi-source-helm.yaml");
    assertThatThrownBy(() -> ApplicationYaml.read(yaml, "big.yaml", ManifestLoader.withLimits(
        io.gitopskit.core.load.LoadLimits.defaults().withMaxTotalBytes(100))))
        .isInstanceOf(LoadException.class);
  }
}
