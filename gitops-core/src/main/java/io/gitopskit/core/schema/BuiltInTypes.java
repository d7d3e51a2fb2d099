package io.gitopskit.core.schema;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.GroupVersionKind;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The built-in definitions of the compact resource, turned into shapes on first use. A
 * definition's shape is built once per JVM; references between definitions resolve lazily, so
 * recursive definitions cost nothing extra.
 */
final class BuiltInTypes {

  static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

  private final Map<String, JsonObject> nodes;
  private final Map<GroupVersionKind, String> kinds;
  private final ConcurrentHashMap<String, Shape> shapes = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<ScalarKey, ScalarShape> scalars = new ConcurrentHashMap<>();

  private record ScalarKey(ScalarShape.Type type, @Nullable String format) {}

  BuiltInTypes(JsonObject definitions) {
    HashMap<String, JsonObject> n = new HashMap<>(definitions.size() * 2);
    HashMap<GroupVersionKind, String> k = new HashMap<>();
    for (int i = 0; i < definitions.size(); i++) {
      String name = definitions.keyAt(i);
      JsonObject node = (JsonObject) definitions.valueAt(i);
      n.put(name, node);
      if (node.getOrNull("x-kubernetes-group-version-kind") instanceof JsonArray gvks) {
        for (JsonValue v : gvks.items()) {
          JsonObject g = (JsonObject) v;
          k.put(new GroupVersionKind(g.getString("group").orElse(""),
              g.getString("version").orElseThrow(), g.getString("kind").orElseThrow()), name);
        }
      }
    }
    this.nodes = Map.copyOf(n);
    this.kinds = Map.copyOf(k);
  }

  /** The definition serving a kind, or null. */
  @Nullable String definitionOf(GroupVersionKind gvk) {
    return kinds.get(gvk);
  }

  Set<GroupVersionKind> kinds() {
    return kinds.keySet();
  }

  /** The shape of a definition, built once; null when there is no such definition. */
  @Nullable Shape definition(String name) {
    Shape s = shapes.get(name);
    if (s != null) {
      return s;
    }
    JsonObject node = nodes.get(name);
    if (node == null) {
      return null;
    }
    s = build(node, name);
    Shape previous = shapes.putIfAbsent(name, s);
    return previous != null ? previous : s;
  }

  private Shape resolve(String name) {
    Shape s = definition(name);
    if (s == null) {
      throw new IllegalStateException("built-in schema refers to unknown definition " + name);
    }
    return s;
  }

  /** Builds the shape of one node; references and nested nodes become lazy shapes. */
  private Shape build(JsonObject node, @Nullable String definition) {
    if (node.getOrNull("$ref") instanceof JsonString ref) {
      Shape base = resolve(ref.value());
      if (base instanceof ObjectShape o) {
        String mapType = string(node, "x-kubernetes-map-type");
        return o.withOverrides(mapType == null ? null : MapType.parse(mapType),
            string(node, "x-kubernetes-patch-strategy"));
      }
      return base;
    }
    if (flag(node, "x-kubernetes-int-or-string")) {
      return scalar(ScalarShape.Type.STRING, ScalarShape.INT_OR_STRING, definition);
    }
    boolean preserve = flag(node, "x-kubernetes-preserve-unknown-fields");
    String type = string(node, "type");
    if (type == null) {
      return new AnyShape(definition);
    }
    switch (type) {
      case "object" -> {
        JsonObject properties = node.getOrNull("properties") instanceof JsonObject p ? p : null;
        JsonValue additional = node.getOrNull("additionalProperties");
        if (properties == null && additional == null) {
          // OpenAPI v2 "object" with nothing declared: arbitrary content (RawExtension, FieldsV1)
          return new AnyShape(definition);
        }
        Map<String, LazyShape> fields = new LinkedHashMap<>();
        if (properties != null) {
          for (int i = 0; i < properties.size(); i++) {
            JsonObject child = (JsonObject) properties.valueAt(i);
            fields.put(properties.keyAt(i), LazyShape.of(() -> build(child, null)));
          }
        }
        LazyShape values = null;
        if (additional instanceof JsonObject a) {
          values = LazyShape.of(() -> build(a, null));
        } else if (additional instanceof JsonBoolean b && b.value()) {
          values = LazyShape.resolved(AnyShape.UNKNOWN);
        }
        String mapType = string(node, "x-kubernetes-map-type");
        return new ObjectShape(definition, fields, strings(node, "required"), values,
            mapType == null ? MapType.GRANULAR : MapType.parse(mapType), preserve,
            string(node, "x-kubernetes-patch-strategy"));
      }
      case "array" -> {
        JsonObject items = node.getOrNull("items") instanceof JsonObject i ? i : JsonObject.empty();
        String declared = string(node, "x-kubernetes-list-type");
        String mergeKey = string(node, "x-kubernetes-patch-merge-key");
        String strategy = string(node, "x-kubernetes-patch-strategy");
        ListType listType;
        List<String> keys;
        if (declared != null) {
          listType = ListType.parse(declared);
          keys = listType == ListType.MAP ? orderedStrings(node, "x-kubernetes-list-map-keys")
              : List.of();
        } else if (strategy != null && ArrayShape.hasStrategy(strategy, "merge")) {
          // as the API server's schema conversion: a merge-patched list is associative
          listType = mergeKey != null ? ListType.MAP : ListType.SET;
          keys = mergeKey != null ? List.of(mergeKey) : List.of();
        } else {
          listType = ListType.ATOMIC;
          keys = List.of();
        }
        return new ArrayShape(LazyShape.of(() -> build(items, null)), listType, keys, mergeKey,
            strategy);
      }
      default -> {
        ScalarShape.Type t = ScalarShape.Type.parse(type);
        if (t == null) {
          return new AnyShape(definition);
        }
        return scalar(t, string(node, "format"), definition);
      }
    }
  }

  private ScalarShape scalar(ScalarShape.Type type, @Nullable String format,
      @Nullable String definition) {
    if (definition != null) {
      return new ScalarShape(type, format, definition);
    }
    return scalars.computeIfAbsent(new ScalarKey(type, format),
        k -> new ScalarShape(k.type(), k.format(), null));
  }

  private static @Nullable String string(JsonObject node, String key) {
    return node.getOrNull(key) instanceof JsonString s ? s.value() : null;
  }

  private static boolean flag(JsonObject node, String key) {
    return node.getOrNull(key) instanceof JsonBoolean b && b.value();
  }

  private static Set<String> strings(JsonObject node, String key) {
    return Set.copyOf(orderedStrings(node, key));
  }

  private static List<String> orderedStrings(JsonObject node, String key) {
    if (!(node.getOrNull(key) instanceof JsonArray a)) {
      return List.of();
    }
    String[] out = new String[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((JsonString) a.get(i)).value();
    }
    return List.of(out);
  }
}
