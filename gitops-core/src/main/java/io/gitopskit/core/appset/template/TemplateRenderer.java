package io.gitopskit.core.appset.template;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Renders ApplicationSet templates against one parameter set, in {@code {{param}}} or
 * Go-template mode.
 *
 * <p>In {@code {{param}}} mode parameters are looked up by their flat name ({@code
 * path.basename}, {@code metadata.labels.env}); only string values substitute and a missing
 * key stays literal. In Go-template mode the parameters are the template's data ({@code .}).
 *
 * <p>Thread-safe. Parsed Go templates are cached per renderer (bounded), so reuse one renderer
 * for all the parameter sets of a reconcile.
 *
 * @since 0.1
 */
public final class TemplateRenderer {

  private static final int CACHE_LIMIT = 4096;

  private final TemplateOptions options;
  private final Map<String, GoTemplate> cache = new ConcurrentHashMap<>();

  /**
   * Creates a renderer.
   *
   * @param options the mode
   */
  public TemplateRenderer(TemplateOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * The mode of this renderer.
   *
   * @return the options
   */
  public TemplateOptions options() {
    return options;
  }

  /**
   * Renders one string.
   *
   * @param text the template text
   * @param params the parameter set
   * @return the rendered text
   * @throws TemplateException on a syntax error or a failed execution
   */
  public String render(String text, JsonObject params) {
    if (options.goTemplate()) {
      return renderGo(text, GoValues.fromJson(params));
    }
    return renderFast(text, params);
  }

  /**
   * Renders every string value and every object key of a JSON tree, as Argo CD renders an
   * Application template or a matrix child's generator spec. Numbers, booleans and nulls are
   * copied; unchanged subtrees are shared with the input.
   *
   * @param tree the template tree
   * @param params the parameter set
   * @return the rendered tree
   * @throws TemplateException on a syntax error or a failed execution, naming the field path
   */
  public JsonValue renderTree(JsonValue tree, JsonObject params) {
    Object data = options.goTemplate() ? GoValues.fromJson(params) : params;
    return walk(tree, data, "", new long[] {MAX_RENDERED_CHARS});
  }

  /**
   * The most characters that rendering may produce for one tree (all rendered strings and keys
   * together) or one string: 3 MiB, the largest document the loader reads by default and the
   * largest request the Kubernetes API server accepts. A template that repeats a large
   * parameter many times fails with a {@link TemplateException} instead of exhausting memory.
   */
  public static final int MAX_RENDERED_CHARS = GoTemplate.MAX_CHARS;

  private JsonValue walk(JsonValue v, @Nullable Object data, String path, long[] budget) {
    if (v instanceof JsonString s) {
      String out = one(s.value(), data, path);
      if (out.equals(s.value())) {
        return s;
      }
      spend(budget, out.length(), path);
      return JsonString.of(out);
    }
    if (v instanceof JsonObject o) {
      JsonObject.Builder b = null;
      for (int i = 0; i < o.size(); i++) {
        String key = o.keyAt(i);
        String childPath = path.isEmpty() ? key : path + "." + key;
        JsonValue child = o.valueAt(i);
        JsonValue rendered = walk(child, data, childPath, budget);
        String newKey = key.indexOf('{') >= 0 ? one(key, data, childPath) : key;
        if (!newKey.equals(key)) {
          spend(budget, newKey.length(), childPath);
        }
        if (b == null && (rendered != child || !newKey.equals(key))) {
          b = JsonObject.builder();
          for (int j = 0; j < i; j++) {
            b.put(o.keyAt(j), o.valueAt(j));
          }
        }
        if (b != null) {
          b.put(newKey, rendered);
        }
      }
      return b == null ? o : b.build();
    }
    if (v instanceof JsonArray a) {
      JsonArray.Builder b = null;
      for (int i = 0; i < a.size(); i++) {
        JsonValue child = a.get(i);
        JsonValue rendered = walk(child, data, path + "[" + i + "]", budget);
        if (b == null && rendered != child) {
          b = JsonArray.builder();
          for (int j = 0; j < i; j++) {
            b.add(a.get(j));
          }
        }
        if (b != null) {
          b.add(rendered);
        }
      }
      return b == null ? a : b.build();
    }
    return v;
  }

  private static void spend(long[] budget, int chars, String path) {
    budget[0] -= chars;
    if (budget[0] < 0) {
      throw new TemplateException("failed to render " + (path.isEmpty() ? "template" : path)
          + ": the rendered template is longer than " + MAX_RENDERED_CHARS + " characters");
    }
  }

  private String one(String text, @Nullable Object data, String path) {
    if (text.indexOf("{{") < 0) {
      return text;
    }
    try {
      if (options.goTemplate()) {
        return renderGo(text, data);
      }
      return renderFast(text, (JsonObject) Objects.requireNonNull(data));
    } catch (TemplateException e) {
      throw new TemplateException("failed to render " + (path.isEmpty() ? "template" : path)
          + ": " + e.getMessage(), e);
    }
  }

  private String renderGo(String text, @Nullable Object data) {
    if (text.indexOf("{{") < 0) {
      return text;
    }
    GoTemplate t = cache.get(text);
    if (t == null) {
      t = GoTemplate.parse(text);
      if (cache.size() >= CACHE_LIMIT) {
        cache.clear();
      }
      cache.put(text, t);
    }
    return t.execute(data, options.missingKeyError());
  }

  /**
   * The {@code {{param}}} substitution of Argo CD's fasttemplate mode: each {@code {{tag}}} is
   * replaced by the string parameter named by the trimmed tag; a missing, empty or non-string
   * tag is kept as written. An unclosed {@code {{} is copied literally. Substituted values are
   * never scanned again, so a parameter whose value holds {@code {{other}}} stays literal.
   *
   * @param text the template text
   * @param params the flat parameter set
   * @return the rendered text
   * @throws TemplateException if the result would be longer than {@link #MAX_RENDERED_CHARS}
   */
  public static String renderFast(String text, JsonObject params) {
    int open = text.indexOf("{{");
    if (open < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 32);
    int pos = 0;
    while (open >= 0) {
      int close = text.indexOf("}}", open + 2);
      if (close < 0) {
        break;
      }
      out.append(text, pos, open);
      String tag = text.substring(open + 2, close);
      String key = tag.strip();
      if (!key.isEmpty() && params.getOrNull(key) instanceof JsonString s) {
        if ((long) out.length() + s.value().length() > MAX_RENDERED_CHARS) {
          throw new TemplateException("the rendered text is longer than " + MAX_RENDERED_CHARS
              + " characters");
        }
        out.append(s.value());
      } else {
        out.append("{{").append(tag).append("}}");
      }
      pos = close + 2;
      open = text.indexOf("{{", pos);
    }
    out.append(text, pos, text.length());
    return out.toString();
  }

  /**
   * Argo CD's name normalisation ({@code normalize}, {@code *Normalized} parameters):
   * lowercase, every character outside {@code [-a-z0-9.]} becomes {@code -}, at most 253
   * characters, leading and trailing {@code -} and {@code .} trimmed.
   *
   * @param name the name
   * @return the normalised name, e.g. {@code production-01-west} for {@code production_01/west}
   */
  public static String normalize(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder(lower.length());
    // per code point, as Go's regexp replaces one rune (not one UTF-16 unit) per character
    lower.codePoints().forEach(c -> {
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
      b.append(ok ? (char) c : '-');
    });
    String s = b.length() > 253 ? b.substring(0, 253) : b.toString();
    int i = 0;
    int j = s.length();
    while (i < j && (s.charAt(i) == '-' || s.charAt(i) == '.')) {
      i++;
    }
    while (j > i && (s.charAt(j - 1) == '-' || s.charAt(j - 1) == '.')) {
      j--;
    }
    return s.substring(i, j);
  }
}
