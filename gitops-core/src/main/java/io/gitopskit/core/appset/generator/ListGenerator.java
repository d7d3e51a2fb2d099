package io.gitopskit.core.appset.generator;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.load.LoadException;
import io.gitopskit.core.load.ManifestLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code list}: {@code elements} (plus {@code elementsYaml}, a YAML array in a string). In
 * {@code {{param}}} mode every element value must be a string, except {@code values} (a string
 * map, emitted as {@code values.<k>}); in Go-template mode elements pass through unchanged.
 */
final class ListGenerator implements Generator {

  @Override
  public String type() {
    return "list";
  }

  @Override
  public List<JsonObject> generate(JsonObject config, GeneratorContext context) {
    List<JsonValue> elements = new ArrayList<>();
    JsonValue raw = config.getOrNull("elements");
    if (raw instanceof JsonArray a) {
      elements.addAll(a.items());
    } else if (raw != null && !(raw instanceof io.gitopskit.core.json.JsonNull)) {
      throw new GeneratorException("list.elements must be a list");
    }
    String yaml = Params.string(config, "elementsYaml", "");
    if (!yaml.isBlank()) {
      try {
        List<JsonValue> docs = ManifestLoader.withLimits(context.loadLimits())
            .readDocuments(yaml, "elementsYaml");
        if (!docs.isEmpty()) {
          if (!(docs.get(0) instanceof JsonArray a)) {
            throw new GeneratorException("list.elementsYaml must be a YAML list");
          }
          elements.addAll(a.items());
        }
      } catch (LoadException e) {
        throw new GeneratorException("error unmarshling decoded elementsYaml: " + e.problem(), e);
      }
    }
    List<JsonObject> out = new ArrayList<>(elements.size());
    for (int i = 0; i < elements.size(); i++) {
      if (!(elements.get(i) instanceof JsonObject element)) {
        throw new GeneratorException("list.elements[" + i + "] must be an object");
      }
      out.add(context.goTemplate() ? element : flat(element, i));
    }
    return out;
  }

  private static JsonObject flat(JsonObject element, int index) {
    JsonObject.Builder b = JsonObject.builder();
    for (int k = 0; k < element.size(); k++) {
      String key = element.keyAt(k);
      JsonValue v = element.valueAt(k);
      if (key.equals("values")) {
        if (!(v instanceof JsonObject values)) {
          throw new GeneratorException("list.elements[" + index + "].values: error parsing values"
              + " map");
        }
        for (int j = 0; j < values.size(); j++) {
          if (!(values.valueAt(j) instanceof JsonString s)) {
            throw new GeneratorException("list.elements[" + index + "].values."
                + values.keyAt(j) + ": error parsing value as string");
          }
          b.put("values." + values.keyAt(j), s);
        }
      } else if (v instanceof JsonString s) {
        b.put(key, s);
      } else {
        throw new GeneratorException("list.elements[" + index + "]." + key
            + ": error parsing value as string (only string values are allowed unless"
            + " goTemplate is on)");
      }
    }
    return b.build();
  }
}
