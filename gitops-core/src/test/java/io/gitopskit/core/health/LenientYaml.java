package io.gitopskit.core.health;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads one YAML document as Go's non-strict {@code yaml.Unmarshal} does for the upstream
 * fixtures: a repeated key keeps its last value. Test-only; the product loader refuses
 * duplicates on purpose.
 */
final class LenientYaml {

  private LenientYaml() {}

  static JsonValue read(Path file) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true);
    try {
      return json(new Yaml(options).compose(Files.newBufferedReader(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonValue json(Node node) {
    if (node instanceof MappingNode m) {
      Map<String, JsonValue> fields = new LinkedHashMap<>();
      for (NodeTuple t : m.getValue()) {
        fields.put(((ScalarNode) t.getKeyNode()).getValue(), json(t.getValueNode()));
      }
      return JsonObject.of(fields);
    }
    if (node instanceof SequenceNode s) {
      JsonArray.Builder items = JsonArray.builder();
      s.getValue().forEach(n -> items.add(json(n)));
      return items.build();
    }
    ScalarNode scalar = (ScalarNode) node;
    Tag tag = scalar.getTag();
    String text = scalar.getValue();
    if (tag.equals(Tag.NULL)) {
      return JsonNull.INSTANCE;
    }
    if (tag.equals(Tag.BOOL)) {
      return JsonBoolean.of(text.equalsIgnoreCase("true"));
    }
    if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
      return JsonNumber.parse(text);
    }
    return JsonString.of(text);
  }
}
