package io.gitopskit.core.load;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ManifestSet;

/**
 * Writes manifests back to YAML or JSON, deterministically: equal content always gives identical
 * text. Fields are written in sorted order (as {@code kubectl get -o yaml} does), sequences in
 * block style under their key, and strings plain only where every YAML 1.1 and 1.2 reader reads
 * them back as the same string (so {@code "yes"}, {@code "0644"} and {@code "1.0"} stay quoted).
 * Multi-line strings use literal blocks where that round-trips exactly.
 *
 * <p>{@code ManifestLoader.loadYaml(toYaml(set))} gives back an equal set. Stateless and
 * thread-safe.
 *
 * @since 0.1
 */
public final class ManifestWriter {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private ManifestWriter() {}

  /**
   * One manifest as a YAML document (no {@code ---} marker).
   *
   * @param manifest the manifest
   * @return YAML text ending in a newline
   */
  public static String toYaml(Manifest manifest) {
    return toYaml(manifest.root());
  }

  /**
   * Manifests as a multi-document YAML stream separated by {@code ---} lines.
   *
   * @param manifests the manifests, written in their order
   * @return YAML text; empty for an empty set
   */
  public static String toYaml(ManifestSet manifests) {
    StringBuilder out = new StringBuilder(manifests.size() * 512);
    boolean first = true;
    for (Manifest m : manifests) {
      if (!first) {
        out.append("---\n");
      }
      first = false;
      writeTop(m.root(), out);
    }
    return out.toString();
  }

  /**
   * Any JSON value as a YAML document.
   *
   * @param value the value
   * @return YAML text ending in a newline
   */
  public static String toYaml(JsonValue value) {
    StringBuilder out = new StringBuilder(512);
    writeTop(value, out);
    return out.toString();
  }

  /**
   * One manifest as compact JSON.
   *
   * @param manifest the manifest
   * @return JSON text
   */
  public static String toJson(Manifest manifest) {
    return manifest.root().toJson();
  }

  /**
   * One manifest as JSON indented by two spaces.
   *
   * @param manifest the manifest
   * @return JSON text
   */
  public static String toPrettyJson(Manifest manifest) {
    return manifest.root().toPrettyJson();
  }

  private static void writeTop(JsonValue value, StringBuilder out) {
    if (value instanceof JsonObject o && !o.isEmpty()) {
      writeObject(o, 0, out);
    } else if (value instanceof JsonArray a && !a.isEmpty()) {
      writeArray(a, 0, out);
    } else if (value instanceof JsonString s) {
      string(s.value(), 0, true, out);
      out.append('\n');
    } else {
      scalar(value, 0, out);
      out.append('\n');
    }
  }

  /** Writes the fields of a non-empty object, each line starting at {@code indent}. */
  private static void writeObject(JsonObject o, int indent, StringBuilder out) {
    for (int i = 0; i < o.size(); i++) {
      if (i > 0) {
        pad(out, indent);
      }
      string(o.keyAt(i), indent, true, out);
      out.append(':');
      JsonValue v = o.valueAt(i);
      if (v instanceof JsonObject child && !child.isEmpty()) {
        out.append('\n');
        pad(out, indent + 2);
        writeObject(child, indent + 2, out);
      } else if (v instanceof JsonArray child && !child.isEmpty()) {
        out.append('\n');
        pad(out, indent);
        writeArray(child, indent, out);
      } else {
        out.append(' ');
        scalar(v, indent + 2, out);
        out.append('\n');
      }
    }
  }

  /** Writes the items of a non-empty array as {@code - } entries at {@code indent}. */
  private static void writeArray(JsonArray a, int indent, StringBuilder out) {
    for (int i = 0; i < a.size(); i++) {
      if (i > 0) {
        pad(out, indent);
      }
      out.append("- ");
      JsonValue v = a.get(i);
      if (v instanceof JsonObject child && !child.isEmpty()) {
        writeObject(child, indent + 2, out);
      } else if (v instanceof JsonArray child && !child.isEmpty()) {
        writeArray(child, indent + 2, out);
      } else {
        scalar(v, indent + 2, out);
        out.append('\n');
      }
    }
  }

  private static void scalar(JsonValue v, int indent, StringBuilder out) {
    if (v instanceof JsonString s) {
      string(s.value(), indent, false, out);
    } else if (v instanceof JsonObject) {
      out.append("{}");
    } else if (v instanceof JsonArray) {
      out.append("[]");
    } else {
      out.append(v);
    }
  }

  private static void pad(StringBuilder out, int indent) {
    for (int i = 0; i < indent; i++) {
      out.append(' ');
    }
  }

  private static void string(String s, int indent, boolean key, StringBuilder out) {
    if (Scalars.isSafePlain(s)) {
      out.append(s);
    } else if (!key && isLiteralSafe(s)) {
      literal(s, indent, out);
    } else {
      doubleQuoted(s, out);
    }
  }

  /**
   * A literal block reproduces a string exactly when it has a line break, starts with neither a
   * space nor a line break, has no whitespace-only line, and holds only printable characters.
   */
  private static boolean isLiteralSafe(String s) {
    int newline = s.indexOf('\n');
    if (newline < 0 || s.length() > 1_000_000 || s.charAt(0) == ' ' || s.charAt(0) == '\n'
        || s.charAt(0) == '\t') {
      return false;
    }
    int lineStart = 0;
    boolean onlySpace = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n') {
        if (onlySpace && i > lineStart) {
          return false;
        }
        lineStart = i + 1;
        onlySpace = true;
        continue;
      }
      if (c == '\r' || (c < 0x20 && c != '\t') || c == 0x7F || (c >= 0x80 && c < 0xA0)
          || c == 0x2028 || c == 0x2029 || c == 0xFEFF || Character.isSurrogate(c)) {
        return false;
      }
      if (c != ' ' && c != '\t') {
        onlySpace = false;
      }
    }
    return !(onlySpace && s.length() > lineStart);
  }

  private static void literal(String s, int indent, StringBuilder out) {
    int trailing = 0;
    for (int i = s.length() - 1; i >= 0 && s.charAt(i) == '\n'; i--) {
      trailing++;
    }
    out.append(trailing == 0 ? "|-" : trailing == 1 ? "|" : "|+");
    String body = s.substring(0, s.length() - trailing);
    for (String line : body.split("\n", -1)) {
      out.append('\n');
      if (!line.isEmpty()) {
        pad(out, indent);
        out.append(line);
      }
    }
    for (int i = 1; i < trailing; i++) {
      out.append('\n');
    }
  }

  private static void doubleQuoted(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          boolean printable = c >= 0x20 && c != 0x7F && !(c >= 0x80 && c < 0xA0)
              && c != 0x2028 && c != 0x2029 && c != 0xFEFF && c != 0xFFFE && c != 0xFFFF;
          if (Character.isHighSurrogate(c) && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (printable && !Character.isSurrogate(c)) {
            out.append(c);
          } else {
            out.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
          }
        }
      }
    }
    out.append('"');
  }
}
