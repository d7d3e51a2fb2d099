package io.gitopskit.core.defaults;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * Kubernetes' "semantic deep equality" ({@code apiequality.Semantic.DeepEqual}) over JSON
 * trees, as the registry strategies use it to decide whether {@code spec} changed.
 *
 * <p>Go decodes an absent field, a JSON {@code null} and (for maps and slices) an empty value
 * to the same thing, and its semantic comparison treats nil and empty maps and slices as equal.
 * Here that means: object fields whose value is {@code null}, {@code {}} or {@code []} are
 * ignored, at every depth; array elements keep their positions. Quantities are compared as
 * text, so compare trees after {@link ServerDefaults#apply} (which writes them canonically).
 *
 * @since 0.1
 */
public final class Semantic {

  private Semantic() {}

  /**
   * Whether two values are semantically equal. A Java {@code null} stands for an absent field.
   *
   * @param a one value, or null
   * @param b the other value, or null
   * @return true when equal after {@link #normalize}
   */
  public static boolean equal(@Nullable JsonValue a, @Nullable JsonValue b) {
    return normalize(a).equals(normalize(b));
  }

  /**
   * The value with every {@code null}, {@code {}} and {@code []} object field removed,
   * recursively; an absent, null or empty top-level value becomes {@link JsonNull}.
   *
   * @param v the value, or null for absent
   * @return the normalized value
   */
  public static JsonValue normalize(@Nullable JsonValue v) {
    if (v == null || isEmpty(v)) {
      return JsonNull.INSTANCE;
    }
    return clean(v);
  }

  private static JsonValue clean(JsonValue v) {
    if (v instanceof JsonObject o) {
      JsonObject out = o;
      for (int i = 0; i < o.size(); i++) {
        JsonValue child = o.valueAt(i);
        JsonValue c = clean(child);
        if (isEmpty(c)) {
          out = out.without(o.keyAt(i));
        } else if (c != child) {
          out = out.with(o.keyAt(i), c);
        }
      }
      return out;
    }
    if (v instanceof JsonArray a) {
      JsonArray out = a;
      for (int i = 0; i < a.size(); i++) {
        JsonValue c = clean(a.get(i));
        if (c != a.get(i)) {
          out = out.with(i, c);
        }
      }
      return out;
    }
    return v;
  }

  private static boolean isEmpty(JsonValue v) {
    return v instanceof JsonNull || (v instanceof JsonObject o && o.isEmpty())
        || (v instanceof JsonArray a && a.isEmpty());
  }
}
