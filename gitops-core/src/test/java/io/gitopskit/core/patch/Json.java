package io.gitopskit.core.patch;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.load.ManifestLoader;
import java.util.List;

/** Test helper: JSON text to trees, with single quotes allowed for readability. */
public final class Json {

  private static final ManifestLoader LOADER = ManifestLoader.defaults();

  private Json() {}

  /**
   * Parses JSON (single quotes become double quotes).
   *
   * @param text the JSON text
   * @return the value
   */
  public static JsonValue parse(String text) {
    String t = text.replace('\'', '"').trim();
    if (t.equals("null")) {
      return JsonNull.INSTANCE;
    }
    List<JsonValue> docs = LOADER.readDocuments(t, "test.json");
    if (docs.size() != 1) {
      throw new IllegalArgumentException("expected one JSON value, got " + docs.size());
    }
    return docs.get(0);
  }

  /**
   * Parses a JSON object.
   *
   * @param text the JSON text
   * @return the object
   */
  public static JsonObject obj(String text) {
    return (JsonObject) parse(text);
  }

  /**
   * Parses a JSON array.
   *
   * @param text the JSON text
   * @return the array
   */
  public static JsonArray arr(String text) {
    return (JsonArray) parse(text);
  }

  /**
   * Parses YAML documents.
   *
   * @param yaml the YAML text
   * @return the first document as an object
   */
  public static JsonObject yaml(String yaml) {
    return (JsonObject) LOADER.readDocuments(yaml, "test.yaml").get(0);
  }
}
