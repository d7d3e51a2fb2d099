package io.gitopskit.core.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.GroupVersionKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Runs smp-conformance.yaml: apimachinery's strategic merge behaviour on its MergeItem type. */
class StrategicMergePatchConformanceTest {

  private static final GroupVersionKind GVK = new GroupVersionKind("test", "v1", "MergeItem");

  /** The MergeItem test type: field semantics by field name, at any depth. */
  static final TypeInfo MERGE_ITEM = new TypeInfo() {
    @Override
    public ListInfo list(GroupVersionKind gvk, List<String> path) {
      switch (path.get(path.size() - 1)) {
        case "mergingList":
        case "mergeItemPtr":
          return ListInfo.map("name").withPatch("merge", "name");
        case "retainKeysMergingList":
          return ListInfo.map("name").withPatch("merge,retainKeys", "name");
        case "mergingIntList":
          return ListInfo.set().withPatch("merge", null);
        default:
          return ListInfo.atomic();
      }
    }

    @Override
    public boolean atomicMap(GroupVersionKind gvk, List<String> path) {
      return false;
    }

    @Override
    public Optional<String> mapPatchStrategy(GroupVersionKind gvk, List<String> path) {
      switch (path.get(path.size() - 1)) {
        case "retainKeysMap":
          return Optional.of("retainKeys");
        case "replacingItem":
          return Optional.of("replace");
        default:
          return Optional.empty();
      }
    }
  };

  @TestFactory
  Stream<DynamicTest> cases() throws IOException {
    JsonObject file;
    try (InputStream in = getClass().getResourceAsStream("smp-conformance.yaml")) {
      file = Json.yaml(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    JsonArray cases = file.getArray("cases").orElseThrow();
    assertThat(cases.size()).isGreaterThan(30);
    return cases.items().stream().map(c -> (JsonObject) c)
        .map(c -> DynamicTest.dynamicTest(c.getString("name").orElseThrow(), () -> run(c)));
  }

  private static void run(JsonObject c) {
    JsonObject original = c.getObject("original").orElse(JsonObject.empty());
    Optional<JsonObject> patch = c.getObject("patch");
    if (patch.isPresent()) {
      if (c.has("error")) {
        assertThatThrownBy(() -> StrategicMergePatch.apply(MERGE_ITEM, GVK, original,
            patch.get())).isInstanceOf(PatchException.class)
            .hasMessageContaining(c.getString("error").orElseThrow());
        return;
      }
      assertThat(StrategicMergePatch.apply(MERGE_ITEM, GVK, original, patch.get()))
          .isEqualTo(c.getObject("modified").orElseThrow());
      return;
    }
    JsonObject modified = c.getObject("modified").orElseThrow();
    JsonObject twoWay = StrategicMergePatch.diff(MERGE_ITEM, GVK, original, modified);
    c.getObject("twoWay").ifPresent(expected ->
        assertThat(normalize(twoWay, "")).as("two-way patch")
            .isEqualTo(normalize(expected, "")));
    assertThat(StrategicMergePatch.apply(MERGE_ITEM, GVK, original, twoWay)).as("two-way result")
        .isEqualTo(c.getObject("twoWayResult").orElse(modified));
    JsonObject current = c.getObject("current").orElseThrow();
    JsonObject threeWay = StrategicMergePatch.threeWay(MERGE_ITEM, GVK,
        c.getObject("original").orElse(null), modified, current);
    assertThat(normalize(threeWay, "")).as("three-way patch")
        .isEqualTo(normalize(c.getObject("threeWay").orElseThrow(), ""));
    assertThat(StrategicMergePatch.apply(MERGE_ITEM, GVK, current, threeWay))
        .as("three-way result").isEqualTo(c.getObject("result").orElseThrow());
  }

  /**
   * Sorts what apimachinery's tests compare order-insensitively: merged lists by name, merged
   * scalar lists, {@code $retainKeys} and {@code $deleteFromPrimitiveList}.
   */
  private static JsonValue normalize(JsonValue v, String key) {
    if (v instanceof JsonObject o) {
      JsonObject.Builder b = JsonObject.builder();
      for (int i = 0; i < o.size(); i++) {
        b.put(o.keyAt(i), normalize(o.valueAt(i), o.keyAt(i)));
      }
      return b.build();
    }
    if (v instanceof JsonArray a) {
      List<JsonValue> items = new ArrayList<>();
      boolean sorted = key.equals("$retainKeys") || key.startsWith("$deleteFromPrimitiveList/")
          || MERGE_ITEM.list(GVK, List.of(key)).patchMerges();
      for (JsonValue item : a.items()) {
        items.add(normalize(item, ""));
      }
      if (sorted && !key.startsWith("$setElementOrder/")) {
        items.sort(Comparator.comparing(item -> item instanceof JsonObject o
            ? o.getOrNull("name") + "" + o.getOrNull("$patch") : item.toJson()));
      }
      return JsonArray.of(items);
    }
    return v;
  }
}
