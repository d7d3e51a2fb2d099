package io.gitopskit.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonValueTest {

  @Test
  void objectEquality_ignoresInsertionOrder() {
    JsonObject a = JsonObject.builder().put("b", "2").put("a", "1").build();
    JsonObject b = JsonObject.builder().put("a", "1").put("b", "2").build();
    assertThat(a).isEqualTo(b);
    assertThat(a.contentHash()).isEqualTo(b.contentHash());
    assertThat(a.keys()).containsExactly("a", "b");
    assertThat(a.toJson()).isEqualTo("{\"a\":\"1\",\"b\":\"2\"}");
  }

  @Test
  void contentHash_differsForDifferentContent() {
    JsonObject a = JsonObject.of("x", JsonString.of("1"));
    JsonObject b = JsonObject.of("x", JsonString.of("2"));
    JsonObject c = JsonObject.of("y", JsonString.of("1"));
    assertThat(a.contentHash()).isNotEqualTo(b.contentHash()).isNotEqualTo(c.contentHash());
    assertThat(JsonArray.of(JsonString.of("a"), JsonString.of("b")).contentHash())
        .isNotEqualTo(JsonArray.of(JsonString.of("b"), JsonString.of("a")).contentHash());
  }

  @Test
  void with_returnsNewObjectAndLeavesOriginalUnchanged() {
    JsonObject original = JsonObject.builder().put("a", "1").build();
    JsonObject changed = original.with("b", JsonString.of("2")).with("a", JsonString.of("9"));
    assertThat(original.toJson()).isEqualTo("{\"a\":\"1\"}");
    assertThat(changed.toJson()).isEqualTo("{\"a\":\"9\",\"b\":\"2\"}");
    assertThat(changed.without("a").without("missing").toJson()).isEqualTo("{\"b\":\"2\"}");
    assertThat(original.with("a", JsonString.of("1"))).isSameAs(original);
  }

  @Test
  void builder_laterPutWins_strictBuildRefusesDuplicates() {
    assertThat(JsonObject.builder().put("a", "1").put("a", "2").build().getString("a"))
        .contains("2");
    assertThatThrownBy(() -> JsonObject.builder().put("a", "1").put("a", "2").buildStrict())
        .isInstanceOf(DuplicateKeyException.class)
        .hasMessageContaining("\"a\"");
  }

  @Test
  void largeObjects_areSortedAndSearchable() {
    JsonObject.Builder b = JsonObject.builder();
    for (int i = 99; i >= 0; i--) {
      b.put("k" + i, JsonNumber.of(i));
    }
    JsonObject o = b.build();
    assertThat(o.size()).isEqualTo(100);
    assertThat(o.keyAt(0)).isEqualTo("k0");
    assertThat(o.getOrNull("k57")).isEqualTo(JsonNumber.of(57));
    assertThat(o.getOrNull("k100")).isNull();
  }

  @Test
  void numbers_areEqualByValue() {
    assertThat(JsonNumber.parse("1")).isEqualTo(JsonNumber.of(new BigDecimal("1.0")));
    assertThat(JsonNumber.parse("1e3")).isEqualTo(JsonNumber.of(1000));
    assertThat(JsonNumber.parse("0.50")).isEqualTo(JsonNumber.parse("0.5"));
    assertThat(JsonNumber.parse("0.5").toString()).isEqualTo("0.5");
    assertThat(JsonNumber.parse("123456789012345678901234").toString())
        .isEqualTo("123456789012345678901234");
    assertThat(JsonNumber.parse("1e-30").toString()).isEqualTo("1E-30");
    assertThat(JsonNumber.parse("1").hashCode()).isEqualTo(JsonNumber.parse("1.0").hashCode());
  }

  @Test
  void of_convertsJavaData() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("s", "x");
    map.put("n", 3);
    map.put("d", 0.25);
    map.put("b", true);
    map.put("z", null);
    map.put("l", List.of(1, "two"));
    assertThat(JsonValue.of(map).toJson())
        .isEqualTo("{\"b\":true,\"d\":0.25,\"l\":[1,\"two\"],\"n\":3,\"s\":\"x\",\"z\":null}");
    assertThatThrownBy(() -> JsonValue.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JsonValue.of(new Object()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toJson_escapesControlCharacters() {
    assertThat(JsonString.of("a\"b\\c\n\u0001\u2028").toJson())
        .isEqualTo("\"a\\\"b\\\\c\\n\\u0001\\u2028\"");
  }

  @Test
  void prettyJson_isIndented() {
    JsonValue v = JsonValue.of(Map.of("a", List.of(1, Map.of()), "b", Map.of("c", "d")));
    assertThat(v.toPrettyJson()).isEqualTo(
        "{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": {\n    \"c\": \"d\"\n  }\n}");
  }

  @Test
  void arrays_areImmutable() {
    JsonArray a = JsonArray.of(JsonNumber.of(1), JsonNumber.of(2));
    JsonArray b = a.append(JsonNumber.of(3)).with(0, JsonNumber.of(0)).without(1);
    assertThat(a.toJson()).isEqualTo("[1,2]");
    assertThat(b.toJson()).isEqualTo("[0,3]");
    assertThatThrownBy(() -> a.items().add(JsonNull.INSTANCE))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
