package io.gitopskit.core.json;

import io.gitopskit.core.internal.Escapes;

/** Deterministic JSON text for the tree: compact or indented by two spaces. */
final class JsonText {

  private JsonText() {}

  static String compact(JsonValue value) {
    StringBuilder out = new StringBuilder(64);
    write(value, out, -1);
    return out.toString();
  }

  static String pretty(JsonValue value) {
    StringBuilder out = new StringBuilder(128);
    write(value, out, 0);
    return out.toString();
  }

  private static void write(JsonValue value, StringBuilder out, int indent) {
    if (value instanceof JsonObject o) {
      if (o.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append('{');
      for (int i = 0; i < o.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        newline(out, indent + 1, indent);
        string(o.keyAt(i), out);
        out.append(indent >= 0 ? ": " : ":");
        write(o.valueAt(i), out, indent < 0 ? -1 : indent + 1);
      }
      newline(out, indent, indent);
      out.append('}');
    } else if (value instanceof JsonArray a) {
      if (a.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append('[');
      for (int i = 0; i < a.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        newline(out, indent + 1, indent);
        write(a.get(i), out, indent < 0 ? -1 : indent + 1);
      }
      newline(out, indent, indent);
      out.append(']');
    } else if (value instanceof JsonString s) {
      string(s.value(), out);
    } else {
      out.append(value);
    }
  }

  private static void newline(StringBuilder out, int level, int indent) {
    if (indent < 0) {
      return;
    }
    out.append('\n');
    for (int i = 0; i < level; i++) {
      out.append("  ");
    }
  }

  /** Appends a JSON string literal with the escapes RFC 8259 requires. */
  static void string(String s, StringBuilder out) {
    Escapes.quote(s, out, false);
  }
}
