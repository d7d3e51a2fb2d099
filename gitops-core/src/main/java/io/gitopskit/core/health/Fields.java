package io.gitopskit.core.health;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * Typed reads for the built-in checks, with Go's zero values: an absent or {@code null} field
 * reads as {@code ""}, {@code 0}, {@code false} or an empty object/array, as it does after
 * gitops-engine converts an object to its typed struct. A field of the wrong JSON type throws
 * {@link TypeMismatch}, which the registry reports as Unknown, as Argo CD reports a failed
 * conversion. The {@code where} arguments name the parent for that message only; they are
 * literals, so a read allocates nothing.
 */
final class Fields {

  private Fields() {}

  /**
   * A field has the wrong JSON type; carries no stack trace (it is data, not a bug). The
   * registry prefixes the message with "failed to convert unstructured Kind to typed: " unless
   * it is {@linkplain #complete() complete}.
   */
  static final class TypeMismatch extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean complete;

    TypeMismatch(String message) {
      this(message, false);
    }

    TypeMismatch(String message, boolean complete) {
      super(message, null, false, false);
      this.complete = complete;
    }

    boolean complete() {
      return complete;
    }
  }

  static JsonObject object(JsonObject parent, String where, String key) {
    JsonValue v = parent.getOrNull(key);
    if (v instanceof JsonObject o) {
      return o;
    }
    if (v == null || v instanceof JsonNull) {
      return JsonObject.empty();
    }
    throw mismatch(v, where, key, "object");
  }

  /** Whether an object field is present and not null (a Go pointer that is not nil). */
  static boolean hasObject(JsonObject parent, String where, String key) {
    JsonValue v = parent.getOrNull(key);
    if (v == null || v instanceof JsonNull) {
      return false;
    }
    if (v instanceof JsonObject) {
      return true;
    }
    throw mismatch(v, where, key, "object");
  }

  static JsonArray array(JsonObject parent, String where, String key) {
    JsonValue v = parent.getOrNull(key);
    if (v instanceof JsonArray a) {
      return a;
    }
    if (v == null || v instanceof JsonNull) {
      return JsonArray.empty();
    }
    throw mismatch(v, where, key, "array");
  }

  /** The element of an array of objects. */
  static JsonObject element(JsonArray array, int index, String where) {
    JsonValue v = array.get(index);
    if (v instanceof JsonObject o) {
      return o;
    }
    if (v instanceof JsonNull) {
      return JsonObject.empty();
    }
    throw new TypeMismatch("cannot unmarshal " + typeName(v) + " into an element of ." + where
        + " of type object");
  }

  static String string(JsonObject parent, String where, String key) {
    JsonValue v = parent.getOrNull(key);
    if (v instanceof JsonString s) {
      return s.value();
    }
    if (v == null || v instanceof JsonNull) {
      return "";
    }
    throw mismatch(v, where, key, "string");
  }

  static boolean bool(JsonObject parent, String where, String key) {
    JsonValue v = parent.getOrNull(key);
    if (v instanceof JsonBoolean b) {
      return b.value();
    }
    if (v == null || v instanceof JsonNull) {
      return false;
    }
    throw mismatch(v, where, key, "boolean");
  }

  /** Whether a field is present and not null (a Go pointer that is not nil). */
  static boolean present(JsonObject parent, String key) {
    JsonValue v = parent.getOrNull(key);
    return v != null && !(v instanceof JsonNull);
  }

  static long integer(JsonObject parent, String where, String key) {
    JsonValue v = parent.getOrNull(key);
    if (v instanceof JsonNumber n) {
      if (n.isLong()) {
        return n.longValue();
      }
      try {
        return n.decimalValue().longValueExact();
      } catch (ArithmeticException e) {
        throw mismatch(v, where, key, "integer");
      }
    }
    if (v == null || v instanceof JsonNull) {
      return 0;
    }
    throw mismatch(v, where, key, "integer");
  }

  /**
   * The first condition of a type in {@code status.conditions}, or null. Conditions are typed
   * objects: every element must be an object with a string {@code type}.
   */
  static @Nullable JsonObject condition(JsonObject status, String type) {
    JsonArray conditions = array(status, "status", "conditions");
    for (int i = 0; i < conditions.size(); i++) {
      JsonObject c = element(conditions, i, "status.conditions");
      if (type.equals(string(c, "status.conditions[]", "type"))) {
        return c;
      }
    }
    return null;
  }

  /**
   * A condition's {@code status}: {@code True}, {@code False}, {@code Unknown}... A YAML boolean
   * (an unquoted {@code True} in a hand-written file) reads as its string form.
   */
  static String conditionStatus(JsonObject condition) {
    JsonValue v = condition.getOrNull("status");
    if (v instanceof JsonBoolean b) {
      return b.value() ? "True" : "False";
    }
    return string(condition, "status.conditions[]", "status");
  }

  /** Go's {@code %q} for the names and revisions in messages. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static TypeMismatch mismatch(JsonValue v, String where, String key, String want) {
    String path = where.isEmpty() ? "." + key : "." + where + "." + key;
    return new TypeMismatch("cannot unmarshal " + typeName(v) + " into field " + path
        + " of type " + want);
  }

  private static String typeName(JsonValue v) {
    if (v instanceof JsonObject) {
      return "object";
    }
    if (v instanceof JsonArray) {
      return "array";
    }
    if (v instanceof JsonString) {
      return "string";
    }
    if (v instanceof JsonNumber) {
      return "number";
    }
    if (v instanceof JsonBoolean) {
      return "bool";
    }
    return "null";
  }
}
