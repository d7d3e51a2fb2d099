package io.gitopskit.core.patch.ssa;

import io.gitopskit.core.internal.Escapes;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import java.util.Locale;

/**
 * The small JSON dialect inside fieldsV1 keys ({@code k:{...}}, {@code v:...}): a strict
 * parser, and a compact writer that escapes as Go's encoding/json does ({@code <}, {@code >},
 * {@code &}, U+2028 and U+2029 as {@code \\u} escapes), so keys written by the API server
 * round-trip byte for byte.
 */
final class GoJson {

  private final String text;
  private int pos;

  private GoJson(String text) {
    this.text = text;
  }

  static JsonValue parse(String text) {
    GoJson p = new GoJson(text);
    JsonValue v = p.value(0);
    p.skipSpace();
    if (p.pos != text.length()) {
      throw new IllegalArgumentException("trailing characters in fieldsV1 key JSON");
    }
    return v;
  }

  static String write(JsonValue value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  static void write(JsonValue value, StringBuilder out) {
    if (value instanceof JsonObject o) {
      out.append('{');
      for (int i = 0; i < o.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        string(o.keyAt(i), out);
        out.append(':');
        write(o.valueAt(i), out);
      }
      out.append('}');
    } else if (value instanceof JsonArray a) {
      out.append('[');
      for (int i = 0; i < a.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(a.get(i), out);
      }
      out.append(']');
    } else if (value instanceof JsonString s) {
      string(s.value(), out);
    } else {
      out.append(value);
    }
  }

  /** Go's {@code %q} / structured-merge-diff's {@code value.ToString}, for messages. */
  static String display(JsonValue v) {
    if (v instanceof JsonString s) {
      StringBuilder b = new StringBuilder("\"");
      for (int i = 0; i < s.value().length(); i++) {
        char c = s.value().charAt(i);
        switch (c) {
          case '"' -> b.append("\\\"");
          case '\\' -> b.append("\\\\");
          case '\n' -> b.append("\\n");
          case '\t' -> b.append("\\t");
          case '\r' -> b.append("\\r");
          default -> {
            if (c < 0x20 || c == 0x7f) {
              b.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else {
              b.append(c);
            }
          }
        }
      }
      return b.append('"').toString();
    }
    if (v instanceof JsonObject o) {
      StringBuilder b = new StringBuilder("{");
      for (int i = 0; i < o.size(); i++) {
        b.append(i > 0 ? "," : "").append(o.keyAt(i)).append('=').append(display(o.valueAt(i)));
      }
      return b.append('}').toString();
    }
    if (v instanceof JsonArray a) {
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < a.size(); i++) {
        b.append(i > 0 ? "," : "").append(display(a.get(i)));
      }
      return b.append(']').toString();
    }
    return v.toString();
  }


  /**
   * Go {@code %q} quoting.
   */
  static String quote(String s) {
    return display(JsonString.of(s));
  }

  static void string(String s, StringBuilder out) {
    Escapes.quote(s, out, true);
  }

  private JsonValue value(int depth) {
    if (depth > 64) {
      throw new IllegalArgumentException("fieldsV1 key JSON nests too deeply");
    }
    skipSpace();
    if (pos >= text.length()) {
      throw bad();
    }
    char c = text.charAt(pos);
    if (c == '{') {
      pos++;
      JsonObject.Builder b = JsonObject.builder();
      skipSpace();
      if (peek('}')) {
        pos++;
        return b.build();
      }
      while (true) {
        skipSpace();
        String key = string();
        skipSpace();
        expect(':');
        b.put(key, value(depth + 1));
        skipSpace();
        if (peek(',')) {
          pos++;
        } else {
          expect('}');
          return b.buildStrict();
        }
      }
    }
    if (c == '[') {
      pos++;
      JsonArray.Builder b = JsonArray.builder();
      skipSpace();
      if (peek(']')) {
        pos++;
        return b.build();
      }
      while (true) {
        b.add(value(depth + 1));
        skipSpace();
        if (peek(',')) {
          pos++;
        } else {
          expect(']');
          return b.build();
        }
      }
    }
    if (c == '"') {
      return JsonString.of(string());
    }
    if (text.startsWith("true", pos)) {
      pos += 4;
      return JsonBoolean.TRUE;
    }
    if (text.startsWith("false", pos)) {
      pos += 5;
      return JsonBoolean.FALSE;
    }
    if (text.startsWith("null", pos)) {
      pos += 4;
      return JsonNull.INSTANCE;
    }
    int start = pos;
    while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
    if (start == pos) {
      throw bad();
    }
    try {
      return JsonNumber.parse(text.substring(start, pos));
    } catch (NumberFormatException e) {
      throw bad();
    }
  }

  private String string() {
    expect('"');
    StringBuilder b = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return b.toString();
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      if (pos >= text.length()) {
        throw bad();
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '"', '\\', '/' -> b.append(e);
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          if (pos + 4 > text.length()) {
            throw bad();
          }
          try {
            b.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
          } catch (NumberFormatException ex) {
            throw bad();
          }
          pos += 4;
        }
        default -> throw bad();
      }
    }
    throw bad();
  }

  private void skipSpace() {
    while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private boolean peek(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw bad();
    }
    pos++;
  }

  private IllegalArgumentException bad() {
    return new IllegalArgumentException("malformed JSON in fieldsV1 key at character " + pos);
  }
}
