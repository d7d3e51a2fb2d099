package io.gitopskit.core.internal;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the fields of one JSON object into typed values the way Go's JSON decoding reads a
 * Kubernetes custom resource: absent and {@code null} fields are zero values, a field of the
 * wrong type is an error naming its path, and fields the caller never asked for are reported as
 * unknown (a warning) when the object is {@linkplain #finish() finished}. Problems are collected
 * in a shared {@link Problems} list; never holds a field's value in a message. Not API.
 */
public final class FieldReader {

  /**
   * One problem found while reading.
   *
   * @param path the dotted field path
   * @param message what is wrong
   * @param error true for an error, false for a warning
   */
  public record Problem(String path, String message, boolean error) {}

  /** The problems of one read, in the order they were found. */
  public static final class Problems {
    private final List<Problem> all = new ArrayList<>();

    /** @return every problem so far */
    public List<Problem> all() {
      return List.copyOf(all);
    }

    /** @return the first error, if any */
    public @Nullable Problem firstError() {
      for (Problem p : all) {
        if (p.error()) {
          return p;
        }
      }
      return null;
    }

    /** @return the number of errors */
    public int errorCount() {
      int n = 0;
      for (Problem p : all) {
        if (p.error()) {
          n++;
        }
      }
      return n;
    }

    /**
     * Records an error.
     *
     * @param path the field
     * @param message what is wrong
     */
    public void error(String path, String message) {
      all.add(new Problem(path, message, true));
    }

    /**
     * Records a warning.
     *
     * @param path the field
     * @param message what is questionable
     */
    public void warn(String path, String message) {
      all.add(new Problem(path, message, false));
    }
  }

  private final JsonObject object;
  private final String path;
  private final Problems problems;
  private final Set<String> read = new HashSet<>();

  /**
   * A reader for one object.
   *
   * @param object the object
   * @param path its dotted path, {@code ""} for a document root
   * @param problems where problems go
   */
  public FieldReader(JsonObject object, String path, Problems problems) {
    this.object = object;
    this.path = path;
    this.problems = problems;
  }

  /** @return the object being read */
  public JsonObject object() {
    return object;
  }

  /** @return the shared problems */
  public Problems problems() {
    return problems;
  }

  /**
   * The path of a field of this object.
   *
   * @param key the field name
   * @return e.g. {@code spec.source.path}
   */
  public String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** @return this object's own path */
  public String path() {
    return path;
  }

  /**
   * Records an error about a field.
   *
   * @param key the field
   * @param message what is wrong
   */
  public void error(String key, String message) {
    problems.error(path(key), message);
  }

  /**
   * Records a warning about a field.
   *
   * @param key the field
   * @param message what is questionable
   */
  public void warn(String key, String message) {
    problems.warn(path(key), message);
  }

  /**
   * Whether a field is present and not null; marks it as read.
   *
   * @param key the field
   * @return true when it has a value
   */
  public boolean has(String key) {
    read.add(key);
    JsonValue v = object.getOrNull(key);
    return v != null && !(v instanceof JsonNull);
  }

  /**
   * A field's raw value, null when absent or null; marks it as read.
   *
   * @param key the field
   * @return the value
   */
  public @Nullable JsonValue raw(String key) {
    read.add(key);
    JsonValue v = object.getOrNull(key);
    return v instanceof JsonNull ? null : v;
  }

  /**
   * A string field; {@code ""} when absent.
   *
   * @param key the field
   * @return the string
   */
  public String string(String key) {
    JsonValue v = raw(key);
    if (v == null) {
      return "";
    }
    if (v instanceof JsonString s) {
      return s.value();
    }
    error(key, "must be a string, not " + typeName(v));
    return "";
  }

  /**
   * A boolean field kept as a Go pointer would be: null when absent.
   *
   * @param key the field
   * @return the value or null
   */
  public @Nullable Boolean optionalBoolean(String key) {
    JsonValue v = raw(key);
    if (v == null) {
      return null;
    }
    if (v instanceof JsonBoolean b) {
      return b.value();
    }
    error(key, "must be a boolean, not " + typeName(v));
    return null;
  }

  /**
   * A boolean field; false when absent.
   *
   * @param key the field
   * @return the value
   */
  public boolean bool(String key) {
    Boolean b = optionalBoolean(key);
    return b != null && b;
  }

  /**
   * An integer field; null when absent.
   *
   * @param key the field
   * @return the value or null
   */
  public @Nullable Long optionalLong(String key) {
    JsonValue v = raw(key);
    if (v == null) {
      return null;
    }
    if (v instanceof JsonNumber n && n.isLong()) {
      return n.longValue();
    }
    error(key, "must be an integer, not " + typeName(v));
    return null;
  }

  /**
   * A list of strings; empty when absent.
   *
   * @param key the field
   * @return the strings
   */
  public List<String> strings(String key) {
    JsonValue v = raw(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof JsonArray a)) {
      error(key, "must be a list of strings, not " + typeName(v));
      return List.of();
    }
    List<String> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i) instanceof JsonString s) {
        out.add(s.value());
      } else {
        problems.error(path(key) + "[" + i + "]", "must be a string, not " + typeName(a.get(i)));
      }
    }
    return out;
  }

  /**
   * A map of strings (labels, annotations); empty when absent.
   *
   * @param key the field
   * @return the map, in key order
   */
  public Map<String, String> stringMap(String key) {
    JsonValue v = raw(key);
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof JsonObject o)) {
      error(key, "must be a map of strings, not " + typeName(v));
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < o.size(); i++) {
      if (o.valueAt(i) instanceof JsonString s) {
        out.put(o.keyAt(i), s.value());
      } else {
        problems.error(path(key) + "." + o.keyAt(i),
            "must be a string, not " + typeName(o.valueAt(i)));
      }
    }
    return out;
  }

  /**
   * A nested object; null when absent.
   *
   * @param key the field
   * @return a reader for it, or null
   */
  public @Nullable FieldReader object(String key) {
    JsonValue v = raw(key);
    if (v == null) {
      return null;
    }
    if (v instanceof JsonObject o) {
      return new FieldReader(o, path(key), problems);
    }
    error(key, "must be an object, not " + typeName(v));
    return null;
  }

  /**
   * A list of objects; empty when absent.
   *
   * @param key the field
   * @return readers for the items
   */
  public List<FieldReader> objects(String key) {
    List<FieldReader> out = optionalObjects(key);
    return out == null ? List.of() : out;
  }

  /**
   * A list of objects that keeps the difference between absent (null) and empty.
   *
   * @param key the field
   * @return readers for the items, or null when absent
   */
  public @Nullable List<FieldReader> optionalObjects(String key) {
    JsonValue v = raw(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonArray a)) {
      error(key, "must be a list of objects, not " + typeName(v));
      return List.of();
    }
    List<FieldReader> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      String p = path(key) + "[" + i + "]";
      if (a.get(i) instanceof JsonObject o) {
        out.add(new FieldReader(o, p, problems));
      } else {
        problems.error(p, "must be an object, not " + typeName(a.get(i)));
      }
    }
    return out;
  }

  /**
   * Marks fields as known without reading them.
   *
   * @param keys the fields
   */
  public void ignore(String... keys) {
    read.addAll(List.of(keys));
  }

  /** Reports every field that was never read as unknown (a warning). */
  public void finish() {
    for (String key : object.keys()) {
      if (!read.contains(key)) {
        warn(key, "unknown field (ignored)");
      }
    }
  }

  /**
   * A short name for a value's JSON type, for messages that must not show the value.
   *
   * @param v the value
   * @return e.g. {@code a string}
   */
  public static String typeName(JsonValue v) {
    if (v instanceof JsonObject) {
      return "an object";
    }
    if (v instanceof JsonArray) {
      return "a list";
    }
    if (v instanceof JsonString) {
      return "a string";
    }
    if (v instanceof JsonNumber) {
      return "a number";
    }
    if (v instanceof JsonBoolean) {
      return "a boolean";
    }
    return "null";
  }
}
