package io.gitopskit.core.appset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.gitopskit.core.app.ApplicationYaml;
import io.gitopskit.core.appset.generator.GeneratorContext;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.load.LoadException;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.load.ManifestWriter;
import io.gitopskit.core.project.AppProjectYaml;
import io.gitopskit.core.source.FileTree;
import io.gitopskit.core.source.ResolvedSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Fuzz-style properties: random mutations of valid Application, AppProject and ApplicationSet
 * documents — of their tree (a field replaced by a value of another type, removed, or joined by
 * an unknown one) and of their text (YAML punctuation, anchors, tags and documents inserted,
 * slices cut or doubled) — never make a reader throw anything but {@link LoadException}; and an
 * ApplicationSet that still reads always reconciles to a plan (never an exception), one that
 * deletes nothing when it failed.
 */
class MutatedInputPropertiesTest {

  static final String APPLICATION = """
      apiVersion: argoproj.io/v1alpha1
      kind: Application
      metadata:
        name: prometheus
        namespace: argocd
        labels: {team: observability}
        finalizers: [resources-finalizer.argocd.argoproj.io]
      spec:
        project: monitoring
        sources:
          - repoURL: https://prometheus-community.github.io/helm-charts
            chart: prometheus
            targetRevision: 15.7.1
            helm:
              releaseName: prom
              valueFiles: [$values/values.yaml]
              parameters:
                - {name: server.replicaCount, value: "2", forceString: true}
              fileParameters: [{name: config, path: files/config.json}]
              values: "server: {}"
              valuesObject: {server: {resources: {limits: {memory: 2Gi}}}}
          - repoURL: https://github.com/example/values.git
            targetRevision: main
            ref: values
            directory: {recurse: true, include: '*.yaml', jsonnet: {tlas: [{name: a, value: b}]}}
        destination: {server: https://kubernetes.default.svc, namespace: monitoring}
        syncPolicy:
          automated: {prune: true, selfHeal: true}
          syncOptions: [CreateNamespace=true, ServerSideApply=true]
          retry: {limit: 5, backoff: {duration: 5s, factor: 2, maxDuration: 3m}}
          managedNamespaceMetadata: {labels: {a: b}}
        ignoreDifferences:
          - {group: apps, kind: Deployment, jsonPointers: [/spec/replicas]}
        info: [{name: url, value: https://example.com}]
        revisionHistoryLimit: 3
      """;

  static final String PROJECT = """
      apiVersion: argoproj.io/v1alpha1
      kind: AppProject
      metadata: {name: team}
      spec:
        description: a team
        sourceRepos: ['https://github.com/org/*', '!https://github.com/org/secret']
        destinations: [{server: '*', namespace: 'team-*'}, {name: in-cluster, namespace: '!kube-*'}]
        clusterResourceWhitelist: [{group: '', kind: Namespace}]
        namespaceResourceBlacklist: [{group: '', kind: ResourceQuota}]
        orphanedResources: {warn: true, ignore: [{group: apps, kind: '*', name: 'x-*'}]}
        syncWindows:
          - {kind: deny, schedule: '0 22 * * *', duration: 1h, applications: ['*'],
             timeZone: Europe/Berlin, manualSync: true}
        sourceNamespaces: [team-a, '/^team-.*$/']
        roles: [{name: ci, policies: ['p, proj:team:ci, applications, sync, team/*, allow']}]
      """;

  static final String APPLICATION_SET = """
      apiVersion: argoproj.io/v1alpha1
      kind: ApplicationSet
      metadata: {name: guestbook, namespace: argocd}
      spec:
        goTemplate: false
        generators:
          - list:
              elements: [{cluster: dev, url: https://dev}, {cluster: prod, url: https://prod}]
          - git:
              repoURL: https://github.com/example/config.git
              revision: HEAD
              files: [{path: 'envs/*.yaml'}]
            selector: {matchLabels: {env: dev}}
          - matrix:
              generators:
                - git: {repoURL: r, revision: HEAD, directories: [{path: 'apps/*'}]}
                - list: {elements: [{cluster: '{{path.basename}}', url: https://x}]}
        template:
          metadata: {name: '{{cluster}}-app', labels: {env: '{{cluster}}'}}
          spec:
            project: default
            source: {repoURL: https://github.com/example/apps.git, path: '{{cluster}}',
                     targetRevision: HEAD}
            destination: {server: '{{url}}', namespace: guestbook}
        syncPolicy: {preserveResourcesOnDeletion: false, applicationsSync: create-update}
        strategy:
          type: RollingSync
          rollingSync:
            steps:
              - matchExpressions: [{key: env, operator: In, values: [dev]}]
                maxUpdate: 50%
        ignoreApplicationDifferences: [{jsonPointers: [/spec/source/targetRevision]}]
        preservedFields: {annotations: [keep]}
      """;

  private static final List<JsonValue> HOSTILE_VALUES = List.of(JsonValue.of(null),
      JsonValue.of(0), JsonValue.of(-1), JsonValue.of(1.5e300), JsonValue.of(""),
      JsonValue.of(true), JsonValue.of("{{"), JsonValue.of("{{ .x | printf \"%999999d\" }}"),
      JsonValue.of("*"), JsonValue.of("[a-"), JsonValue.of("ghp_secretValue"),
      JsonArray.empty(), JsonArray.of(JsonValue.of(null)), JsonObject.empty(),
      JsonObject.of("a", JsonValue.of(null)), JsonValue.of("x".repeat(300)),
      JsonValue.of("*/0 * * * *"), JsonValue.of("{a,{b,"));

  private static final List<String> TEXT_TOKENS = List.of(":", ": ", "- ", "&a ", "*a", "*b",
      "{", "}", "[", "]", "'", "\"", "\t", "\n---\n", "!!binary ", "!!python/object ", "? ",
      "%YAML 1.2\n", "<<: *a\n", "\u0000", "\uFEFF", "#", "|\n", ">-\n", "~", "0x1F", ".inf",
      "\n  ", "{{", "}}", "\\", "\r\n");

  /** One mutation: what to do, where, and with what. */
  record Mutation(int kind, int where, int what) {}

  private static Gen<List<Mutation>> mutations() {
    Gen<Mutation> one = integers().between(0, 6).zip(integers().between(0, 100_000),
        integers().between(0, 1_000), Mutation::new);
    return lists().of(one).ofSizeBetween(1, 4);
  }

  /** Applies the mutations: kinds 0–3 work on the tree, 4–6 on the text. */
  static String mutate(String yaml, List<Mutation> mutations) {
    String text = yaml;
    for (Mutation m : mutations) {
      if (m.kind() <= 3) {
        List<JsonValue> docs;
        try {
          docs = ManifestLoader.defaults().readDocuments(text, "m.yaml");
        } catch (LoadException e) {
          continue; // an earlier text mutation broke the syntax: no tree to mutate
        }
        if (docs.isEmpty()) {
          continue;
        }
        JsonValue tree = mutateTree(docs.get(0), m);
        text = ManifestWriter.toYaml(tree);
        continue;
      }
      int at = m.where() % (text.length() + 1);
      switch (m.kind()) {
        case 4 -> text = text.substring(0, at) + TEXT_TOKENS.get(m.what() % TEXT_TOKENS.size())
            + text.substring(at);
        case 5 -> text = text.substring(0, at)
            + text.substring(Math.min(text.length(), at + 1 + m.what() % 40));
        default -> {
          int end = Math.min(text.length(), at + 1 + m.what() % 60);
          text = text.substring(0, end) + text.substring(at, end) + text.substring(end);
        }
      }
    }
    return text;
  }

  private static JsonValue mutateTree(JsonValue root, Mutation m) {
    List<List<Object>> paths = new ArrayList<>();
    collect(root, new ArrayList<>(), paths);
    List<Object> path = paths.get(m.where() % paths.size());
    return edit(root, path, 0, m);
  }

  private static void collect(JsonValue v, List<Object> at, List<List<Object>> out) {
    out.add(List.copyOf(at));
    if (v instanceof JsonObject o) {
      for (int i = 0; i < o.size(); i++) {
        at.add(o.keyAt(i));
        collect(o.valueAt(i), at, out);
        at.remove(at.size() - 1);
      }
    } else if (v instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        at.add(i);
        collect(a.get(i), at, out);
        at.remove(at.size() - 1);
      }
    }
  }

  private static JsonValue edit(JsonValue v, List<Object> path, int depth, Mutation m) {
    if (depth == path.size()) {
      return switch (m.kind()) {
        case 0, 1 -> HOSTILE_VALUES.get(m.what() % HOSTILE_VALUES.size());
        case 2 -> v instanceof JsonObject o ? o.with("unknownField" + m.what(),
            HOSTILE_VALUES.get(m.what() % HOSTILE_VALUES.size())) : JsonArray.of(v, v);
        default -> v instanceof JsonObject o && !o.isEmpty()
            ? o.without(o.keyAt(m.what() % o.size())) : JsonObject.empty();
      };
    }
    Object step = path.get(depth);
    if (v instanceof JsonObject o && step instanceof String key) {
      return o.with(key, edit(o.getOrNull(key), path, depth + 1, m));
    }
    JsonArray a = (JsonArray) v;
    int index = (Integer) step;
    JsonArray.Builder b = JsonArray.builder();
    for (int i = 0; i < a.size(); i++) {
      b.add(i == index ? edit(a.get(i), path, depth + 1, m) : a.get(i));
    }
    return b.build();
  }

  private static void readsOrFailsWithLoadException(BiConsumer<String, String> reader,
      String text) {
    try {
      reader.accept(text, "mutated.yaml");
    } catch (LoadException e) {
      assertThat(e.location().file()).isEqualTo("mutated.yaml");
      // the object's name is an identifier, not a value: only it may repeat the text
      assertThat(e.getMessage().replace(e.object().orElse(""), ""))
          .doesNotContain("ghp_secretValue");
    }
  }

  @Test
  void validDocuments_readCleanly() {
    assertThat(ApplicationYaml.read(APPLICATION, "a.yaml").values()).hasSize(1);
    assertThat(AppProjectYaml.read(PROJECT, "p.yaml").values()).hasSize(1);
    ApplicationSet set = ApplicationSetReader.defaults().read(APPLICATION_SET, "s.yaml")
        .single();
    ReconcilePlan plan = ApplicationSetReconciler.reconcile(set, context(set), List.of(),
        ReconcileOptions.defaults());
    assertThat(plan.failure()).isEmpty();
    assertThat(plan.creates()).isNotEmpty();
  }

  @Test
  void mutatedApplications_onlyEverFailWithLoadException() {
    qt().withExamples(500).forAll(mutations()).checkAssert(ms ->
        readsOrFailsWithLoadException(ApplicationYaml::read, mutate(APPLICATION, ms)));
  }

  @Test
  void mutatedProjects_onlyEverFailWithLoadException() {
    qt().withExamples(500).forAll(mutations()).checkAssert(ms ->
        readsOrFailsWithLoadException(AppProjectYaml::read, mutate(PROJECT, ms)));
  }

  private static GeneratorContext context(ApplicationSet set) {
    FileTree tree = FileTree.ofStrings(Map.of("envs/dev.yaml", "cluster: dev\nurl: https://d\n",
        "envs/bad.yaml", "cluster: [x]\n", "apps/web/k.yaml", "kind: ConfigMap\n"));
    return set.generatorContext().source(ref -> new ResolvedSource(ref,
        "0123456789abcdef0123456789abcdef01234567", tree)).build();
  }

  @Test
  void mutatedApplicationSets_readOrFailWithLoadException_andAlwaysReconcileToAPlan() {
    List<GeneratedApplication> owned = List.of(GeneratedApplication.of((JsonObject) JsonValue.of(
        Map.of("apiVersion", "argoproj.io/v1alpha1", "kind", "Application",
            "metadata", Map.of("name", "old", "namespace", "argocd"),
            "spec", Map.of("project", "default")))));
    qt().withExamples(500).forAll(mutations()).checkAssert(ms -> {
      String text = mutate(APPLICATION_SET, ms);
      List<ApplicationSet> sets;
      try {
        sets = ApplicationSetReader.defaults().read(text, "mutated.yaml").values();
      } catch (LoadException e) {
        assertThat(e.location().file()).isEqualTo("mutated.yaml");
        assertThat(e.getMessage().replace(e.object().orElse(""), ""))
            .doesNotContain("ghp_secretValue");
        return;
      }
      for (ApplicationSet set : sets) {
        ReconcilePlan plan = ApplicationSetReconciler.reconcile(set, context(set), owned,
            ReconcileOptions.defaults().withMaxDeleteShare(1.0));
        if (plan.failure().isPresent()) {
          assertThat(plan.deletes()).isEmpty();
          // an application's name is named in a failure, even when a mutation made a
          // parameter that held the secret into the name; nothing else may carry it
          assertThat(plan.failure().orElseThrow()
              .replaceAll("duplicate name: \\S+", "duplicate name: <name>"))
              .doesNotContain("ghp_secretValue");
        }
      }
    });
  }
}
