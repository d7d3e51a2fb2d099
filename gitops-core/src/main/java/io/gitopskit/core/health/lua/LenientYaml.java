package io.gitopskit.core.health.lua;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.emitter.Emitter;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.serializer.Serializer;

/**
 * Removes duplicate mapping keys from YAML text, the last value winning, as Argo CD's YAML
 * library (go-yaml through sigs.k8s.io/yaml) reads them. The text is composed into nodes (no
 * object is constructed), the duplicates dropped, and the nodes written back with their scalar
 * styles, so the library's own loader then reads every value exactly as it would have.
 */
final class LenientYaml {

  /** The text without duplicates, and the keys that were duplicated. */
  record Result(String text, List<String> duplicates) {}

  private LenientYaml() {}

  static Result dedupe(String text, int maxChars) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true);
    options.setMaxAliasesForCollections(100);
    options.setNestingDepthLimit(128);
    options.setCodePointLimit(Math.max(maxChars, 1));
    DumperOptions dump = new DumperOptions();
    dump.setExplicitStart(true);
    dump.setSplitLines(false);
    dump.setWidth(Integer.MAX_VALUE / 2);
    List<String> duplicates = new ArrayList<>();
    StringWriter out = new StringWriter();
    try {
      Serializer serializer = new Serializer(new Emitter(out, dump), new Resolver(), dump, null);
      serializer.open();
      Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
      for (Node doc : new Yaml(options).composeAll(new StringReader(text))) {
        if (doc != null) {
          dedupe(doc, duplicates, seen);
          serializer.serialize(doc);
        }
      }
      serializer.close();
    } catch (IOException | YAMLException e) {
      throw new LuaScriptException("cannot read the YAML: " + e.getMessage(), e);
    }
    return new Result(out.toString(), List.copyOf(duplicates));
  }

  private static void dedupe(Node node, List<String> duplicates, Set<Node> seen) {
    if (!seen.add(node)) {
      return;
    }
    if (node instanceof MappingNode m) {
      Map<String, NodeTuple> last = new LinkedHashMap<>();
      List<NodeTuple> others = new ArrayList<>();
      boolean changed = false;
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k) {
          if (last.remove(k.getValue()) != null) {
            duplicates.add(k.getValue());
            changed = true;
          }
          last.put(k.getValue(), t);
        } else {
          others.add(t);
        }
        dedupe(t.getValueNode(), duplicates, seen);
      }
      if (changed) {
        List<NodeTuple> kept = new ArrayList<>(others);
        kept.addAll(last.values());
        m.setValue(kept);
      }
    } else if (node instanceof SequenceNode s) {
      for (Node item : s.getValue()) {
        dedupe(item, duplicates, seen);
      }
    }
  }
}
