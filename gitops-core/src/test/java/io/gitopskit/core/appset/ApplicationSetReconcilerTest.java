package io.gitopskit.core.appset;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.appset.generator.ClusterInfo;
import io.gitopskit.core.appset.generator.ClusterRegistry;
import io.gitopskit.core.appset.generator.GeneratorContext;
import io.gitopskit.core.appset.rollout.RolloutStep;
import io.gitopskit.core.appset.rollout.RolloutStrategy;
import io.gitopskit.core.cluster.LabelSelector;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonPointer;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.source.FileTree;
import io.gitopskit.core.source.ResolvedSource;
import io.gitopskit.core.source.SourceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApplicationSetReconcilerTest {

  private static JsonObject obj(Object o) {
    return (JsonObject) JsonValue.of(o);
  }

  private static final JsonObject TEMPLATE = obj(Map.of(
      "metadata", Map.of("name", "{{path.basename}}", "labels", Map.of("env", "{{path.basename}}")),
      "spec", Map.of("project", "default",
          "source", Map.of("repoURL", "https://git.example.com/apps", "path", "{{path}}",
              "targetRevision", "HEAD"),
          "destination", Map.of("server", "https://kubernetes.default.svc",
              "namespace", "{{path.basename}}"))));

  private static final JsonObject GIT_DIRS = obj(Map.of("git", Map.of(
      "repoURL", "https://git.example.com/apps", "directories", List.of(Map.of("path", "envs/*")))));

  private static ApplicationSet.Builder set() {
    return ApplicationSet.builder("envs").namespace("team-a").generator(GIT_DIRS).template(TEMPLATE);
  }

  private static GeneratorContext context(ApplicationSet s, String... dirs) {
    Map<String, String> files = new java.util.TreeMap<>();
    for (String d : dirs) {
      files.put("envs/" + d + "/app.yaml", "kind: ConfigMap");
    }
    FileTree tree = FileTree.ofStrings(files);
    return s.generatorContext().source(ref -> new ResolvedSource(ref,
        "0123456789abcdef0123456789abcdef01234567", tree)).build();
  }

  private static List<GeneratedApplication> existing(ApplicationSet s, String... dirs) {
    return ApplicationSetReconciler.reconcile(s, context(s, dirs), List.of(),
        ReconcileOptions.defaults()).creates();
  }

  private static List<String> names(List<GeneratedApplication> apps) {
    return apps.stream().map(GeneratedApplication::name).toList();
  }

  @Test
  void creates_withNamespaceForcedAndResourcesFinalizer() {
    ApplicationSet s = set().build();
    ReconcilePlan plan = ApplicationSetReconciler.reconcile(s, context(s, "dev", "prod"),
        List.of(), ReconcileOptions.defaults());
    assertThat(plan.failure()).isEmpty();
    assertThat(names(plan.creates())).containsExactly("dev", "prod");
    JsonObject dev = plan.creates().get(0).document();
    assertThat(JsonPointer.parse("/metadata/namespace").get(dev)).contains(JsonValue.of("team-a"));
    assertThat(JsonPointer.parse("/metadata/finalizers/0").get(dev))
        .contains(JsonValue.of(io.gitopskit.core.app.Application.RESOURCES_FINALIZER));
    assertThat(JsonPointer.parse("/spec/source/path").get(dev)).contains(JsonValue.of("envs/dev"));
    assertThat(dev.getString("kind")).contains("Application");
  }

  @Test
  void preserveResourcesOnDeletion_addsNoFinalizer() {
    ApplicationSet s = set().preserveResourcesOnDeletion(true).build();
    JsonObject dev = existing(s, "dev").get(0).document();
    assertThat(JsonPointer.parse("/metadata/finalizers").get(dev)).isEmpty();
  }

  @Test
  void generatorError_changesNothing_evenWhenAppsWouldBeDeleted() {
    ApplicationSet s = set().build();
    List<GeneratedApplication> owned = existing(s, "dev", "prod");
    GeneratorContext failing = s.generatorContext().source(ref -> {
      throw new SourceException("failed to fetch repository", null);
    }).build();
    ReconcilePlan plan = ApplicationSetReconciler.reconcile(s, failing, owned,
        ReconcileOptions.defaults());
    assertThat(plan.failure()).isPresent();
    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.conditions()).extracting(ReconcilePlan.Condition::type)
        .containsExactly(ReconcilePlan.Condition.ERROR_OCCURRED);
  }

  @Test
  void emptyResultWithoutError_deletesAll_unlessTheDeleteGuardTrips() {
    ApplicationSet s = set().build();
    List<GeneratedApplication> owned = existing(s, "dev", "staging", "prod", "qa");
    ReconcilePlan all = ApplicationSetReconciler.reconcile(s, context(s), owned,
        ReconcileOptions.defaults());
    assertThat(all.deletes()).containsExactly("dev", "prod", "qa", "staging");
    ReconcilePlan guarded = ApplicationSetReconciler.reconcile(s, context(s), owned,
        ReconcileOptions.defaults().withMaxDeleteShare(0.5));
    assertThat(guarded.deletes()).isEmpty();
    assertThat(guarded.conditions()).anyMatch(c -> c.reason().equals("DeletionGuardTripped"));
    ReconcilePlan withinShare = ApplicationSetReconciler.reconcile(s,
        context(s, "dev", "staging", "prod"), owned,
        ReconcileOptions.defaults().withMaxDeleteShare(0.5));
    assertThat(withinShare.deletes()).containsExactly("qa");
  }

  @Test
  void policies_gateUpdatesAndDeletes_andTheSetsOwnPolicyNeedsOverride() {
    ApplicationSet s = set().build();
    List<GeneratedApplication> owned = new ArrayList<>(existing(s, "dev", "old"));
    ApplicationSet changed = set().template(TEMPLATE.with("spec", ((JsonObject) TEMPLATE
        .getObject("spec").orElseThrow()).with("project", JsonValue.of("team")))).build();
    GeneratorContext ctx = context(changed, "dev", "new");
    ReconcileOptions opts = ReconcileOptions.defaults();

    ReconcilePlan sync = ApplicationSetReconciler.reconcile(changed, ctx, owned, opts);
    assertThat(names(sync.creates())).containsExactly("new");
    assertThat(names(sync.updates())).containsExactly("dev");
    assertThat(sync.deletes()).containsExactly("old");

    ReconcilePlan createOnly = ApplicationSetReconciler.reconcile(changed, ctx, owned,
        opts.withPolicy(ApplicationsSyncPolicy.CREATE_ONLY));
    assertThat(names(createOnly.creates())).containsExactly("new");
    assertThat(createOnly.updates()).isEmpty();
    assertThat(createOnly.deletes()).isEmpty();

    ReconcilePlan createUpdate = ApplicationSetReconciler.reconcile(changed, ctx, owned,
        opts.withPolicy(ApplicationsSyncPolicy.CREATE_UPDATE));
    assertThat(names(createUpdate.updates())).containsExactly("dev");
    assertThat(createUpdate.deletes()).isEmpty();

    ReconcilePlan createDelete = ApplicationSetReconciler.reconcile(changed, ctx, owned,
        opts.withPolicy(ApplicationsSyncPolicy.CREATE_DELETE));
    assertThat(createDelete.updates()).isEmpty();
    assertThat(createDelete.deletes()).containsExactly("old");

    ApplicationSet own = changed.toBuilder().applicationsSync(ApplicationsSyncPolicy.CREATE_ONLY)
        .build();
    assertThat(ApplicationSetReconciler.reconcile(own, ctx, owned, opts).deletes())
        .as("ignored without override").containsExactly("old");
    assertThat(ApplicationSetReconciler.reconcile(own, ctx, owned, opts.withPolicyOverride(true))
        .deletes()).isEmpty();
  }

  @Test
  void unchangedApps_areNotUpdated() {
    ApplicationSet s = set().build();
    List<GeneratedApplication> owned = existing(s, "dev");
    ReconcilePlan plan = ApplicationSetReconciler.reconcile(s, context(s, "dev"), owned,
        ReconcileOptions.defaults());
    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.unchanged()).containsExactly("dev");
    assertThat(plan.conditions()).anyMatch(c -> c.reason().equals("ApplicationSetUpToDate"));
  }

  @Test
  void update_keepsStatusPreservedFieldsAndIgnoredDifferences() {
    ApplicationSet s = set().preservedAnnotations(List.of("keep-me"))
        .ignoreApplicationDifferences(List.of(new IgnoreDifference("",
            List.of("/spec/source/targetRevision"), List.of()))).build();
    JsonObject doc = existing(s, "dev").get(0).document();
    doc = (JsonObject) JsonPointer.parse("/status").set(doc, obj(Map.of("health", Map.of("status", "Healthy"))));
    doc = (JsonObject) JsonPointer.parse("/metadata/annotations").set(doc,
        obj(Map.of("keep-me", "1", "argocd.argoproj.io/refresh", "hard", "drop-me", "x")));
    doc = (JsonObject) JsonPointer.parse("/spec/source/targetRevision").set(doc, JsonValue.of("v2"));
    doc = (JsonObject) JsonPointer.parse("/spec/destination/namespace").set(doc, JsonValue.of("drift"));
    ReconcilePlan plan = ApplicationSetReconciler.reconcile(s, context(s, "dev"),
        List.of(GeneratedApplication.of(doc)), ReconcileOptions.defaults());
    JsonObject updated = plan.updates().get(0).document();
    assertThat(JsonPointer.parse("/status/health/status").get(updated)).contains(JsonValue.of("Healthy"));
    assertThat(JsonPointer.parse("/spec/source/targetRevision").get(updated)).contains(JsonValue.of("v2"));
    assertThat(JsonPointer.parse("/spec/destination/namespace").get(updated)).contains(JsonValue.of("dev"));
    assertThat(updated.getObject("metadata").orElseThrow().getObject("annotations").orElseThrow().keys())
        .containsExactly("argocd.argoproj.io/refresh", "keep-me");
  }

  /** Argo CD's documented example: keep a hand-promoted targetRevision of one of the sources. */
  @Test
  void update_keepsFieldsSelectedByJqPathExpressions() {
    JsonObject spec = TEMPLATE.getObject("spec").orElseThrow().without("source")
        .with("sources", JsonValue.of(List.of(
            Map.of("repoURL", "https://charts.example.com", "chart", "web", "targetRevision", "1.0.0"),
            Map.of("repoURL", "https://git.example.com/values", "ref", "values",
                "targetRevision", "main"))));
    ApplicationSet s = set().template(TEMPLATE.with("spec", spec))
        .ignoreApplicationDifferences(List.of(new IgnoreDifference("dev", List.of(),
            List.of(".spec.sources[] | select(.chart == \"web\") | .targetRevision")))).build();
    JsonObject doc = existing(s, "dev", "prod").get(0).document();
    JsonObject promoted = (JsonObject) JsonPointer.parse("/spec/sources/0/targetRevision")
        .set(doc, JsonValue.of("2.0.0"));
    JsonObject drifted = (JsonObject) JsonPointer.parse("/spec/sources/1/targetRevision")
        .set(promoted, JsonValue.of("feature"));
    ReconcilePlan plan = ApplicationSetReconciler.reconcile(s, context(s, "dev"),
        List.of(GeneratedApplication.of(drifted)), ReconcileOptions.defaults());
    JsonObject updated = plan.updates().get(0).document();
    assertThat(JsonPointer.parse("/spec/sources/0/targetRevision").get(updated))
        .contains(JsonValue.of("2.0.0"));
    assertThat(JsonPointer.parse("/spec/sources/1/targetRevision").get(updated))
        .contains(JsonValue.of("main"));
    // only the promoted field differs: nothing to update
    ReconcilePlan same = ApplicationSetReconciler.reconcile(s, context(s, "dev"),
        List.of(GeneratedApplication.of(promoted)), ReconcileOptions.defaults());
    assertThat(same.updates()).isEmpty();
    assertThat(same.unchanged()).containsExactly("dev");
  }

  @Test
  void ignoreDifferences_entryNamedForAnotherApp_doesNotApply_andBadJqIsAnAppError() {
    ApplicationSet other = set().ignoreApplicationDifferences(List.of(new IgnoreDifference("prod",
        List.of("/spec/source/targetRevision"), List.of()))).build();
    JsonObject doc = (JsonObject) JsonPointer.parse("/spec/source/targetRevision")
        .set(existing(other, "dev").get(0).document(), JsonValue.of("v2"));
    ReconcilePlan plan = ApplicationSetReconciler.reconcile(other, context(other, "dev"),
        List.of(GeneratedApplication.of(doc)), ReconcileOptions.defaults());
    assertThat(JsonPointer.parse("/spec/source/targetRevision").get(plan.updates().get(0).document()))
        .contains(JsonValue.of("HEAD"));
    ApplicationSet bad = set().ignoreApplicationDifferences(List.of(new IgnoreDifference("",
        List.of(), List.of(".spec | error(\"boom\")")))).build();
    ReconcilePlan failed = ApplicationSetReconciler.reconcile(bad, context(bad, "dev", "prod"),
        List.of(GeneratedApplication.of(doc)), ReconcileOptions.defaults());
    assertThat(failed.updates()).isEmpty();
    assertThat(failed.invalid()).containsExactly("dev");
    assertThat(names(failed.creates())).containsExactly("prod");
    assertThat(failed.conditions()).anyMatch(c -> c.reason().equals("CreateApplicationError"));
  }

  @Test
  void ignoreDifferences_jqThatDoesNotCompile_failsEachUpdate_butNotTheCreates() {
    ApplicationSet bad = set().ignoreApplicationDifferences(List.of(new IgnoreDifference("",
        List.of(), List.of(".spec | ((")))).build();
    List<GeneratedApplication> live = existing(bad, "dev", "prod");
    ReconcilePlan plan = ApplicationSetReconciler.reconcile(bad, context(bad, "dev", "prod", "qa"),
        live, ReconcileOptions.defaults());
    assertThat(plan.updates()).isEmpty();
    assertThat(plan.invalid()).containsExactly("dev", "prod");
    assertThat(names(plan.creates())).containsExactly("qa");
    assertThat(plan.conditions().stream().filter(c -> c.reason().equals("CreateApplicationError")))
        .hasSize(2);
  }

  private static JsonObject withDestination(GeneratedApplication app, Map<String, String> dest) {
    return (JsonObject) JsonPointer.parse("/spec/destination").set(app.document(), JsonValue.of(dest));
  }

  /** Argo CD's removeFinalizerOnInvalidDestination: a gone cluster must not make the delete hang. */
  @Test
  void delete_whenTheDestinationClusterIsGone_removesTheResourcesFinalizerFirst() {
    ApplicationSet s = set().build();
    List<GeneratedApplication> owned = existing(s, "a", "b", "c", "d", "e");
    List<GeneratedApplication> live = List.of(
        GeneratedApplication.of(withDestination(owned.get(0), Map.of("server", "https://gone.example.com"))),
        GeneratedApplication.of(withDestination(owned.get(1), Map.of("name", "staging"))),
        GeneratedApplication.of(withDestination(owned.get(2), Map.of("name", "removed"))),
        owned.get(3), // in-cluster: implied even when not registered
        GeneratedApplication.of((JsonObject) JsonPointer.parse("/metadata/finalizers")
            .set(withDestination(owned.get(4), Map.of("server", "https://gone.example.com")),
                JsonValue.of(List.of("keep.example.com/x")))));
    ReconcileOptions opts = ReconcileOptions.defaults().withClusters(ClusterRegistry.of(
        List.of(ClusterInfo.of("staging", "https://staging.example.com"))));
    ReconcilePlan plan = ApplicationSetReconciler.reconcile(s, context(s), live, opts);
    assertThat(plan.deletes()).containsExactly("a", "b", "c", "d", "e");
    assertThat(plan.finalizersToRemove()).containsExactly("a", "c");
    // without a cluster list nothing is judged gone
    assertThat(ApplicationSetReconciler.reconcile(s, context(s), live, ReconcileOptions.defaults())
        .finalizersToRemove()).isEmpty();
    // a cluster list that cannot be read is an error: nothing is deleted
    ReconcilePlan failed = ApplicationSetReconciler.reconcile(s, context(s), live,
        ReconcileOptions.defaults().withClusters(() -> {
          throw new IllegalStateException("secrets unavailable");
        }));
    assertThat(failed.deletes()).isEmpty();
    assertThat(failed.failure()).isPresent();
  }

  @Test
  void destinationName_mustResolveToOneKnownCluster() {
    JsonObject byName = TEMPLATE.with("spec", TEMPLATE.getObject("spec").orElseThrow()
        .with("destination", JsonValue.of(Map.of("name", "{{path.basename}}"))));
    ApplicationSet s = set().template(byName).build();
    ReconcileOptions opts = ReconcileOptions.defaults().withClusters(ClusterRegistry.of(List.of(
        ClusterInfo.of("dev", "https://dev.example.com"),
        ClusterInfo.of("twice", "https://t1.example.com"),
        ClusterInfo.of("twice", "https://t2.example.com"))));
    ReconcilePlan plan = ApplicationSetReconciler.reconcile(s, context(s, "dev", "prod", "twice",
        "in-cluster"), List.of(), opts);
    assertThat(names(plan.creates())).containsExactly("dev", "in-cluster");
    assertThat(plan.invalid()).containsExactly("prod", "twice");
    assertThat(plan.conditions()).anyMatch(c -> c.message().contains(
        "there are no clusters with this name: prod"));
  }

  @Test
  void templatedProject_outsideAllowedProjects_isInvalid_notCreatedAndNotDeleted() {
    JsonObject templated = TEMPLATE.with("spec", TEMPLATE.getObject("spec").orElseThrow()
        .with("project", JsonValue.of("{{path.basename}}")));
    ApplicationSet s = set().template(templated).build();
    List<GeneratedApplication> owned = existing(s, "dev", "admin");
    ReconcilePlan plan = ApplicationSetReconciler.reconcile(s, context(s, "dev", "admin"), owned,
        ReconcileOptions.defaults().withAllowedProjects(Set.of("dev")));
    assertThat(plan.invalid()).containsExactly("admin");
    assertThat(plan.deletes()).isEmpty();
    assertThat(plan.conditions()).anyMatch(c -> c.message().contains("project admin is not allowed"));
    ReconcilePlan fresh = ApplicationSetReconciler.reconcile(s, context(s, "dev", "admin"),
        List.of(), ReconcileOptions.defaults().withProjectExists(p -> p.equals("dev")));
    assertThat(names(fresh.creates())).containsExactly("dev");
  }

  @Test
  void templatePatch_cannotChangeTheProject() {
    ApplicationSet s = set().goTemplate(true)
        .template(obj(Map.of("metadata", Map.of("name", "{{.path.basename}}"),
            "spec", Map.of("project", "default",
                "destination", Map.of("server", "https://kubernetes.default.svc")))))
        .templatePatch("spec:\n  project: admin\n  source:\n    repoURL: https://git.example.com/apps\n"
            + "    path: '{{ .path.path }}'\n")
        .build();
    GeneratedApplication app = existing(s, "dev").get(0);
    assertThat(app.project()).isEqualTo("default");
    assertThat(JsonPointer.parse("/spec/source/path").get(app.document()))
        .contains(JsonValue.of("envs/dev"));
  }

  @Test
  void duplicateNames_changeNothing() {
    ApplicationSet s = set().template(TEMPLATE.with("metadata", obj(Map.of("name", "same"))))
        .build();
    ReconcilePlan plan = ApplicationSetReconciler.reconcile(s, context(s, "a", "b"), List.of(),
        ReconcileOptions.defaults());
    assertThat(plan.failure()).get().asString().contains("duplicate name: same");
    assertThat(plan.isEmpty()).isTrue();
  }

  @Test
  void rollingSync_disablesAutomatedSync_andReverseDeletionGoesLastStepFirst() {
    JsonObject auto = TEMPLATE.with("spec", TEMPLATE.getObject("spec").orElseThrow()
        .with("syncPolicy", obj(Map.of("automated", Map.of("prune", true)))));
    List<RolloutStep> steps = List.of(
        new RolloutStep(List.of(new LabelSelector.Requirement("env", LabelSelector.Operator.IN,
            Set.of("dev"))), ""),
        new RolloutStep(List.of(new LabelSelector.Requirement("env", LabelSelector.Operator.IN,
            Set.of("prod"))), ""));
    ApplicationSet s = set().template(auto)
        .strategy(new RolloutStrategy(RolloutStrategy.Type.ROLLING_SYNC, steps, true)).build();
    List<GeneratedApplication> owned = existing(s, "dev", "prod");
    assertThat(JsonPointer.parse("/spec/syncPolicy/automated/enabled").get(owned.get(0).document()))
        .contains(JsonValue.of(false));
    ReconcilePlan plan = ApplicationSetReconciler.reconcile(s, context(s), owned,
        ReconcileOptions.defaults());
    assertThat(plan.deletes()).containsExactly("prod", "dev");
  }

  @Test
  void generatedApps_readAsTypedApplications_andAnInvalidFieldMakesTheAppInvalid() {
    ApplicationSet s = set().build();
    ReconcilePlan plan = ApplicationSetReconciler.reconcile(s, context(s, "dev"), List.of(),
        ReconcileOptions.defaults());
    io.gitopskit.core.app.Application dev = plan.creates().get(0).application();
    assertThat(dev.name()).isEqualTo("dev");
    assertThat(dev.destination().namespace()).isEqualTo("dev");
    assertThat(dev.sources()).singleElement()
        .satisfies(src -> assertThat(src.path()).isEqualTo("envs/dev"));

    JsonObject badTemplate = TEMPLATE.with("spec", TEMPLATE.getObject("spec").orElseThrow()
        .with("revisionHistoryLimit", JsonValue.of("ten")));
    ApplicationSet bad = set().template(badTemplate).build();
    ReconcilePlan refused = ApplicationSetReconciler.reconcile(bad, context(bad, "dev"),
        List.of(), ReconcileOptions.defaults());
    assertThat(refused.creates()).isEmpty();
    assertThat(refused.invalid()).containsExactly("dev");
    assertThat(refused.conditions()).anySatisfy(c -> assertThat(c.message())
        .contains("application dev").contains("revisionHistoryLimit"));
  }
}
