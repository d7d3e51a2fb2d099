package io.gitopskit.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonPointerTest {

  private final JsonValue doc = JsonValue.of(Map.of(
      "metadata", Map.of("annotations", Map.of("a/b", "slash", "c~d", "tilde")),
      "spec", Map.of("containers", List.of(Map.of("name", "web", "image", "nginx:1")))));

  @Test
  void parse_unescapesTildeAndSlash_andRoundTrips() {
    JsonPointer p = JsonPointer.parse("/metadata/annotations/a~1b");
    assertThat(p.tokens()).containsExactly("metadata", "annotations", "a/b");
    assertThat(p.toString()).isEqualTo("/metadata/annotations/a~1b");
    assertThat(JsonPointer.parse("/x/c~0d").tokens()).containsExactly("x", "c~d");
    assertThat(JsonPointer.parse("")).isEqualTo(JsonPointer.ROOT);
    assertThatThrownBy(() -> JsonPointer.parse("no-slash"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JsonPointer.parse("/bad~2"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void get_readsThroughObjectsAndArrays() {
    assertThat(JsonPointer.parse("/spec/containers/0/image").get(doc))
        .contains(JsonString.of("nginx:1"));
    assertThat(JsonPointer.parse("/metadata/annotations/c~0d").get(doc))
        .contains(JsonString.of("tilde"));
    assertThat(JsonPointer.parse("/spec/containers/1").get(doc)).isEmpty();
    assertThat(JsonPointer.parse("/spec/containers/01").get(doc)).isEmpty();
    assertThat(JsonPointer.parse("/spec/containers/0/image/deeper").get(doc)).isEmpty();
  }

  @Test
  void set_createsMissingObjects_andLeavesTheInputUnchanged() {
    JsonValue changed = JsonPointer.parse("/spec/replicas").set(doc, JsonNumber.of(3));
    JsonValue created = JsonPointer.parse("/status/conditions").set(doc, JsonArray.empty());
    JsonValue appended = JsonPointer.parse("/spec/containers/-").set(doc, JsonObject.empty());
    assertThat(JsonPointer.parse("/spec/replicas").get(changed)).contains(JsonNumber.of(3));
    assertThat(JsonPointer.parse("/status/conditions").get(created)).contains(JsonArray.empty());
    assertThat(((JsonArray) JsonPointer.parse("/spec/containers").get(appended).get()).size())
        .isEqualTo(2);
    assertThat(JsonPointer.parse("/spec/replicas").get(doc)).isEmpty();
    assertThatThrownBy(() -> JsonPointer.parse("/spec/containers/5").set(doc, JsonNull.INSTANCE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/spec/containers");
  }

  @Test
  void remove_dropsTheValue_orReturnsTheSameTreeWhenAbsent() {
    JsonValue removed = JsonPointer.parse("/spec/containers/0/image").remove(doc);
    assertThat(JsonPointer.parse("/spec/containers/0/image").get(removed)).isEmpty();
    assertThat(JsonPointer.parse("/spec/containers/0/name").get(removed))
        .contains(JsonString.of("web"));
    assertThat(JsonPointer.parse("/nothing/here").remove(doc)).isSameAs(doc);
  }
}
