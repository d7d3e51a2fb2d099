package io.gitopskit.core.appset.generator;

import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;

/** Combining parameter sets, as matrix and merge do. */
final class Combine {

  private Combine() {}

  /** Union of flat sets; a key in both with different values is an error (matrix). */
  static JsonObject union(JsonObject a, JsonObject b) {
    if (a.isEmpty()) {
      return b;
    }
    JsonObject.Builder out = a.toBuilder();
    for (int i = 0; i < b.size(); i++) {
      JsonValue existing = a.getOrNull(b.keyAt(i));
      if (existing != null && !existing.equals(b.valueAt(i))) {
        throw new GeneratorException("failed to combine string maps with merging params for the"
            + " matrix generator: found duplicate key " + b.keyAt(i) + " with different value");
      }
      out.put(b.keyAt(i), b.valueAt(i));
    }
    return out.build();
  }

  /** Shallow override: keys of {@code over} replace those of {@code base} (merge, flat mode). */
  static JsonObject override(JsonObject base, JsonObject over) {
    JsonObject.Builder out = base.toBuilder();
    for (int i = 0; i < over.size(); i++) {
      out.put(over.keyAt(i), over.valueAt(i));
    }
    return out.build();
  }

  /**
   * Deep merge in the manner of {@code mergo.Merge}: nested objects merge recursively; a key
   * missing from {@code base} is taken from {@code other}; with {@code override} a non-null
   * value of {@code other} replaces base's, without it base's value always wins (even {@code
   * false}, as Argo CD's "first list elements take precedence" test shows).
   */
  static JsonObject deep(JsonObject base, JsonObject other, boolean override) {
    JsonObject.Builder out = base.toBuilder();
    for (int i = 0; i < other.size(); i++) {
      String k = other.keyAt(i);
      JsonValue o = other.valueAt(i);
      JsonValue b = base.getOrNull(k);
      if (b == null) {
        out.put(k, o);
      } else if (b instanceof JsonObject bo && o instanceof JsonObject oo) {
        out.put(k, deep(bo, oo, override));
      } else if (override && !(o instanceof JsonNull)) {
        out.put(k, o);
      }
    }
    return out.build();
  }
}
