package io.gitopskit.core.appset.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.appset.template.TemplateOptions;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.source.FileTree;
import io.gitopskit.core.source.ResolvedSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs the ApplicationSet generator vectors of {@code appset-vectors.yaml}. */
class GeneratorVectorsTest {

  static Stream<Named<JsonObject>> vectors() throws IOException {
    String text;
    try (InputStream in = GeneratorVectorsTest.class.getResourceAsStream(
        "/io/gitopskit/core/appset/appset-vectors.yaml")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    JsonObject root = (JsonObject) ManifestLoader.defaults().readDocuments(text, "appset-vectors.yaml")
        .get(0);
    List<Named<JsonObject>> out = new ArrayList<>();
    for (JsonValue v : root.getArray("vectors").orElseThrow().items()) {
      JsonObject o = (JsonObject) v;
      out.add(Named.of(o.getString("name").orElseThrow(), o));
    }
    assertThat(out).hasSizeGreaterThanOrEqualTo(20);
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void vector(JsonObject v) {
    GeneratorContext context = context(v);
    JsonObject entry = v.getObject("generator").orElseThrow();
    if (v.has("error")) {
      assertThatThrownBy(() -> Generators.builtIn().generate(entry, context))
          .isInstanceOf(GeneratorException.class)
          .hasMessageContaining(v.getString("error").orElseThrow());
      return;
    }
    List<JsonObject> actual = Generators.builtIn().generate(entry, context);
    List<JsonValue> expected = v.getArray("expected").orElseThrow().items();
    if (v.getOrNull("ordered") instanceof JsonBoolean b && b.value()) {
      assertThat(actual).as(v.getString("origin").orElse("")).containsExactlyElementsOf(
          expected.stream().map(JsonObject.class::cast).toList());
    } else {
      assertThat(actual).as(v.getString("origin").orElse("")).containsExactlyInAnyOrderElementsOf(
          expected.stream().map(JsonObject.class::cast).toList());
    }
  }

  static GeneratorContext context(JsonObject v) {
    boolean go = v.getOrNull("goTemplate") instanceof JsonBoolean b && b.value();
    GeneratorContext.Builder b = GeneratorContext.builder("vector")
        .templateOptions(go ? TemplateOptions.go(List.of()) : TemplateOptions.fast())
        .newGitFileGlobbing(v.getOrNull("newGitFileGlobbing") instanceof JsonBoolean n
            && n.value());
    Map<String, String> files = new TreeMap<>();
    v.getObject("files").ifPresent(f -> {
      for (int i = 0; i < f.size(); i++) {
        files.put(f.keyAt(i), ((JsonString) f.valueAt(i)).value());
      }
    });
    FileTree tree = FileTree.ofStrings(files);
    b.source(ref -> new ResolvedSource(ref, "0123456789abcdef0123456789abcdef01234567", tree));
    List<ClusterInfo> clusters = new ArrayList<>();
    for (JsonValue c : v.getArray("clusters").orElse(JsonArray.empty()).items()) {
      JsonObject o = (JsonObject) c;
      clusters.add(new ClusterInfo(o.getString("name").orElseThrow(),
          o.getString("server").orElseThrow(), o.getString("project").orElse(""),
          strings(o.getObject("labels").orElse(JsonObject.empty())),
          strings(o.getObject("annotations").orElse(JsonObject.empty()))));
    }
    b.clusters(ClusterRegistry.of(clusters));
    return b.build();
  }

  private static Map<String, String> strings(JsonObject o) {
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i < o.size(); i++) {
      m.put(o.keyAt(i), ((JsonString) o.valueAt(i)).value());
    }
    return m;
  }
}
