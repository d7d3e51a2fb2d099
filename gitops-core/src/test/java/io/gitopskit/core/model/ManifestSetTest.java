package io.gitopskit.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestSetTest {

  static Manifest cm(String namespace, String name) {
    return Manifest.of((JsonObject) JsonValue.of(Map.of("apiVersion", "v1", "kind", "ConfigMap",
        "metadata", Map.of("name", name, "namespace", namespace))));
  }

  @Test
  void keepsInsertionOrder_andSortsOnRequest() {
    ManifestSet set = ManifestSet.of(cm("b", "x"), cm("a", "y"), cm("a", "x"));
    assertThat(set.keys()).extracting(ResourceKey::toString)
        .containsExactly("/ConfigMap/b/x", "/ConfigMap/a/y", "/ConfigMap/a/x");
    assertThat(set.sorted().keys()).extracting(ResourceKey::toString)
        .containsExactly("/ConfigMap/a/x", "/ConfigMap/a/y", "/ConfigMap/b/x");
    assertThat(set.get(ResourceKey.parse("/ConfigMap/a/y"))).contains(cm("a", "y"));
    assertThat(set.contains(ResourceKey.parse("/ConfigMap/c/y"))).isFalse();
  }

  @Test
  void duplicateKey_isAnErrorNamingBothOrigins() {
    Manifest first = cm("a", "x").withOrigin(new SourceLocation("one.yaml", 3, 1, 1));
    Manifest second = cm("a", "x").withLabel("v", "2")
        .withOrigin(new SourceLocation("two.yaml", 7, 1, 2));
    assertThatThrownBy(() -> ManifestSet.of(first, second))
        .isInstanceOf(DuplicateResourceException.class)
        .hasMessage("duplicate resource /ConfigMap/a/x: defined at one.yaml:3:1 (document 1)"
            + " and again at two.yaml:7:1 (document 2)");
  }

  @Test
  void with_replacesInPlace_filter_andConcat() {
    ManifestSet set = ManifestSet.of(cm("a", "x"), cm("a", "y"));
    ManifestSet replaced = set.with(cm("a", "x").withLabel("l", "1"));
    assertThat(replaced.asList().get(0).labels()).containsKey("l");
    assertThat(set.asList().get(0).labels()).isEmpty();
    assertThat(set.with(cm("a", "z")).size()).isEqualTo(3);
    assertThat(set.filter(m -> m.name().equals("y")).keys()).hasSize(1);
    assertThatThrownBy(() -> set.concat(ManifestSet.of(cm("a", "y"))))
        .isInstanceOf(DuplicateResourceException.class);
    assertThat(ManifestSet.empty().isEmpty()).isTrue();
  }
}
