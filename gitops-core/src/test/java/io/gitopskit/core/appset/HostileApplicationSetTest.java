package io.gitopskit.core.appset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.gitopskit.core.appset.generator.GeneratorContext;
import io.gitopskit.core.appset.generator.GeneratorException;
import io.gitopskit.core.appset.template.TemplateOptions;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.load.LoadLimits;
import io.gitopskit.core.source.FileTree;
import io.gitopskit.core.source.ResolvedSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * ApplicationSets whose generators are pointed at hostile data (huge files, YAML bombs, deeply
 * nested JSON) or asked for an enormous number of applications. Each must end in a failed plan
 * that names the cause — no out-of-memory, and above all no application deleted because of it.
 */
class HostileApplicationSetTest {

  private static final Duration GUARD = Duration.ofSeconds(10);
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  private static JsonObject obj(Object o) {
    return (JsonObject) JsonValue.of(o);
  }

  private static final JsonObject TEMPLATE = obj(Map.of(
      "metadata", Map.of("name", "{{name}}"),
      "spec", Map.of("project", "default",
          "source", Map.of("repoURL", "https://git.example.com/apps", "path", "{{name}}"),
          "destination", Map.of("server", "https://kubernetes.default.svc",
              "namespace", "{{name}}"))));

  private static JsonObject gitFiles(String path) {
    return obj(Map.of("git", Map.of("repoURL", "https://git.example.com/config",
        "files", List.of(Map.of("path", path)))));
  }

  private static ApplicationSet set(JsonObject generator) {
    return ApplicationSet.builder("envs").generator(generator).template(TEMPLATE).build();
  }

  private static GeneratorContext.Builder source(ApplicationSet s, FileTree tree) {
    return s.generatorContext().source(ref -> new ResolvedSource(ref, COMMIT, tree));
  }

  /** The applications a healthy tree gives: what the ApplicationSet owns before the attack. */
  private static List<GeneratedApplication> owned(ApplicationSet s) {
    FileTree good = FileTree.ofStrings(Map.of("config/dev.yaml", "name: dev\n",
        "config/prod.yaml", "name: prod\n"));
    ReconcilePlan plan = ApplicationSetReconciler.reconcile(s, source(s, good).build(),
        List.of(), ReconcileOptions.defaults());
    assertThat(plan.creates()).hasSize(2);
    return plan.creates();
  }

  private static ReconcilePlan reconcile(ApplicationSet s, GeneratorContext context,
      List<GeneratedApplication> owned) {
    return assertTimeoutPreemptively(GUARD, () -> ApplicationSetReconciler.reconcile(s,
        context, owned, ReconcileOptions.defaults()));
  }

  /** The plan failed, says why, and writes nothing: no create, update or delete. */
  private static void assertChangesNothing(ReconcilePlan plan, String... reasons) {
    assertThat(plan.failure()).isPresent();
    for (String r : reasons) {
      assertThat(plan.failure().orElseThrow()).contains(r);
    }
    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.deletes()).isEmpty();
    assertThat(plan.creates()).isEmpty();
    assertThat(plan.updates()).isEmpty();
  }

  /** A tree whose one file claims a huge size and must never be read. */
  private static FileTree hugeFileTree(String path, long size) {
    return new FileTree() {
      @Override
      public List<String> paths() {
        return List.of(path);
      }

      @Override
      public byte[] read(String p) {
        throw new AssertionError("a file over the size limit must not be read");
      }

      @Override
      public long size(String p) {
        return size;
      }
    };
  }

  // ---------------------------------------------------------------- git files

  @Test
  void gitFiles_hugeFile_isRefusedBeforeReading_andNothingIsDeleted() {
    ApplicationSet s = set(gitFiles("config/*.yaml"));
    List<GeneratedApplication> owned = owned(s);
    ReconcilePlan plan = reconcile(s, source(s, hugeFileTree("config/dev.yaml",
        8L * 1024 * 1024 * 1024)).build(), owned);
    assertChangesNothing(plan, "spec.generators[0]", "config/dev.yaml", "more than the limit");
  }

  @Test
  void gitFiles_billionLaughs_isRefused_namingTheFile_andNothingIsDeleted() {
    StringBuilder bomb = new StringBuilder("a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n");
    for (char c = 'b'; c <= 'i'; c++) {
      bomb.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        bomb.append(i == 0 ? "" : ",").append('*').append((char) (c - 1));
      }
      bomb.append("]\n");
    }
    ApplicationSet s = set(gitFiles("config/*.yaml"));
    List<GeneratedApplication> owned = owned(s);
    FileTree tree = FileTree.ofStrings(Map.of("config/dev.yaml", "name: dev\n",
        "config/prod.yaml", "name: prod\n" + bomb));
    assertChangesNothing(reconcile(s, source(s, tree).build(), owned), "config/prod.yaml",
        "nodes");
  }

  @Test
  void gitFiles_deeplyNestedJson_isRefused_andNothingIsDeleted() {
    ApplicationSet s = set(gitFiles("config/*.json"));
    List<GeneratedApplication> owned = owned(set(gitFiles("config/*.yaml")));
    String deep = "{\"name\": \"x\", \"k\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    FileTree tree = FileTree.ofStrings(Map.of("config/dev.json", deep));
    assertChangesNothing(reconcile(s, source(s, tree).build(), owned), "config/dev.json",
        "nesting");
  }

  @Test
  void gitFiles_callersLoadLimits_apply_toEachFileAndToAllFilesTogether() {
    ApplicationSet s = set(gitFiles("config/*.json"));
    List<GeneratedApplication> owned = owned(set(gitFiles("config/*.yaml")));
    StringBuilder wide = new StringBuilder("[");
    for (int i = 0; i < 5_000; i++) {
      wide.append(i == 0 ? "" : ",").append("{\"name\":\"a").append(i).append("\"}");
    }
    FileTree one = FileTree.ofStrings(Map.of("config/dev.json", wide.append("]").toString()));
    assertChangesNothing(reconcile(s, source(s, one)
        .loadLimits(LoadLimits.defaults().withMaxNodes(1_000)).build(), owned),
        "config/dev.json", "1000");

    Map<String, String> files = new TreeMap<>();
    for (int i = 0; i < 20; i++) {
      files.put("config/f" + i + ".json", "{\"name\": \"n" + i + "\", \"pad\": \""
          + "x".repeat(1000) + "\"}");
    }
    FileTree many = FileTree.ofStrings(files);
    ReconcilePlan fine = ApplicationSetReconciler.reconcile(s, source(s, many).build(), owned,
        ReconcileOptions.defaults());
    assertThat(fine.creates()).hasSize(20);
    assertChangesNothing(reconcile(s, source(s, many)
        .loadLimits(LoadLimits.defaults().withMaxTotalBytes(10_000)).build(), owned),
        "config/f", "together");
  }

  // ---------------------------------------------------------------- too many applications

  private static JsonObject list(String key, int n) {
    List<Object> elements = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      elements.add(Map.of(key, key + i));
    }
    return obj(Map.of("list", Map.of("elements", elements)));
  }

  private static JsonObject matrix(JsonObject first, JsonObject second) {
    return JsonObject.of("matrix", JsonObject.of("generators", JsonArray.of(first, second)));
  }

  @Test
  void matrixOfAMillion_isRefusedAtTheDefaultLimit_andNothingIsDeleted() {
    JsonObject entry = matrix(list("a", 1000), list("b", 1000));
    ApplicationSet s = ApplicationSet.builder("envs").generator(entry).template(TEMPLATE
        .with("metadata", obj(Map.of("name", "{{a}}-{{b}}")))).build();
    List<GeneratedApplication> owned = owned(set(gitFiles("config/*.yaml")));
    ReconcilePlan plan = reconcile(s, s.generatorContext().build(), owned);
    assertChangesNothing(plan, "matrix", "more than "
        + GeneratorContext.DEFAULT_MAX_PARAMETER_SETS + " parameter sets",
        "GeneratorContext.maxParameterSets");
  }

  @Test
  void nestedMatrix_isRefusedAsSoonAsAChildPassesTheLimit() {
    JsonObject inner = matrix(list("a", 1000), list("b", 1000));
    JsonObject entry = matrix(inner, list("c", 1000));
    GeneratorContext ctx = GeneratorContext.builder("s").build();
    assertThatThrownBy(() -> assertTimeoutPreemptively(GUARD,
        () -> ctx.generators().generate(entry, ctx)))
        .isInstanceOf(GeneratorException.class)
        .hasMessageContaining("more than 10000 parameter sets");
  }

  @Test
  void theLimit_isConfigurable_andCountsTheWholeApplicationSet() {
    GeneratorContext small = GeneratorContext.builder("s").maxParameterSets(49).build();
    assertThat(small.generators().generate(matrix(list("a", 7), list("b", 7)), small))
        .hasSize(49);
    assertThatThrownBy(() -> small.generators().generate(matrix(list("a", 7), list("b", 8)),
        small)).isInstanceOf(GeneratorException.class).hasMessageContaining("more than 49");
    assertThatThrownBy(() -> small.generators().generate(list("a", 50), small))
        .isInstanceOf(GeneratorException.class).hasMessageContaining("the list generator");

    ApplicationSet three = ApplicationSet.builder("s").generator(list("name", 20))
        .generator(list("name", 20).with("list", obj(Map.of("elements", List.of(
            Map.of("name", "x1"), Map.of("name", "x2"))))))
        .generator(list("name", 30)).template(TEMPLATE).build();
    ReconcilePlan plan = ApplicationSetReconciler.reconcile(three,
        three.generatorContext().maxParameterSets(49).build(), List.of(),
        ReconcileOptions.defaults());
    assertChangesNothing(plan, "the ApplicationSet s", "more than 49");
    assertThatThrownBy(() -> GeneratorContext.builder("s").maxParameterSets(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void plugin_returningTooManySets_orFailingWithASecret_changesNothing() {
    ApplicationSet s = set(obj(Map.of("plugin", Map.of("configMapRef", Map.of("name", "p"),
        "input", Map.of("parameters", Map.of("token", "ghp_pluginT0ken"))))));
    List<GeneratedApplication> owned = owned(set(gitFiles("config/*.yaml")));
    List<JsonObject> many = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      many.add(obj(Map.of("name", "n" + i)));
    }
    ReconcilePlan flood = reconcile(s, s.generatorContext().plugin("p", (n, in) -> many)
        .build(), owned);
    assertChangesNothing(flood, "plugin \"p\"", "more than 10000");
    ReconcilePlan failing = reconcile(s, s.generatorContext().plugin("p", (n, in) -> {
      throw new IllegalStateException("401 for request with token "
          + in.getString("token").orElseThrow());
    }).build(), owned);
    assertChangesNothing(failing, "plugin", "IllegalStateException");
    assertThat(failing.failure().orElseThrow()).doesNotContain("ghp_pluginT0ken");
    ReconcilePlan nulls = reconcile(s, s.generatorContext().plugin("p",
        (n, in) -> java.util.Arrays.asList(obj(Map.of("name", "a")), null)).build(), owned);
    assertChangesNothing(nulls, "null parameter set");
  }

  @Test
  void goTemplate_bombInTheTemplate_changesNothing() {
    JsonObject template = TEMPLATE.with("metadata",
        obj(Map.of("name", "{{ .name }}{{ range 1000000000 }}{{ end }}")));
    ApplicationSet s = ApplicationSet.builder("envs").generator(gitFiles("config/*.yaml"))
        .template(template).goTemplate(true).build();
    List<GeneratedApplication> owned = owned(set(gitFiles("config/*.yaml")));
    FileTree good = FileTree.ofStrings(Map.of("config/dev.yaml", "name: dev\n"));
    ReconcilePlan plan = reconcile(s, source(s, good).build(), owned);
    assertChangesNothing(plan, "metadata.name", "steps");
    assertThat(s.templateOptions()).isEqualTo(TemplateOptions.go(List.of()));
  }

  @Test
  void gitFiles_hugeParameterRepeatedInTheTemplate_changesNothing() {
    JsonObject template = TEMPLATE.with("spec", obj(Map.of("project", "default",
        "source", Map.of("repoURL", "r", "helm", Map.of("values",
            "{{big}}{{big}}{{big}}{{big}}{{big}}")),
        "destination", Map.of("server", "https://k", "namespace", "x"))));
    ApplicationSet s = ApplicationSet.builder("envs").generator(gitFiles("config/*.yaml"))
        .template(template).build();
    String big = "big: " + "x".repeat(1_000_000) + "\nname: dev\n";
    FileTree tree = FileTree.of(Map.of("config/dev.yaml", big.getBytes(StandardCharsets.UTF_8)));
    assertChangesNothing(reconcile(s, source(s, tree).build(), List.of()),
        "spec.source.helm.values", "longer than");
  }
}
