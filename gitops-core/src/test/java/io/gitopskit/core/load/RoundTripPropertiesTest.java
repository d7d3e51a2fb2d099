package io.gitopskit.core.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ManifestSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Properties of loading and writing: parse(serialize(m)) equals m, and output is canonical. */
class RoundTripPropertiesTest {

  private final ManifestLoader loader = ManifestLoader.defaults();

  @Test
  void yamlRoundTrip_givesBackAnEqualManifest() {
    qt().withExamples(400).forAll(ManifestGen.manifests()).checkAssert(m -> {
      String yaml = ManifestWriter.toYaml(m);
      ManifestSet back = loader.loadYaml(yaml, "gen.yaml");
      assertThat(back.size()).isEqualTo(1);
      assertThat(back.asList().get(0).root()).as(yaml).isEqualTo(m.root());
    });
  }

  @Test
  void jsonRoundTrip_givesBackAnEqualManifest() {
    qt().withExamples(400).forAll(ManifestGen.manifests()).checkAssert(m -> {
      assertThat(loader.loadJson(ManifestWriter.toJson(m), "gen.json").asList().get(0))
          .isEqualTo(m);
      assertThat(loader.loadJson(ManifestWriter.toPrettyJson(m), "gen.json").asList().get(0))
          .isEqualTo(m);
    });
  }

  @Test
  void multiDocumentRoundTrip_keepsOrder() {
    qt().withExamples(100).forAll(ManifestGen.manifests(), ManifestGen.manifests(),
        ManifestGen.manifests())
        .checkAssert((a, b, c) -> {
          ManifestSet set = ManifestSet.of(a.withName("a"), b.withName("b"), c.withName("c"));
          assertThat(loader.loadYaml(ManifestWriter.toYaml(set), "set.yaml")).isEqualTo(set);
        });
  }

  @Test
  void output_isIndependentOfInsertionOrder_andHashesAgree() {
    qt().withExamples(300).forAll(ManifestGen.manifests()).checkAssert(m -> {
      Manifest shuffled = Manifest.of((JsonObject) ManifestGen.reversed(m.root()));
      assertThat(shuffled).isEqualTo(m);
      assertThat(shuffled.contentHash()).isEqualTo(m.contentHash());
      assertThat(ManifestWriter.toYaml(shuffled)).isEqualTo(ManifestWriter.toYaml(m));
      assertThat(ManifestWriter.toJson(shuffled)).isEqualTo(ManifestWriter.toJson(m));
    });
  }

  @Test
  void arbitraryTrees_roundTripThroughReadDocuments() {
    qt().withExamples(400).forAll(ManifestGen.values(5)).checkAssert(v -> {
      List<JsonValue> back = loader.readDocuments(ManifestWriter.toYaml(v), "v.yaml");
      if (v instanceof io.gitopskit.core.json.JsonNull) {
        assertThat(back).isEmpty();
      } else {
        assertThat(back).as(ManifestWriter.toYaml(v)).containsExactly(v);
      }
    });
  }
}
