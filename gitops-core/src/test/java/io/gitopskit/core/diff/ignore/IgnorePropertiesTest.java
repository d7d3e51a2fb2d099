package io.gitopskit.core.diff.ignore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.Manifest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/** Properties of ignore rules over random objects and paths. */
class IgnorePropertiesTest {

  private static final List<String> KEYS = List.of("a", "b", "c");

  /** A path below {@code data}: tokens are keys, or indices when {@code indices} is set. */
  private static Gen<List<String>> paths(boolean indices) {
    return in -> {
      int n = (int) in.next(Constraint.between(1, 3));
      List<String> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        boolean index = indices && in.next(Constraint.between(0, 2)) == 0;
        out.add(index ? Long.toString(in.next(Constraint.between(0, 1)))
            : KEYS.get((int) in.next(Constraint.between(0, 2))));
      }
      return out;
    };
  }

  private static Gen<Manifest> manifests() {
    return in -> Manifest.of(JsonObject.builder()
        .put("apiVersion", "v1").put("kind", "ConfigMap")
        .put("metadata", JsonObject.of("name", JsonString.of("c")))
        .put("data", object(in, 3)).build());
  }

  private static JsonObject object(RandomnessSource in, int depth) {
    JsonObject.Builder b = JsonObject.builder();
    int n = (int) in.next(Constraint.between(0, 3));
    for (int i = 0; i < n; i++) {
      b.put(KEYS.get((int) in.next(Constraint.between(0, 2))), value(in, depth));
    }
    return b.build();
  }

  private static JsonValue value(RandomnessSource in, int depth) {
    int kind = (int) in.next(Constraint.between(0, depth > 0 ? 6 : 3));
    switch (kind) {
      case 0:
        return JsonString.of(KEYS.get((int) in.next(Constraint.between(0, 2))));
      case 1:
        return JsonNumber.of(in.next(Constraint.between(-2, 2)));
      case 2:
        return JsonBoolean.of(in.next(Constraint.between(0, 1)) == 1);
      case 3:
        return JsonNull.INSTANCE;
      case 4:
      case 5:
        return object(in, depth - 1);
      default:
        JsonArray.Builder a = JsonArray.builder();
        int n = (int) in.next(Constraint.between(0, 2));
        for (int i = 0; i < n; i++) {
          a.add(value(in, depth - 1));
        }
        return a.build();
    }
  }

  private static String pointer(List<String> path) {
    return "/data/" + String.join("/", path);
  }

  private static String jqPath(List<String> path) {
    StringBuilder b = new StringBuilder(".data");
    for (String t : path) {
      b.append(Character.isDigit(t.charAt(0)) ? "[" + t + "]?" : "." + t + "?");
    }
    return b.toString();
  }

  private static IgnoreRules byPointer(List<String> path) {
    return IgnoreRules.of(IgnoreRule.of("", "ConfigMap").withJsonPointers(pointer(path)));
  }

  @Test
  void jsonPointerAndEquivalentJqPath_removeTheSame() {
    qt().withExamples(300).forAll(manifests(), paths(true)).checkAssert((m, path) -> {
      IgnoreRules jq = IgnoreRules.of(IgnoreRule.of("", "ConfigMap")
          .withJqPathExpressions(jqPath(path)));
      assertThat(jq.normalize(m)).as(jqPath(path)).isEqualTo(byPointer(path).normalize(m));
    });
  }

  @Test
  void keyPaths_areGone_normalizationIsIdempotent_andIdentityStays() {
    qt().withExamples(300).forAll(manifests(), paths(false)).checkAssert((m, path) -> {
      IgnoreRules rules = byPointer(path);
      Manifest n = rules.normalize(m);
      assertThat(n.at(pointer(path))).isEmpty();
      assertThat(rules.normalize(n)).isEqualTo(n);
      assertThat(n.key()).isEqualTo(m.key());
    });
  }

  @Test
  void respectIgnoreDifferences_changesOnlyIgnoredFields() {
    qt().withExamples(300).forAll(manifests(), manifests(), paths(false))
        .checkAssert((desired, live, path) -> {
          IgnoreRules rules = byPointer(path);
          Manifest applied = rules.respectIgnoreDifferences(desired, live);
          assertThat(rules.normalize(applied)).isEqualTo(rules.normalize(desired));
          assertThat(applied.at(pointer(path))).isEqualTo(
              desired.at(pointer(path)).isPresent() ? live.at(pointer(path))
                  : java.util.Optional.empty());
          assertThat(rules.respectIgnoreDifferences(desired, desired)).isEqualTo(desired);
        });
  }
}
