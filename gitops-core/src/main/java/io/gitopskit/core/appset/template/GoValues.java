package io.gitopskit.core.appset.template;

import io.gitopskit.core.internal.Escapes;
import io.gitopskit.core.internal.GoNumbers;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Conversions, printing and truth of Go-template runtime values. */
final class GoValues {

  /** A missing map key: prints {@code <no value>}, is false and empty. */
  static final Object NO_VALUE = new Object() {
    @Override
    public String toString() {
      return "<no value>";
    }
  };

  private GoValues() {}

  /**
   * JSON to runtime values (maps sorted by key, as Go ranges over maps). Every number becomes a
   * {@code Double}: Argo CD decodes generator parameters (list elements, git files, plugin
   * output) and {@code fromJson}/{@code fromYaml} results with {@code encoding/json} into
   * {@code float64}, so {@code {{ .replicas }}} of {@code 1000000} prints {@code 1e+06}.
   */
  static @Nullable Object fromJson(JsonValue v) {
    if (v instanceof JsonString s) {
      return s.value();
    }
    if (v instanceof JsonObject o) {
      Map<String, Object> m = new TreeMap<>();
      for (int i = 0; i < o.size(); i++) {
        m.put(o.keyAt(i), fromJson(o.valueAt(i)));
      }
      return Collections.unmodifiableMap(m);
    }
    if (v instanceof JsonArray a) {
      List<Object> l = new ArrayList<>(a.size());
      for (JsonValue item : a.items()) {
        l.add(fromJson(item));
      }
      return Collections.unmodifiableList(l);
    }
    if (v instanceof JsonNumber n) {
      return n.doubleValue();
    }
    if (v instanceof JsonBoolean b) {
      return b.value();
    }
    return null;
  }

  /** Runtime values to JSON. */
  static JsonValue toJson(@Nullable Object v) {
    if (v == NO_VALUE) {
      return JsonValue.of(null);
    }
    if (v instanceof Map<?, ?> m) {
      JsonObject.Builder b = JsonObject.builder();
      m.forEach((k, x) -> b.put(String.valueOf(k), toJson(x)));
      return b.build();
    }
    if (v instanceof List<?> l) {
      JsonArray.Builder b = JsonArray.builder();
      l.forEach(x -> b.add(toJson(x)));
      return b.build();
    }
    return JsonValue.of(v);
  }

  static boolean truth(@Nullable Object v) {
    if (v == null || v == NO_VALUE) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    if (v instanceof Long l) {
      return l != 0;
    }
    if (v instanceof Double d) {
      return d != 0;
    }
    if (v instanceof List<?> l) {
      return !l.isEmpty();
    }
    if (v instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    return true;
  }

  /** Go's {@code fmt} {@code %v}. */
  static void print(@Nullable Object v, StringBuilder out) {
    if (v == null) {
      out.append("<nil>");
    } else if (v == NO_VALUE) {
      out.append("<no value>");
    } else if (v instanceof String s) {
      out.append(s);
    } else if (v instanceof Double d) {
      out.append(formatFloat(d));
    } else if (v instanceof List<?> l) {
      out.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          out.append(' ');
        }
        print(l.get(i), out);
      }
      out.append(']');
    } else if (v instanceof Map<?, ?> m) {
      out.append("map[");
      boolean first = true;
      for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
        if (!first) {
          out.append(' ');
        }
        first = false;
        out.append(e.getKey()).append(':');
        print(e.getValue(), out);
      }
      out.append(']');
    } else {
      out.append(v);
    }
  }

  /**
   * Whether printing {@code v} with {@code %v} would take more than {@code budget} characters.
   * Stops as soon as the budget is spent, so a value that shares one list many times over
   * costs at most {@code budget} steps to judge.
   */
  static boolean printedSizeExceeds(@Nullable Object v, long budget) {
    return size(v, budget, 0, 0) > budget;
  }

  /**
   * Whether writing {@code v} as JSON or YAML, with {@code indent} characters of indentation
   * per nesting level and element, would take more than {@code budget} characters (before
   * escapes).
   */
  static boolean writtenSizeExceeds(@Nullable Object v, long budget, int indent) {
    return size(v, budget, indent, 0) > budget;
  }

  private static long size(@Nullable Object v, long budget, int indent, int level) {
    if (v instanceof String s) {
      return s.length();
    }
    if (v instanceof List<?> l) {
      long n = 2;
      for (Object o : l) {
        n += 1 + (long) indent * (level + 1) + size(o, budget - n, indent, level + 1);
        if (n > budget) {
          return n;
        }
      }
      return n;
    }
    if (v instanceof Map<?, ?> m) {
      long n = 5;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        n += 4 + String.valueOf(e.getKey()).length() + (long) indent * (level + 1)
            + size(e.getValue(), budget - n, indent, level + 1);
        if (n > budget) {
          return n;
        }
      }
      return n;
    }
    return 24;
  }

  /**
   * How deeply lists and maps nest in a value (0 for a scalar), exactly when at most {@code
   * limit}, else {@code limit + 1}. {@code known} caches exact depths by identity, so a value
   * shared many times is walked once.
   */
  static int depth(@Nullable Object v, int limit, Map<Object, Integer> known) {
    if (!(v instanceof List<?>) && !(v instanceof Map<?, ?>)) {
      return 0;
    }
    Integer cached = known.get(v);
    if (cached != null) {
      return cached;
    }
    if (limit <= 0) {
      return 1;
    }
    int max = 0;
    Iterable<?> children = v instanceof List<?> l ? l : ((Map<?, ?>) v).values();
    for (Object c : children) {
      max = Math.max(max, depth(c, limit - 1, known));
      if (max >= limit) {
        return limit + 1;
      }
    }
    known.put(v, max + 1);
    return max + 1;
  }

  static String toText(@Nullable Object v) {
    StringBuilder b = new StringBuilder();
    print(v, b);
    return b.toString();
  }

  /** Go's {@code %v} (and {@code %g}) of a float64: {@code 1e+06}, {@code 1.5}, {@code 3}. */
  static String formatFloat(double d) {
    return GoNumbers.format(d);
  }

  /**
   * Go's {@code json.Marshal} of a runtime value (sorted keys, HTML-safe escapes), or with
   * {@code html} false an encoder with {@code SetEscapeHTML(false)} (Sprig's toRawJson).
   */
  static void writeJson(@Nullable Object v, StringBuilder out, @Nullable String indent,
      int level) {
    writeJson(v, out, indent, level, true);
  }

  static void writeJson(@Nullable Object v, StringBuilder out, @Nullable String indent,
      int level, boolean html) {
    if (v == null || v == NO_VALUE) {
      out.append("null");
    } else if (v instanceof String s) {
      Escapes.quote(s, out, html);
    } else if (v instanceof Double d) {
      out.append(GoNumbers.json(d));
    } else if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        newline(out, indent, level + 1);
        Escapes.quote(String.valueOf(e.getKey()), out, html);
        out.append(indent == null ? ":" : ": ");
        writeJson(e.getValue(), out, indent, level + 1, html);
      }
      newline(out, indent, level);
      out.append('}');
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        newline(out, indent, level + 1);
        writeJson(l.get(i), out, indent, level + 1, html);
      }
      newline(out, indent, level);
      out.append(']');
    } else {
      out.append(v);
    }
  }

  private static void newline(StringBuilder out, @Nullable String indent, int level) {
    if (indent != null) {
      out.append('\n');
      for (int i = 0; i < level; i++) {
        out.append(indent);
      }
    }
  }

  static String describe(@Nullable Object v) {
    if (v == null || v == NO_VALUE) {
      return "nil";
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof Long) {
      return "int";
    }
    if (v instanceof Double) {
      return "float64";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    if (v instanceof List) {
      return "[]interface {}";
    }
    if (v instanceof Map) {
      return "map[string]interface {}";
    }
    return v.getClass().getSimpleName();
  }
}
