package io.gitopskit.core.patch;

import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import java.util.Objects;

/**
 * JSON Merge Patch (RFC 7386), the {@code application/merge-patch+json} patch type: objects are
 * merged recursively, {@code null} deletes a field, and every other value, arrays included,
 * replaces the target's value.
 *
 * <p>A merge patch cannot set a field to {@code null}, so {@link #apply apply}{@code (a,
 * diff(a, b))} equals {@code b} exactly when no object inside {@code b} has a {@code null}
 * field (nulls inside arrays are fine).
 *
 * @since 0.1
 */
public final class JsonMergePatch {

  private JsonMergePatch() {}

  /**
   * Applies a merge patch (RFC 7386 section 2).
   *
   * @param target the document to patch
   * @param patch the merge patch
   * @return the patched document; the inputs are unchanged
   */
  public static JsonValue apply(JsonValue target, JsonValue patch) {
    Objects.requireNonNull(target, "target");
    if (!(patch instanceof JsonObject p)) {
      return Objects.requireNonNull(patch, "patch");
    }
    JsonObject result = target instanceof JsonObject t ? t : JsonObject.empty();
    for (int i = 0; i < p.size(); i++) {
      String name = p.keyAt(i);
      JsonValue value = p.valueAt(i);
      if (value instanceof JsonNull) {
        result = result.without(name);
      } else {
        JsonValue current = result.getOrNull(name);
        result = result.with(name, apply(current == null ? JsonNull.INSTANCE : current, value));
      }
    }
    return result;
  }

  /**
   * Creates the smallest merge patch that turns one document into another: changed fields,
   * {@code null} for removed fields, nested objects diffed recursively and everything else
   * (arrays included) replaced whole.
   *
   * @param from the original document
   * @param to the wanted document
   * @return the patch; {@code {}} when both objects are equal, and {@code to} itself when either
   *     side is not an object
   */
  public static JsonValue diff(JsonValue from, JsonValue to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from instanceof JsonObject f && to instanceof JsonObject t) {
      return diffObjects(f, t);
    }
    return to;
  }

  private static JsonObject diffObjects(JsonObject from, JsonObject to) {
    if (from.equals(to)) {
      return JsonObject.empty();
    }
    JsonObject.Builder patch = JsonObject.builder();
    for (int i = 0; i < from.size(); i++) {
      if (!to.has(from.keyAt(i))) {
        patch.put(from.keyAt(i), JsonNull.INSTANCE);
      }
    }
    for (int i = 0; i < to.size(); i++) {
      String name = to.keyAt(i);
      JsonValue wanted = to.valueAt(i);
      JsonValue old = from.getOrNull(name);
      if (old == null || !old.equals(wanted)) {
        patch.put(name, old == null ? wanted : diff(old, wanted));
      }
    }
    return patch.build();
  }
}
