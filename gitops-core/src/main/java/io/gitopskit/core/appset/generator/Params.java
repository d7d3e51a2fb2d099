package io.gitopskit.core.appset.generator;

import io.gitopskit.core.appset.template.TemplateRenderer;
import io.gitopskit.core.internal.GoNumbers;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import java.util.Map;
import java.util.TreeMap;

/** Parameter-set helpers shared by the generators. */
final class Params {

  private Params() {}

  /** Dot-flattens a set into strings ({@code a.b}, {@code list.0}), as Argo CD's flatten. */
  static Map<String, String> flatten(JsonObject set) {
    Map<String, String> out = new TreeMap<>();
    flattenInto("", set, out);
    return out;
  }

  /** {@link #flatten} as a JSON object of strings: the shape of {@code {{param}}} mode. */
  static JsonObject flatObject(JsonObject set) {
    boolean flat = true;
    for (int i = 0; i < set.size() && flat; i++) {
      flat = set.valueAt(i) instanceof JsonString;
    }
    if (flat) {
      return set;
    }
    JsonObject.Builder b = JsonObject.builder();
    flatten(set).forEach((k, v) -> b.put(k, JsonString.of(v)));
    return b.build();
  }

  private static void flattenInto(String prefix, JsonValue v, Map<String, String> out) {
    if (v instanceof JsonObject o) {
      if (o.isEmpty() && !prefix.isEmpty()) {
        out.put(prefix, "map[]");
      }
      for (int i = 0; i < o.size(); i++) {
        flattenInto(prefix.isEmpty() ? o.keyAt(i) : prefix + "." + o.keyAt(i), o.valueAt(i), out);
      }
    } else if (v instanceof JsonArray a) {
      if (a.isEmpty()) {
        out.put(prefix, "[]");
      }
      for (int i = 0; i < a.size(); i++) {
        flattenInto(prefix + "." + i, a.get(i), out);
      }
    } else {
      out.put(prefix, scalar(v));
    }
  }

  /**
   * A scalar as Argo CD's {@code fmt.Sprintf("%v", v)} prints it after {@code sigs.k8s.io/yaml}
   * decoded the file: every number is then a Go {@code float64}, so {@code 3} stays {@code 3}
   * and {@code 1.5} stays {@code 1.5}, but {@code 1000000} becomes {@code 1e+06} and {@code
   * 0.00001} becomes {@code 1e-05} (exponent form below 1e-4 and from 1e6 on); integers beyond
   * 2^53 lose digits as they do in Go. Booleans print {@code true}/{@code false}, null {@code
   * <nil>}.
   */
  static String scalar(JsonValue v) {
    if (v instanceof JsonString s) {
      return s.value();
    }
    if (v instanceof JsonNumber n) {
      return GoNumbers.format(n.doubleValue());
    }
    if (v instanceof JsonBoolean b) {
      return Boolean.toString(b.value());
    }
    return "<nil>";
  }

  /**
   * The path parameters of a Git directory or file. For a file, {@code dir} is its directory
   * and {@code filename} its name; for a directory {@code filename} is null.
   */
  static void pathParams(JsonObject.Builder b, String prefix, String dir, String filename,
      boolean go) {
    String basename = basename(dir);
    if (go) {
      JsonObject.Builder p = JsonObject.builder();
      p.put("path", JsonString.of(dir));
      p.put("basename", JsonString.of(basename));
      p.put("basenameNormalized", JsonString.of(TemplateRenderer.normalize(basename)));
      if (filename != null) {
        p.put("filename", JsonString.of(filename));
        p.put("filenameNormalized", JsonString.of(TemplateRenderer.normalize(filename)));
      }
      JsonArray.Builder segments = JsonArray.builder();
      for (String s : dir.split("/", -1)) {
        segments.add(JsonString.of(s));
      }
      p.put("segments", segments.build());
      if (prefix.isEmpty()) {
        b.put("path", p.build());
      } else {
        b.put(prefix, JsonObject.of("path", p.build()));
      }
      return;
    }
    String name = prefix.isEmpty() ? "path" : prefix + ".path";
    b.put(name, JsonString.of(dir));
    b.put(name + ".basename", JsonString.of(basename));
    b.put(name + ".basenameNormalized", JsonString.of(TemplateRenderer.normalize(basename)));
    if (filename != null) {
      b.put(name + ".filename", JsonString.of(filename));
      b.put(name + ".filenameNormalized", JsonString.of(TemplateRenderer.normalize(filename)));
    }
    String[] segments = dir.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      if (!segments[i].isEmpty()) {
        b.put(name + "[" + i + "]", JsonString.of(segments[i]));
      }
    }
  }

  /** Go's {@code path.Base}. */
  static String basename(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    String p = path;
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    int slash = p.lastIndexOf('/');
    return slash >= 0 && p.length() > 1 ? p.substring(slash + 1) : p;
  }

  /** Go's {@code path.Dir} for a clean relative path. */
  static String dirname(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "." : path.substring(0, slash);
  }

  static String string(JsonObject config, String key, String dflt) {
    JsonValue v = config.getOrNull(key);
    if (v == null || v instanceof io.gitopskit.core.json.JsonNull) {
      return dflt;
    }
    if (v instanceof JsonString s) {
      return s.value();
    }
    throw new GeneratorException(key + " must be a string");
  }

  static boolean bool(JsonObject config, String key) {
    JsonValue v = config.getOrNull(key);
    if (v instanceof JsonBoolean b) {
      return b.value();
    }
    if (v instanceof JsonString s) {
      return s.value().equals("true");
    }
    return false;
  }
}
