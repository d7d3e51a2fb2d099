package io.gitopskit.core.appset.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.appset.template.TemplateOptions;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.source.FileTree;
import io.gitopskit.core.source.ResolvedSource;
import io.gitopskit.core.source.SourceException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.generators.SourceDSL;

class GeneratorsTest {

  private static JsonObject obj(Object o) {
    return (JsonObject) JsonValue.of(o);
  }

  private static GeneratorContext withFiles(Map<String, String> files) {
    FileTree tree = FileTree.ofStrings(files);
    return GeneratorContext.builder("set")
        .source(ref -> new ResolvedSource(ref, "0123456789abcdef0123456789abcdef01234567", tree))
        .build();
  }

  /** The walk order compares whole segments: the same sign as splitting at '/' and comparing. */
  @Test
  void walkOrder_isSegmentBySegment() {
    // '-' and '.' sort below '/' by code; every segment starts with '0' so none is empty
    var dirs = SourceDSL.strings().betweenCodePoints('-', '0').ofLengthBetween(0, 8)
        .map(s -> "0" + s.replace("/", "/0"));
    QuickTheory.qt().forAll(dirs, dirs)
        .check((x, y) -> Integer.signum(GitGenerator.WALK_ORDER.compare(x, y))
            == Integer.signum(bySegments(x, y)));
    assertThat(List.of("a-b", "a/b", "a", "a.b/c").stream().sorted(GitGenerator.WALK_ORDER))
        .containsExactly("a", "a/b", "a-b", "a.b/c");
  }

  private static int bySegments(String x, String y) {
    String[] a = x.split("/");
    String[] b = y.split("/");
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      int c = a[i].compareTo(b[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.length, b.length);
  }

  @Test
  void failingSource_isAnError_neverAnEmptyList() {
    GeneratorContext ctx = GeneratorContext.builder("set").source(ref -> {
      throw new SourceException("failed to fetch https://git.example.com/repo: timeout", null);
    }).build();
    JsonObject entry = obj(Map.of("git", Map.of("repoURL", "https://git.example.com/repo",
        "directories", List.of(Map.of("path", "*")))));
    assertThatThrownBy(() -> Generators.builtIn().generate(entry, ctx))
        .isInstanceOf(GeneratorException.class).hasMessageContaining("error reading directories");
  }

  @Test
  void gitWithoutSource_isAnError() {
    JsonObject entry = obj(Map.of("git", Map.of("repoURL", "r", "files",
        List.of(Map.of("path", "*.yaml")))));
    assertThatThrownBy(() -> Generators.builtIn().generate(entry,
        GeneratorContext.builder("set").build())).hasMessageContaining("no source configured");
  }

  @Test
  void gitFiles_yamlArray_givesOneSetPerElement_andBadFilesFail() {
    GeneratorContext ctx = withFiles(Map.of("envs/list.yaml", "- env: dev\n- env: prod\n",
        "bad/x.yaml", "just a string\n"));
    JsonObject entry = obj(Map.of("git", Map.of("repoURL", "r", "files",
        List.of(Map.of("path", "envs/*.yaml")))));
    List<JsonObject> sets = Generators.builtIn().generate(entry, ctx);
    assertThat(sets).extracting(s -> s.getString("env").orElseThrow()).containsExactly("dev", "prod");
    assertThat(sets.get(0).getString("path.filename")).contains("list.yaml");
    JsonObject bad = obj(Map.of("git", Map.of("repoURL", "r", "files",
        List.of(Map.of("path", "bad/*.yaml")))));
    assertThatThrownBy(() -> Generators.builtIn().generate(bad, ctx))
        .hasMessageContaining("unable to process file 'bad/x.yaml'");
  }

  @Test
  void gitDirectories_pathMatchStarStaysInOneSegment() {
    GeneratorContext ctx = withFiles(Map.of("a/b/c.yaml", "", "a/d.yaml", ""));
    JsonObject entry = obj(Map.of("git", Map.of("repoURL", "r", "directories",
        List.of(Map.of("path", "a*")))));
    assertThat(Generators.builtIn().generate(entry, ctx))
        .extracting(s -> s.getString("path").orElseThrow()).containsExactly("a");
  }

  @Test
  void list_nonStringValueInParamMode_isAnError_butPassesInGoMode() {
    JsonObject entry = obj(Map.of("list", Map.of("elements", List.of(Map.of("replicas", 3)))));
    assertThatThrownBy(() -> Generators.builtIn().generate(entry,
        GeneratorContext.builder("s").build())).hasMessageContaining("elements[0].replicas");
    List<JsonObject> go = Generators.builtIn().generate(entry, GeneratorContext.builder("s")
        .templateOptions(TemplateOptions.go(List.of())).build());
    assertThat(go.get(0).toJson()).isEqualTo("{\"replicas\":3}");
  }

  @Test
  void list_elementsYaml_isAppended() {
    JsonObject entry = obj(Map.of("list", Map.of("elements", List.of(Map.of("a", "1")),
        "elementsYaml", "- a: \"2\"\n")));
    assertThat(Generators.builtIn().generate(entry, GeneratorContext.builder("s").build()))
        .extracting(s -> s.getString("a").orElseThrow()).containsExactly("1", "2");
  }

  @Test
  void entryRules_oneGeneratorPerEntry_knownTypesOnly() {
    GeneratorContext ctx = GeneratorContext.builder("s").build();
    assertThatThrownBy(() -> Generators.builtIn().generate(obj(Map.of(
        "list", Map.of("elements", List.of()), "clusters", Map.of())), ctx))
        .hasMessageContaining("more than one generator");
    assertThatThrownBy(() -> Generators.builtIn().generate(obj(Map.of("scmProvider", Map.of())),
        ctx)).hasMessageContaining("unknown generator \"scmProvider\"");
    assertThatThrownBy(() -> Generators.builtIn().generate(obj(Map.of("selector", Map.of())), ctx))
        .hasMessageContaining("holds no generator");
  }

  @Test
  void matrix_rules() {
    GeneratorContext ctx = GeneratorContext.builder("s").build();
    Map<String, Object> l1 = Map.of("list", Map.of("elements", List.of(Map.of("k", "1"))));
    Map<String, Object> l2 = Map.of("list", Map.of("elements", List.of(Map.of("k", "2"))));
    assertThatThrownBy(() -> Generators.builtIn().generate(obj(Map.of("matrix",
        Map.of("generators", List.of(l1)))), ctx))
        .hasMessageContaining("found less than two generators, Matrix support only two");
    assertThatThrownBy(() -> Generators.builtIn().generate(obj(Map.of("matrix",
        Map.of("generators", List.of(l1, l1, l1)))), ctx))
        .hasMessageContaining("more than two");
    assertThatThrownBy(() -> Generators.builtIn().generate(obj(Map.of("matrix",
        Map.of("generators", List.of(l1, l2)))), ctx))
        .hasMessageContaining("found duplicate key k with different value");
    Map<String, Object> inner = Map.of("matrix", Map.of("generators", List.of(l1, l1)));
    Map<String, Object> twoLevels = Map.of("matrix", Map.of("generators", List.of(inner, l1)));
    assertThatThrownBy(() -> Generators.builtIn().generate(obj(Map.of("matrix",
        Map.of("generators", List.of(twoLevels, l1)))), ctx))
        .hasMessageContaining("nest at most one level");
  }

  /** Argo CD keys the base child's sets too: duplicates there are the same error. */
  @Test
  void merge_duplicateKeysInTheBaseChild_areAnError() {
    Map<String, Object> dup = Map.of("list", Map.of("elements",
        List.of(Map.of("server", "s1", "a", "1"), Map.of("server", "s1", "a", "2"))));
    Map<String, Object> other = Map.of("list", Map.of("elements",
        List.of(Map.of("server", "s2"))));
    assertThatThrownBy(() -> Generators.builtIn().generate(obj(Map.of("merge", Map.of(
        "mergeKeys", List.of("server"), "generators", List.of(dup, other)))),
        GeneratorContext.builder("s").build()))
        .hasMessageContaining("not unique by the given mergeKeys")
        .hasMessageContaining("Duplicate key was {\"server\":\"s1\"}");
  }

  @Test
  void merge_duplicateKeysInALaterChild_areAnError() {
    Map<String, Object> base = Map.of("list", Map.of("elements",
        List.of(Map.of("server", "s1"))));
    Map<String, Object> dup = Map.of("list", Map.of("elements",
        List.of(Map.of("server", "s1", "a", "1"), Map.of("server", "s1", "a", "2"))));
    assertThatThrownBy(() -> Generators.builtIn().generate(obj(Map.of("merge", Map.of(
        "mergeKeys", List.of("server"), "generators", List.of(base, dup)))),
        GeneratorContext.builder("s").build()))
        .hasMessageContaining("not unique by the given mergeKeys")
        .hasMessageContaining("Duplicate key was {\"server\":\"s1\"}");
    assertThatThrownBy(() -> Generators.builtIn().generate(obj(Map.of("merge", Map.of(
        "generators", List.of(base, base)))), GeneratorContext.builder("s").build()))
        .hasMessageContaining("no merge keys");
  }

  @Test
  void clusters_nonEmptySelectorExcludesInCluster_andLocalSecretReplacesIt() {
    ClusterRegistry registry = ClusterRegistry.of(List.of(
        new ClusterInfo("local", ClusterInfo.IN_CLUSTER_SERVER, "", Map.of("env", "dev"), Map.of()),
        new ClusterInfo("prod", "https://prod", "team-a", Map.of("env", "prod"), Map.of())));
    GeneratorContext ctx = GeneratorContext.builder("s").clusters(registry).build();
    assertThat(Generators.builtIn().generate(obj(Map.of("clusters", Map.of())), ctx))
        .extracting(s -> s.getString("name").orElseThrow()).containsExactly("local", "prod");
    List<JsonObject> prod = Generators.builtIn().generate(obj(Map.of("clusters",
        Map.of("selector", Map.of("matchLabels", Map.of("env", "prod"))))), ctx);
    assertThat(prod).hasSize(1);
    assertThat(prod.get(0).getString("project")).contains("team-a");
    GeneratorContext empty = GeneratorContext.builder("s").build();
    assertThat(Generators.builtIn().generate(obj(Map.of("clusters",
        Map.of("selector", Map.of("matchLabels", Map.of("env", "prod"))))), empty)).isEmpty();
  }

  @Test
  void plugin_addsInputParameters_andFailsWithoutRegistration() {
    ParameterPlugin plugin = (name, input) -> List.of(obj(Map.of("app", name + "-a",
        "nested", Map.of("k", "v"))));
    GeneratorContext ctx = GeneratorContext.builder("my-set").plugin("cm", plugin).build();
    JsonObject entry = obj(Map.of("plugin", Map.of("configMapRef", Map.of("name", "cm"),
        "input", Map.of("parameters", Map.of("env", "dev")), "values", Map.of("x", "{{app}}"))));
    List<JsonObject> sets = Generators.builtIn().generate(entry, ctx);
    assertThat(sets.get(0).asMap()).containsEntry("app", JsonValue.of("my-set-a"))
        .containsEntry("nested.k", JsonValue.of("v"))
        .containsEntry("generator.input.parameters.env", JsonValue.of("dev"))
        .containsEntry("values.x", JsonValue.of("my-set-a"));
    assertThatThrownBy(() -> Generators.builtIn().generate(entry,
        GeneratorContext.builder("s").build())).hasMessageContaining("no plugin registered");
  }

  @Test
  void customGenerator_throughTheSpi() {
    Generator fixed = new Generator() {
      @Override
      public String type() {
        return "fixed";
      }

      @Override
      public List<JsonObject> generate(JsonObject config, GeneratorContext context) {
        return List.of(obj(Map.of("n", config.getString("n").orElse(""))));
      }
    };
    Generators registry = Generators.builtIn().with(fixed);
    GeneratorContext ctx = GeneratorContext.builder("s").generators(registry).build();
    JsonObject matrix = obj(Map.of("matrix", Map.of("generators", List.of(
        Map.of("fixed", Map.of("n", "7")),
        Map.of("list", Map.of("elements", List.of(Map.of("m", "{{n}}-x"))))))));
    assertThat(registry.generate(matrix, ctx).get(0).toJson())
        .isEqualTo("{\"m\":\"7-x\",\"n\":\"7\"}");
  }

  @Test
  void selector_badOperatorIsAnError() {
    JsonObject entry = obj(Map.of("list", Map.of("elements", List.of(Map.of("a", "b"))),
        "selector", Map.of("matchExpressions", List.of(Map.of("key", "a", "operator", "Gt",
            "values", List.of("1"))))));
    assertThatThrownBy(() -> Generators.builtIn().generate(entry,
        GeneratorContext.builder("s").build())).hasMessageContaining("error parsing label selector");
  }

  /**
   * Argo CD decodes git files with sigs.k8s.io/yaml (every number a float64) and flattens with
   * fmt.Sprintf("%v"): 1000000 becomes 1e+06 in {{param}} mode.
   */
  @Test
  void gitFiles_paramMode_numbersPrintAsGoFloats() {
    GeneratorContext ctx = withFiles(Map.of("c/config.yaml",
        "big: 1000000\nsix: 123456\nseven: 1234567\nhalf: 1.5\nthree: 3\nsmall: 0.00001\n"
            + "tiny: 0.0001\nneg: -2500000\nflag: true\nnothing: null\nhuge: 12345678901234567890\n"
            + "nested: {replicas: 2000000}\n"));
    JsonObject entry = obj(Map.of("git", Map.of("repoURL", "r", "files",
        List.of(Map.of("path", "c/*.yaml")))));
    JsonObject set = Generators.builtIn().generate(entry, ctx).get(0);
    assertThat(set.getString("big")).contains("1e+06");
    assertThat(set.getString("six")).contains("123456");
    assertThat(set.getString("seven")).contains("1.234567e+06");
    assertThat(set.getString("half")).contains("1.5");
    assertThat(set.getString("three")).contains("3");
    assertThat(set.getString("small")).contains("1e-05");
    assertThat(set.getString("tiny")).contains("0.0001");
    assertThat(set.getString("neg")).contains("-2.5e+06");
    assertThat(set.getString("flag")).contains("true");
    assertThat(set.getString("nothing")).contains("<nil>");
    assertThat(set.getString("huge")).contains("1.2345678901234567e+19");
    assertThat(set.getString("nested.replicas")).contains("2e+06");
  }
}
