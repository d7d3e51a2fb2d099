package io.gitopskit.core.schema;

import io.gitopskit.core.cluster.ApiResource;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.model.Manifest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads an {@code apiextensions.k8s.io/v1} CustomResourceDefinition into the kinds it serves,
 * validating what the API server would refuse and what the shapes rely on. Every problem is an
 * {@link IllegalArgumentException} naming the field, e.g. {@code spec.versions[0].schema
 * .openAPIV3Schema.properties.spec.properties.ports.x-kubernetes-list-map-keys}.
 */
final class CustomResourceDefinitions {

  /** One served version of a custom kind. */
  record Served(ApiResource resource, Shape shape, Set<String> subresources) {}

  /** What one CRD contributes. */
  record Definition(String name, String group, String kind, String plural, List<Served> served) {}

  private static final Pattern DNS_SUBDOMAIN = Pattern.compile(
      "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+");
  private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Set<String> TYPES =
      Set.of("object", "array", "string", "integer", "number", "boolean");

  private final BuiltInTypes types;
  private final String crdName;

  private CustomResourceDefinitions(BuiltInTypes types, String crdName) {
    this.types = types;
    this.crdName = crdName;
  }

  static Definition read(Manifest crd, BuiltInTypes types) {
    return new CustomResourceDefinitions(types, crd.name()).read(crd);
  }

  private IllegalArgumentException invalid(String field, String message) {
    return new IllegalArgumentException(
        "invalid CustomResourceDefinition \"" + crdName + "\": " + field + ": " + message);
  }

  private Definition read(Manifest crd) {
    if (!crd.kind().equals("CustomResourceDefinition")) {
      throw invalid("kind", "must be CustomResourceDefinition, got \"" + crd.kind() + "\"");
    }
    if (!crd.apiVersion().equals("apiextensions.k8s.io/v1")) {
      throw invalid("apiVersion", "must be apiextensions.k8s.io/v1, got \"" + crd.apiVersion()
          + "\"");
    }
    JsonObject spec = requireObject(crd.root(), "spec", "spec");
    String group = requireString(spec, "group", "spec.group");
    if (!DNS_SUBDOMAIN.matcher(group).matches()) {
      throw invalid("spec.group", "must be a lower-case DNS subdomain with at least one dot, got \""
          + group + "\"");
    }
    JsonObject names = requireObject(spec, "names", "spec.names");
    String plural = requireString(names, "plural", "spec.names.plural");
    if (!DNS_1035_LABEL.matcher(plural).matches()) {
      throw invalid("spec.names.plural", "must be a lower-case DNS-1035 label, got \"" + plural
          + "\"");
    }
    String kind = requireString(names, "kind", "spec.names.kind");
    if (!DNS_1035_LABEL.matcher(kind.toLowerCase(Locale.ROOT)).matches()) {
      throw invalid("spec.names.kind", "must be a valid kind name, got \"" + kind + "\"");
    }
    String singular = optionalString(names, "singular", "spec.names.singular");
    if (singular != null && !DNS_1035_LABEL.matcher(singular).matches()) {
      throw invalid("spec.names.singular", "must be a lower-case DNS-1035 label, got \""
          + singular + "\"");
    }
    String listKind = optionalString(names, "listKind", "spec.names.listKind");
    if (listKind != null && listKind.equals(kind)) {
      throw invalid("spec.names.listKind", "must differ from spec.names.kind");
    }
    String expectedName = plural + "." + group;
    if (!crd.name().equals(expectedName)) {
      throw invalid("metadata.name", "must be spec.names.plural + \".\" + spec.group (\""
          + expectedName + "\")");
    }
    String scope = requireString(spec, "scope", "spec.scope");
    if (!scope.equals("Namespaced") && !scope.equals("Cluster")) {
      throw invalid("spec.scope", "must be Namespaced or Cluster, got \"" + scope + "\"");
    }
    boolean namespaced = scope.equals("Namespaced");

    if (!(get(spec, "versions") instanceof JsonArray versions) || versions.isEmpty()) {
      throw invalid("spec.versions", "must list at least one version");
    }
    List<Served> served = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int storage = 0;
    for (int i = 0; i < versions.size(); i++) {
      String at = "spec.versions[" + i + "]";
      if (!(versions.get(i) instanceof JsonObject version)) {
        throw invalid(at, "must be an object");
      }
      String name = requireString(version, "name", at + ".name");
      if (!DNS_1035_LABEL.matcher(name).matches()) {
        throw invalid(at + ".name", "must be a lower-case DNS-1035 label, got \"" + name + "\"");
      }
      if (!seen.add(name)) {
        throw invalid(at + ".name", "duplicate version \"" + name + "\"");
      }
      boolean isServed = requireBoolean(version, "served", at + ".served");
      if (requireBoolean(version, "storage", at + ".storage")) {
        storage++;
      }
      JsonObject schema = requireObject(version, "schema", at + ".schema");
      String schemaAt = at + ".schema.openAPIV3Schema";
      JsonObject root = requireObject(schema, "openAPIV3Schema", schemaAt);
      if (!"object".equals(optionalString(root, "type", schemaAt + ".type"))) {
        throw invalid(schemaAt + ".type", "must be object at the root");
      }
      Shape shape = readSchema(root, schemaAt, true);
      Set<String> subresources = subresources(version, at + ".subresources");
      if (isServed) {
        GroupVersionKind gvk = new GroupVersionKind(group, name, kind);
        served.add(new Served(new ApiResource(gvk, plural, namespaced, ApiResource.ALL_VERBS),
            shape, subresources));
      }
    }
    if (storage != 1) {
      throw invalid("spec.versions", "must have exactly one version marked as storage version, "
          + "found " + storage);
    }
    return new Definition(crd.name(), group, kind, plural, List.copyOf(served));
  }

  private Set<String> subresources(JsonObject version, String at) {
    JsonValue v = get(version, "subresources");
    if (v == null) {
      return Set.of();
    }
    if (!(v instanceof JsonObject sub)) {
      throw invalid(at, "must be an object");
    }
    TreeSet<String> out = new TreeSet<>();
    JsonValue status = get(sub, "status");
    if (status != null) {
      if (!(status instanceof JsonObject)) {
        throw invalid(at + ".status", "must be an object");
      }
      out.add("status");
    }
    JsonValue scale = get(sub, "scale");
    if (scale != null) {
      if (!(scale instanceof JsonObject s)) {
        throw invalid(at + ".scale", "must be an object");
      }
      requireString(s, "specReplicasPath", at + ".scale.specReplicasPath");
      requireString(s, "statusReplicasPath", at + ".scale.statusReplicasPath");
      out.add("scale");
    }
    return Set.copyOf(out);
  }

  /** Converts and validates one structural schema node, eagerly (CRD schemas have no refs). */
  private Shape readSchema(JsonValue value, String at, boolean root) {
    if (!(value instanceof JsonObject node)) {
      throw invalid(at, "must be a schema object");
    }
    String type = optionalString(node, "type", at + ".type");
    if (type != null && !TYPES.contains(type)) {
      throw invalid(at + ".type", "must be one of array, boolean, integer, number, object, "
          + "string; got \"" + type + "\"");
    }
    boolean intOrString = optionalBoolean(node, "x-kubernetes-int-or-string",
        at + ".x-kubernetes-int-or-string");
    Boolean preserveValue = get(node, "x-kubernetes-preserve-unknown-fields") != null
        ? requireBoolean(node, "x-kubernetes-preserve-unknown-fields",
            at + ".x-kubernetes-preserve-unknown-fields") : null;
    if (Boolean.FALSE.equals(preserveValue)) {
      throw invalid(at + ".x-kubernetes-preserve-unknown-fields", "must be true or undefined");
    }
    boolean preserve = preserveValue != null;
    boolean embedded = optionalBoolean(node, "x-kubernetes-embedded-resource",
        at + ".x-kubernetes-embedded-resource");
    String listType = optionalString(node, "x-kubernetes-list-type", at
        + ".x-kubernetes-list-type");
    String mapType = optionalString(node, "x-kubernetes-map-type", at + ".x-kubernetes-map-type");
    boolean hasKeys = get(node, "x-kubernetes-list-map-keys") != null;

    if (listType != null && !"array".equals(type)) {
      throw invalid(at + ".x-kubernetes-list-type", "must only be used on arrays");
    }
    if (hasKeys && !"map".equals(listType)) {
      throw invalid(at + ".x-kubernetes-list-map-keys",
          "must only be used with x-kubernetes-list-type: map");
    }
    if (mapType != null && !"object".equals(type)) {
      throw invalid(at + ".x-kubernetes-map-type", "must only be used on objects");
    }
    if (embedded && !"object".equals(type)) {
      throw invalid(at + ".x-kubernetes-embedded-resource", "must only be used on objects");
    }
    if (intOrString) {
      if (type != null) {
        throw invalid(at + ".type", "must be empty when x-kubernetes-int-or-string is true");
      }
      return new ScalarShape(ScalarShape.Type.STRING, ScalarShape.INT_OR_STRING, null);
    }
    if (type == null) {
      if (!preserve) {
        throw invalid(at + ".type", "required unless x-kubernetes-preserve-unknown-fields or "
            + "x-kubernetes-int-or-string is true");
      }
      if (get(node, "properties") == null && get(node, "additionalProperties") == null) {
        return AnyShape.UNKNOWN;
      }
    }
    if (type == null || type.equals("object")) {
      return readObject(node, at, root, preserve, embedded, mapType);
    }
    if (type.equals("array")) {
      return readArray(node, at, listType);
    }
    String format = optionalString(node, "format", at + ".format");
    return new ScalarShape(ScalarShape.Type.parse(type), format, null);
  }

  private ObjectShape readObject(JsonObject node, String at, boolean root, boolean preserve,
      boolean embedded, @Nullable String mapType) {
    Map<String, LazyShape> fields = new LinkedHashMap<>();
    JsonValue props = get(node, "properties");
    if (props != null) {
      if (!(props instanceof JsonObject properties)) {
        throw invalid(at + ".properties", "must be an object");
      }
      for (int i = 0; i < properties.size(); i++) {
        String name = properties.keyAt(i);
        fields.put(name, LazyShape.resolved(
            readSchema(properties.valueAt(i), at + ".properties." + name, false)));
      }
    }
    LazyShape values = null;
    JsonValue additional = get(node, "additionalProperties");
    if (additional != null) {
      if (props != null) {
        throw invalid(at + ".additionalProperties", "must not be used together with properties");
      }
      if (additional instanceof JsonBoolean b) {
        values = b.value() ? LazyShape.resolved(AnyShape.UNKNOWN) : null;
      } else {
        values = LazyShape.resolved(readSchema(additional, at + ".additionalProperties", false));
      }
    }
    if (root || embedded) {
      // the API server types apiVersion, kind and metadata of every (embedded) object itself
      fields.put("apiVersion", LazyShape.resolved(ScalarShape.STRING));
      fields.put("kind", LazyShape.resolved(ScalarShape.STRING));
      fields.put("metadata", LazyShape.of(() -> {
        Shape meta = types.definition(BuiltInTypes.OBJECT_META);
        if (meta == null) {
          throw new IllegalStateException("built-in schema lacks " + BuiltInTypes.OBJECT_META);
        }
        return meta;
      }));
    }
    Set<String> required = new TreeSet<>();
    JsonValue req = get(node, "required");
    if (req != null) {
      if (!(req instanceof JsonArray list)) {
        throw invalid(at + ".required", "must be a list of field names");
      }
      for (int i = 0; i < list.size(); i++) {
        if (!(list.get(i) instanceof JsonString s)) {
          throw invalid(at + ".required[" + i + "]", "must be a string");
        }
        required.add(s.value());
      }
    }
    MapType m;
    try {
      m = mapType == null ? MapType.GRANULAR : MapType.parse(mapType);
    } catch (IllegalArgumentException e) {
      throw invalid(at + ".x-kubernetes-map-type", e.getMessage());
    }
    return new ObjectShape(null, fields, required, values, m, preserve, null);
  }

  private ArrayShape readArray(JsonObject node, String at, @Nullable String declared) {
    JsonValue itemsNode = get(node, "items");
    if (itemsNode == null) {
      throw invalid(at + ".items", "required for arrays");
    }
    if (!(itemsNode instanceof JsonObject)) {
      throw invalid(at + ".items", "must be a single schema object");
    }
    Shape items = readSchema(itemsNode, at + ".items", false);
    ListType listType;
    try {
      listType = declared == null ? ListType.ATOMIC : ListType.parse(declared);
    } catch (IllegalArgumentException e) {
      throw invalid(at + ".x-kubernetes-list-type", e.getMessage());
    }
    List<String> keys = List.of();
    if (listType == ListType.SET) {
      boolean atomicItems = items instanceof ScalarShape
          || items instanceof ObjectShape o && o.mapType() == MapType.ATOMIC
          || items instanceof ArrayShape a && a.listType() == ListType.ATOMIC;
      if (!atomicItems) {
        throw invalid(at + ".x-kubernetes-list-type",
            "set requires scalar or atomic items");
      }
    } else if (listType == ListType.MAP) {
      keys = mapKeys(node, at, items, (JsonObject) itemsNode);
    }
    return new ArrayShape(LazyShape.resolved(items), listType, keys, null, null);
  }

  private List<String> mapKeys(JsonObject node, String at, Shape items, JsonObject itemsNode) {
    String keysAt = at + ".x-kubernetes-list-map-keys";
    if (!(items instanceof ObjectShape object) || object.isMap()) {
      throw invalid(at + ".items", "x-kubernetes-list-type map requires items of type object "
          + "with properties");
    }
    if (!(get(node, "x-kubernetes-list-map-keys") instanceof JsonArray list)
        || list.isEmpty()) {
      throw invalid(keysAt, "required, a non-empty list, for x-kubernetes-list-type map");
    }
    JsonObject itemProperties = itemsNode.getObject("properties").orElse(JsonObject.empty());
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof JsonString s)) {
        throw invalid(keysAt + "[" + i + "]", "must be a string");
      }
      String key = s.value();
      if (keys.contains(key)) {
        throw invalid(keysAt + "[" + i + "]", "duplicate key \"" + key + "\"");
      }
      Shape keyShape = object.hasField(key) ? object.field(key).orElseThrow() : null;
      if (!(keyShape instanceof ScalarShape)) {
        throw invalid(keysAt + "[" + i + "]", "\"" + key
            + "\" must be a scalar property of the items");
      }
      boolean defaulted = itemProperties.getObject(key).map(p -> p.has("default")).orElse(false);
      if (!object.isRequired(key) && !defaulted) {
        throw invalid(keysAt + "[" + i + "]", "\"" + key
            + "\" must be required or have a default");
      }
      keys.add(key);
    }
    return List.copyOf(keys);
  }

  /** A field's value, with JSON null read as absent (as the API server decodes it). */
  private static @Nullable JsonValue get(JsonObject parent, String key) {
    JsonValue v = parent.getOrNull(key);
    return v instanceof JsonNull ? null : v;
  }

  private JsonObject requireObject(JsonObject parent, String key, String at) {
    JsonValue v = get(parent, key);
    if (v == null) {
      throw invalid(at, "required");
    }
    if (!(v instanceof JsonObject o)) {
      throw invalid(at, "must be an object");
    }
    return o;
  }

  private String requireString(JsonObject parent, String key, String at) {
    String s = optionalString(parent, key, at);
    if (s == null || s.isEmpty()) {
      throw invalid(at, "required");
    }
    return s;
  }

  private @Nullable String optionalString(JsonObject parent, String key, String at) {
    JsonValue v = get(parent, key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonString s)) {
      throw invalid(at, "must be a string");
    }
    return s.value();
  }

  private boolean requireBoolean(JsonObject parent, String key, String at) {
    JsonValue v = get(parent, key);
    if (v == null) {
      throw invalid(at, "required");
    }
    if (!(v instanceof JsonBoolean b)) {
      throw invalid(at, "must be true or false");
    }
    return b.value();
  }

  private boolean optionalBoolean(JsonObject parent, String key, String at) {
    return get(parent, key) != null && requireBoolean(parent, key, at);
  }
}
