package io.gitopskit.core.patch;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonPointer;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * JSON Patch (RFC 6902), the {@code application/json-patch+json} patch type: a list of
 * {@code add}, {@code remove}, {@code replace}, {@code move}, {@code copy} and {@code test}
 * operations addressed by JSON pointers (RFC 6901, with {@code ~0} for {@code ~} and {@code ~1}
 * for {@code /}; {@code -} appends to an array).
 *
 * <p>The patch is all or nothing: when any operation fails, a {@link PatchException} names the
 * operation's index and path (never a value), and since trees are immutable the target is left
 * as it was. Members other than {@code op}, {@code path}, {@code from} and {@code value} are
 * ignored, as the RFC requires.
 *
 * @since 0.1
 */
public final class JsonPatch {

  private JsonPatch() {}

  /**
   * Applies the operations in order.
   *
   * @param target the document to patch
   * @param operations the JSON Patch document: an array of operation objects
   * @return the patched document
   * @throws PatchException if an operation is malformed, addresses a missing location, or a
   *     {@code test} fails
   */
  public static JsonValue apply(JsonValue target, JsonArray operations) {
    Objects.requireNonNull(target, "target");
    JsonValue doc = target;
    for (int i = 0; i < operations.size(); i++) {
      doc = applyOne(doc, operations.get(i), i);
    }
    return doc;
  }

  private static JsonValue applyOne(JsonValue doc, JsonValue operation, int index) {
    if (!(operation instanceof JsonObject o)) {
      throw new PatchException(index, "?", "", "operation is not an object");
    }
    String op = o.getString("op").orElseThrow(
        () -> new PatchException(index, "?", "", "missing or non-string \"op\""));
    Step path = pointer(o, "path", op, index);
    switch (op) {
      case "add":
        return add(doc, path, value(o, op, index, path), op, index);
      case "remove":
        return remove(doc, path, op, index);
      case "replace":
        return replace(doc, path, value(o, op, index, path), op, index);
      case "move": {
        Step from = pointer(o, "from", op, index);
        if (isProperPrefix(from.pointer.tokens(), path.pointer.tokens())) {
          throw fail(index, op, from, "cannot move a value into one of its children");
        }
        JsonValue moved = get(doc, from, op, index);
        if (from.pointer.equals(path.pointer)) {
          return doc;
        }
        return add(remove(doc, from, op, index), path, moved, op, index);
      }
      case "copy": {
        Step from = pointer(o, "from", op, index);
        return add(doc, path, get(doc, from, op, index), op, index);
      }
      case "test": {
        JsonValue expected = value(o, op, index, path);
        if (!get(doc, path, op, index).equals(expected)) {
          throw fail(index, op, path, "test failed: value differs");
        }
        return doc;
      }
      default:
        throw fail(index, "?", path, "unknown operation");
    }
  }

  /** A parsed pointer with its original text, for messages. */
  private record Step(JsonPointer pointer, String text) {}

  private static Step pointer(JsonObject o, String member, String op, int index) {
    JsonValue v = o.getOrNull(member);
    if (!(v instanceof JsonString s)) {
      throw new PatchException(index, op, "", "missing or non-string \"" + member + "\"");
    }
    try {
      return new Step(JsonPointer.parse(s.value()), s.value());
    } catch (IllegalArgumentException e) {
      throw new PatchException(index, op, s.value(), "malformed JSON pointer in \"" + member
          + "\"");
    }
  }

  private static JsonValue value(JsonObject o, String op, int index, Step path) {
    JsonValue v = o.getOrNull("value");
    if (v == null) {
      throw fail(index, op, path, "missing \"value\"");
    }
    return v;
  }

  private static PatchException fail(int index, String op, Step at, String reason) {
    return new PatchException(index, op, at.text, reason);
  }

  private static boolean isProperPrefix(List<String> prefix, List<String> path) {
    return prefix.size() < path.size() && path.subList(0, prefix.size()).equals(prefix);
  }

  private static JsonValue get(JsonValue doc, Step at, String op, int index) {
    Optional<JsonValue> v = at.pointer.get(doc);
    if (v.isEmpty()) {
      throw fail(index, op, at, "path does not exist");
    }
    return v.get();
  }

  private static JsonValue add(JsonValue doc, Step at, JsonValue value, String op, int index) {
    return edit(doc, at, 0, op, index, Edit.ADD, value);
  }

  private static JsonValue remove(JsonValue doc, Step at, String op, int index) {
    if (at.pointer.tokens().isEmpty()) {
      throw fail(index, op, at, "cannot remove the whole document");
    }
    return edit(doc, at, 0, op, index, Edit.REMOVE, JsonNull.INSTANCE);
  }

  private static JsonValue replace(JsonValue doc, Step at, JsonValue value, String op,
      int index) {
    return edit(doc, at, 0, op, index, Edit.REPLACE, value);
  }

  private enum Edit { ADD, REMOVE, REPLACE }

  private static JsonValue edit(JsonValue node, Step at, int depth, String op, int index,
      Edit edit, JsonValue value) {
    List<String> tokens = at.pointer.tokens();
    if (depth == tokens.size()) {
      return value; // add or replace of the whole document
    }
    String token = tokens.get(depth);
    boolean last = depth == tokens.size() - 1;
    if (node instanceof JsonObject o) {
      JsonValue child = o.getOrNull(token);
      if (last) {
        if (edit == Edit.ADD) {
          return o.with(token, value);
        }
        if (child == null) {
          throw fail(index, op, at, "path does not exist");
        }
        return edit == Edit.REMOVE ? o.without(token) : o.with(token, value);
      }
      if (child == null) {
        throw fail(index, op, at, "path does not exist");
      }
      return o.with(token, edit(child, at, depth + 1, op, index, edit, value));
    }
    if (node instanceof JsonArray a) {
      if (last && edit == Edit.ADD) {
        int i = token.equals("-") ? a.size() : arrayIndex(token);
        if (i < 0 || i > a.size()) {
          throw fail(index, op, at, "array index out of range or malformed");
        }
        return insert(a, i, value);
      }
      int i = arrayIndex(token);
      if (i < 0 || i >= a.size()) {
        throw fail(index, op, at, "array index out of range or malformed");
      }
      if (last) {
        return edit == Edit.REMOVE ? a.without(i) : a.with(i, value);
      }
      return a.with(i, edit(a.get(i), at, depth + 1, op, index, edit, value));
    }
    throw fail(index, op, at, "path crosses a scalar");
  }

  private static JsonArray insert(JsonArray a, int at, JsonValue value) {
    JsonArray.Builder b = JsonArray.builder();
    for (int i = 0; i < a.size(); i++) {
      if (i == at) {
        b.add(value);
      }
      b.add(a.get(i));
    }
    if (at == a.size()) {
      b.add(value);
    }
    return b.build();
  }

  /** RFC 6901 array index: digits without leading zeros; -1 when malformed. */
  private static int arrayIndex(String token) {
    if (token.isEmpty() || token.length() > 9 || (token.length() > 1 && token.charAt(0) == '0')) {
      return -1;
    }
    for (int i = 0; i < token.length(); i++) {
      if (token.charAt(i) < '0' || token.charAt(i) > '9') {
        return -1;
      }
    }
    return Integer.parseInt(token);
  }
}
