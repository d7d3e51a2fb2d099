package io.gitopskit.core.model;

import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonPointer;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One immutable Kubernetes object: {@code apiVersion}, {@code kind}, {@code metadata}, and the
 * rest of its fields as an immutable JSON tree.
 *
 * <p>A manifest always satisfies the minimum Kubernetes shape: a non-empty {@code apiVersion}
 * and {@code kind}, an object {@code metadata} with a non-empty {@code name} or {@code
 * generateName}, and string-valued labels and annotations. It is never changed in place: the
 * {@code with...} methods return a new manifest sharing every unchanged subtree.
 *
 * <p>Equality is by content only: two manifests with equal trees are equal whatever their
 * {@linkplain #origin() origin}.
 *
 * @since 0.1
 */
public final class Manifest {

  private final JsonObject root;
  private final @Nullable SourceLocation origin;
  private final GroupVersionKind gvk;
  private final String name;
  private final String namespace;
  private final boolean generated;
  private @Nullable ResourceKey key;

  private Manifest(JsonObject root, @Nullable SourceLocation origin) {
    this.root = root;
    this.origin = origin;
    JsonObject metadata = (JsonObject) Objects.requireNonNull(root.getOrNull("metadata"));
    this.gvk = GroupVersionKind.of(string(root, "apiVersion"), string(root, "kind"));
    String n = string(metadata, "name");
    this.generated = n.isEmpty();
    this.name = generated ? string(metadata, "generateName") : n;
    this.namespace = string(metadata, "namespace");
  }

  /**
   * A manifest for a JSON object.
   *
   * @param root the whole object
   * @return the manifest
   * @throws IllegalArgumentException naming the field when the object is not a valid manifest
   *     (see {@link #check(JsonObject)})
   */
  public static Manifest of(JsonObject root) {
    return of(root, null);
  }

  /**
   * A manifest for a JSON object, remembering where it was read.
   *
   * @param root the whole object
   * @param origin where it was read, or null
   * @return the manifest
   * @throws IllegalArgumentException naming the field when the object is not a valid manifest
   */
  public static Manifest of(JsonObject root, @Nullable SourceLocation origin) {
    Objects.requireNonNull(root, "root");
    Optional<FieldProblem> problem = check(root);
    if (problem.isPresent()) {
      throw new IllegalArgumentException("invalid manifest: " + problem.get());
    }
    return new Manifest(root, origin);
  }

  /**
   * Checks the minimum shape of a manifest without building one.
   *
   * @param root the object to check
   * @return the first problem found, or empty when the object is a valid manifest
   */
  public static Optional<FieldProblem> check(JsonObject root) {
    JsonValue apiVersion = root.getOrNull("apiVersion");
    if (apiVersion == null) {
      return problem("apiVersion", "is required");
    }
    if (!(apiVersion instanceof JsonString s) || s.value().isBlank()) {
      return problem("apiVersion", "must be a non-empty string");
    }
    String av = s.value();
    int slash = av.indexOf('/');
    if (slash == 0 || slash == av.length() - 1 || (slash > 0 && av.indexOf('/', slash + 1) >= 0)) {
      return problem("apiVersion", "must have the form group/version or version");
    }
    JsonValue kind = root.getOrNull("kind");
    if (kind == null) {
      return problem("kind", "is required");
    }
    if (!(kind instanceof JsonString k) || k.value().isBlank()) {
      return problem("kind", "must be a non-empty string");
    }
    JsonValue meta = root.getOrNull("metadata");
    if (meta == null) {
      return problem("metadata", "is required");
    }
    if (!(meta instanceof JsonObject metadata)) {
      return problem("metadata", "must be an object");
    }
    JsonValue name = metadata.getOrNull("name");
    if (name != null && !(name instanceof JsonString) && !(name instanceof JsonNull)) {
      return problem("metadata.name", "must be a string");
    }
    boolean hasName = name instanceof JsonString ns && !ns.value().isBlank();
    if (!hasName) {
      JsonValue generateName = metadata.getOrNull("generateName");
      if (generateName != null && !(generateName instanceof JsonString)
          && !(generateName instanceof JsonNull)) {
        return problem("metadata.generateName", "must be a string");
      }
      if (!(generateName instanceof JsonString g) || g.value().isBlank()) {
        return problem("metadata.name", "is required (or metadata.generateName)");
      }
    }
    JsonValue namespace = metadata.getOrNull("namespace");
    if (namespace != null && !(namespace instanceof JsonString) && !(namespace instanceof JsonNull)) {
      return problem("metadata.namespace", "must be a string");
    }
    for (String field : new String[] {"labels", "annotations"}) {
      JsonValue map = metadata.getOrNull(field);
      if (map == null || map instanceof JsonNull) {
        continue;
      }
      if (!(map instanceof JsonObject o)) {
        return problem("metadata." + field, "must be an object of strings");
      }
      for (int i = 0; i < o.size(); i++) {
        if (!(o.valueAt(i) instanceof JsonString)) {
          return problem("metadata." + field + "." + o.keyAt(i), "must be a string");
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<FieldProblem> problem(String field, String message) {
    return Optional.of(new FieldProblem(field, message));
  }

  private static String string(JsonObject o, String key) {
    return o.getOrNull(key) instanceof JsonString s ? s.value() : "";
  }

  /**
   * The whole object as a JSON tree.
   *
   * @return the root object
   */
  public JsonObject root() {
    return root;
  }

  /**
   * Where this manifest was read, if known.
   *
   * @return the origin
   */
  public Optional<SourceLocation> origin() {
    return Optional.ofNullable(origin);
  }

  /**
   * The {@code apiVersion} field.
   *
   * @return e.g. {@code apps/v1}
   */
  public String apiVersion() {
    return gvk.apiVersion();
  }

  /**
   * The {@code kind} field.
   *
   * @return e.g. {@code Deployment}
   */
  public String kind() {
    return gvk.kind();
  }

  /**
   * The API group, {@code ""} for the core group.
   *
   * @return the group
   */
  public String group() {
    return gvk.group();
  }

  /**
   * The API version without the group.
   *
   * @return e.g. {@code v1}
   */
  public String version() {
    return gvk.version();
  }

  /**
   * The group, version and kind.
   *
   * @return the GVK
   */
  public GroupVersionKind gvk() {
    return gvk;
  }

  /**
   * The group and kind.
   *
   * @return the group kind
   */
  public GroupKind groupKind() {
    return gvk.groupKind();
  }

  /**
   * {@code metadata.name}, or {@code metadata.generateName} for an object named by the server.
   *
   * @return the name, never empty
   */
  public String name() {
    return name;
  }

  /**
   * Whether the object is named by the server ({@code generateName} without {@code name}).
   *
   * @return true for generated names
   */
  public boolean hasGeneratedName() {
    return generated;
  }

  /**
   * {@code metadata.namespace}, or {@code ""} when unset.
   *
   * @return the namespace
   */
  public String namespace() {
    return namespace;
  }

  /**
   * The identity of this object.
   *
   * @return group, kind, namespace and name
   */
  public ResourceKey key() {
    ResourceKey k = key;
    if (k == null) {
      k = new ResourceKey(gvk.group(), gvk.kind(), namespace, name);
      key = k;
    }
    return k;
  }

  /**
   * The {@code metadata} object.
   *
   * @return the metadata
   */
  public JsonObject metadata() {
    return (JsonObject) Objects.requireNonNull(root.getOrNull("metadata"));
  }

  /**
   * {@code metadata.labels}.
   *
   * @return an unmodifiable map in sorted key order; empty when there are none
   */
  public Map<String, String> labels() {
    return stringMap("labels");
  }

  /**
   * {@code metadata.annotations}.
   *
   * @return an unmodifiable map in sorted key order; empty when there are none
   */
  public Map<String, String> annotations() {
    return stringMap("annotations");
  }

  /**
   * One label.
   *
   * @param key the label key
   * @return the value, or empty when absent
   */
  public Optional<String> label(String key) {
    return metadata().getObject("labels").flatMap(o -> o.getString(key));
  }

  /**
   * One annotation.
   *
   * @param key the annotation key
   * @return the value, or empty when absent
   */
  public Optional<String> annotation(String key) {
    return metadata().getObject("annotations").flatMap(o -> o.getString(key));
  }

  private Map<String, String> stringMap(String field) {
    Optional<JsonObject> map = metadata().getObject(field);
    if (map.isEmpty() || map.get().isEmpty()) {
      return Map.of();
    }
    JsonObject o = map.get();
    Map<String, String> out = new LinkedHashMap<>(o.size() * 2);
    for (int i = 0; i < o.size(); i++) {
      out.put(o.keyAt(i), ((JsonString) o.valueAt(i)).value());
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Reads a field by JSON pointer.
   *
   * @param pointer e.g. {@code /spec/replicas}
   * @return the value, or empty when absent
   * @throws IllegalArgumentException for a malformed pointer
   */
  public Optional<JsonValue> at(String pointer) {
    return JsonPointer.parse(pointer).get(root);
  }

  /**
   * A copy with a field set by JSON pointer, creating missing objects on the way.
   *
   * @param pointer e.g. {@code /spec/replicas}
   * @param value the new value
   * @return the new manifest
   * @throws IllegalArgumentException for a malformed pointer, or when the result is not a valid
   *     manifest
   */
  public Manifest with(String pointer, JsonValue value) {
    JsonPointer p = JsonPointer.parse(pointer);
    if (p.tokens().isEmpty()) {
      if (!(value instanceof JsonObject o)) {
        throw new IllegalArgumentException("a manifest root must be an object");
      }
      return withRoot(o);
    }
    return withRoot((JsonObject) p.set(root, value));
  }

  /**
   * A copy with a field removed by JSON pointer; unchanged when absent.
   *
   * @param pointer e.g. {@code /status}
   * @return the new manifest
   * @throws IllegalArgumentException for a malformed pointer, or when the result is not a valid
   *     manifest (e.g. removing {@code /metadata/name})
   */
  public Manifest without(String pointer) {
    return withRoot((JsonObject) JsonPointer.parse(pointer).remove(root));
  }

  /**
   * A copy with a new root, keeping the origin.
   *
   * @param newRoot the new object
   * @return the new manifest, or this one when the tree is unchanged
   * @throws IllegalArgumentException when the object is not a valid manifest
   */
  public Manifest withRoot(JsonObject newRoot) {
    if (newRoot == root) {
      return this;
    }
    return of(newRoot, origin);
  }

  /**
   * A copy with the root transformed by a function.
   *
   * @param transform returns the new root
   * @return the new manifest
   * @throws IllegalArgumentException when the result is not a valid manifest
   */
  public Manifest map(UnaryOperator<JsonObject> transform) {
    return withRoot(Objects.requireNonNull(transform.apply(root), "transform result"));
  }

  /**
   * A copy with another {@code metadata.namespace}; {@code ""} removes it.
   *
   * @param newNamespace the namespace
   * @return the new manifest
   */
  public Manifest withNamespace(String newNamespace) {
    return newNamespace.isEmpty() ? without("/metadata/namespace")
        : with("/metadata/namespace", JsonString.of(newNamespace));
  }

  /**
   * A copy with another {@code metadata.name}.
   *
   * @param newName the name, not blank
   * @return the new manifest
   */
  public Manifest withName(String newName) {
    return with("/metadata/name", JsonString.of(newName));
  }

  /**
   * A copy with a label set.
   *
   * @param key the label key
   * @param value the value
   * @return the new manifest
   */
  public Manifest withLabel(String key, String value) {
    return withRoot((JsonObject) JsonPointer.of("metadata", "labels", key)
        .set(root, JsonString.of(value)));
  }

  /**
   * A copy without a label.
   *
   * @param key the label key
   * @return the new manifest
   */
  public Manifest withoutLabel(String key) {
    return withRoot((JsonObject) JsonPointer.of("metadata", "labels", key).remove(root));
  }

  /**
   * A copy with an annotation set.
   *
   * @param key the annotation key
   * @param value the value
   * @return the new manifest
   */
  public Manifest withAnnotation(String key, String value) {
    return withRoot((JsonObject) JsonPointer.of("metadata", "annotations", key)
        .set(root, JsonString.of(value)));
  }

  /**
   * A copy without an annotation.
   *
   * @param key the annotation key
   * @return the new manifest
   */
  public Manifest withoutAnnotation(String key) {
    return withRoot((JsonObject) JsonPointer.of("metadata", "annotations", key).remove(root));
  }

  /**
   * A copy with another origin and the same content.
   *
   * @param newOrigin where it was read, or null
   * @return the new manifest
   */
  public Manifest withOrigin(@Nullable SourceLocation newOrigin) {
    return new Manifest(root, newOrigin);
  }

  /**
   * The 64-bit content hash of the whole object (see {@link JsonValue#contentHash()}).
   *
   * @return the hash
   */
  public long contentHash() {
    return root.contentHash();
  }

  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof Manifest m && root.equals(m.root));
  }

  @Override
  public int hashCode() {
    return root.hashCode();
  }

  /** {@code apiVersion kind namespace/name}; never the object's content. */
  @Override
  public String toString() {
    return gvk + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
  }
}
