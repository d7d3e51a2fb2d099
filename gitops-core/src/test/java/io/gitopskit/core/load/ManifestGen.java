package io.gitopskit.core.load;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.Manifest;
import java.math.BigDecimal;
import java.util.List;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/** QuickTheories generators for JSON trees and manifests full of YAML-hostile strings. */
final class ManifestGen {

  private ManifestGen() {}

  private static final List<String> TRICKY = List.of("", " ", "yes", "No", "ON", "off", "y", "n",
      "true", "False", "null", "~", "NULL", "0644", "0x1F", "1_000", "1e3", "1.0", ".5", "-1",
      "+1", ".inf", "-.Inf", ".nan", "08", "0b101", "0o17", "2001-12-14", "a: b", "a #b", "#x",
      "- x", "-x", "? x", "x:", "*ref", "&anchor", "!tag", "|", ">", "%YAML", "@at", "`tick`",
      "{a}", "[a]", "'q'", "\"dq\"", "a\\b", "tab\there", "line1\nline2", "line1\nline2\n",
      "trailing\n\n", "\nleading", "  indented\nx", "x\n  y\n", "a\n \nb", "a\n\nb", "ends ",
      "ünïcödé", "emoji 😀", "\u0000nul", "bell\u0007", "del\u007f", "nel\u0085x", "ls\u2028x",
      "bom\ufeff", "---", "...", "--- x", "a\r\nb", "<<", "=", "=x", "k8s.io/name", "v1.2.3");

  private static final String ALPHABET =
      "abcXYZ019 :#-_./\\\"'\t\n{}[],&*!|>%@`?=~+éø😀";

  static Gen<String> strings() {
    return in -> {
      if (in.next(Constraint.between(0, 2)) == 0) {
        return TRICKY.get((int) in.next(Constraint.between(0, TRICKY.size() - 1)));
      }
      int length = (int) in.next(Constraint.between(0, 12));
      StringBuilder b = new StringBuilder();
      int[] cps = ALPHABET.codePoints().toArray();
      for (int i = 0; i < length; i++) {
        b.appendCodePoint(cps[(int) in.next(Constraint.between(0, cps.length - 1))]);
      }
      return b.toString();
    };
  }

  static Gen<JsonValue> values(int depth) {
    return in -> value(in, depth);
  }

  private static JsonValue value(RandomnessSource in, int depth) {
    int kind = (int) in.next(Constraint.between(0, depth > 0 ? 8 : 5));
    return switch (kind) {
      case 0, 1 -> JsonString.of(strings().generate(in));
      case 2 -> JsonNumber.of(in.next(Constraint.between(-1_000_000_000_000L, 1_000_000_000_000L)));
      case 3 -> JsonNumber.of(BigDecimal.valueOf(in.next(Constraint.between(-99999, 99999)), 
          (int) in.next(Constraint.between(0, 6))));
      case 4 -> JsonBoolean.of(in.next(Constraint.between(0, 1)) == 1);
      case 5 -> JsonNull.INSTANCE;
      case 6, 7 -> object(in, depth - 1);
      default -> array(in, depth - 1);
    };
  }

  private static JsonObject object(RandomnessSource in, int depth) {
    int size = (int) in.next(Constraint.between(0, 5));
    JsonObject.Builder b = JsonObject.builder();
    for (int i = 0; i < size; i++) {
      b.put(strings().generate(in), value(in, depth));
    }
    return b.build();
  }

  private static JsonArray array(RandomnessSource in, int depth) {
    int size = (int) in.next(Constraint.between(0, 4));
    JsonArray.Builder b = JsonArray.builder();
    for (int i = 0; i < size; i++) {
      b.add(value(in, depth));
    }
    return b.build();
  }

  static Gen<Manifest> manifests() {
    return in -> {
      String name = "n" + in.next(Constraint.between(0, 1_000_000));
      JsonObject.Builder meta = JsonObject.builder().put("name", name);
      if (in.next(Constraint.between(0, 1)) == 1) {
        meta.put("namespace", "ns" + in.next(Constraint.between(0, 9)));
      }
      JsonObject.Builder labels = JsonObject.builder();
      int count = (int) in.next(Constraint.between(0, 3));
      for (int i = 0; i < count; i++) {
        labels.put(strings().generate(in), JsonString.of(strings().generate(in)));
      }
      meta.put("labels", labels.build());
      JsonObject root = JsonObject.builder()
          .put("apiVersion", in.next(Constraint.between(0, 1)) == 1 ? "v1" : "example.io/v1beta1")
          .put("kind", "Thing")
          .put("metadata", meta.build())
          .put("spec", object(in, 4))
          .put("data", value(in, 3))
          .build();
      return Manifest.of(root);
    };
  }

  /** Rebuilds a tree with every object's fields inserted in reverse order. */
  static JsonValue reversed(JsonValue v) {
    if (v instanceof JsonObject o) {
      JsonObject.Builder b = JsonObject.builder();
      for (int i = o.size() - 1; i >= 0; i--) {
        b.put(o.keyAt(i), reversed(o.valueAt(i)));
      }
      return b.build();
    }
    if (v instanceof JsonArray a) {
      JsonArray.Builder b = JsonArray.builder();
      for (JsonValue item : a.items()) {
        b.add(reversed(item));
      }
      return b.build();
    }
    return v;
  }
}
