package io.gitopskit.core.schema;

import io.gitopskit.core.cluster.ApiResource;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.model.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What GitOpsKit knows about Kubernetes types: the shape of every built-in kind (list merge keys,
 * list and map types, required fields, formats) and the resources discovery would report (plural,
 * scope, verbs, subresources) — from the real Kubernetes OpenAPI document, through the compact
 * resource {@code kubernetes-1.35.json} that {@code SchemaGenerator} writes — plus any custom
 * kinds added from CustomResourceDefinitions.
 *
 * <p>One source serves the diff (how lists and maps merge), the simulated API server's apply and
 * validation, and discovery.
 *
 * <pre>{@code
 * KubernetesSchema schema = KubernetesSchema.builtIn();
 * GroupVersionKind deployment = new GroupVersionKind("apps", "v1", "Deployment");
 * ArrayShape containers = (ArrayShape) schema
 *     .shapeAt(deployment, List.of("spec", "template", "spec", "containers")).orElseThrow();
 * containers.listMapKeys();   // [name]
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; {@link #withCustomResourceDefinition} returns a new
 * schema. The built-in schema is loaded once per JVM, on first use; shapes are built on first use
 * and then shared.
 *
 * @since 0.1
 */
public final class KubernetesSchema {

  /** The compact resource, beside this class. */
  static final String RESOURCE = "kubernetes-1.35.json";

  private static final Comparator<ApiResource> ORDER =
      Comparator.comparing((ApiResource r) -> r.gvk().group())
          .thenComparing(r -> r.gvk().version())
          .thenComparing(r -> r.gvk().kind());

  private final BuiltInTypes types;
  private final String kubernetesVersion;
  private final Map<GroupVersionKind, ApiResource> resources;
  private final Map<String, ApiResource> byPlural;
  private final Map<GroupVersionKind, Set<String>> subresources;
  private final List<ApiResource> sorted;
  /** Shapes of custom kinds; built-in kinds resolve through {@link #types}. */
  private final Map<GroupVersionKind, Shape> customShapes;
  /** The custom kinds each CRD (by name) contributed, so that a new revision replaces them. */
  private final Map<String, List<GroupVersionKind>> customByCrd;

  private KubernetesSchema(BuiltInTypes types, String kubernetesVersion,
      Map<GroupVersionKind, ApiResource> resources,
      Map<GroupVersionKind, Set<String>> subresources, Map<GroupVersionKind, Shape> customShapes,
      Map<String, List<GroupVersionKind>> customByCrd) {
    this.types = types;
    this.kubernetesVersion = kubernetesVersion;
    this.resources = Map.copyOf(resources);
    this.subresources = Map.copyOf(subresources);
    this.customShapes = Map.copyOf(customShapes);
    this.customByCrd = Map.copyOf(customByCrd);
    HashMap<String, ApiResource> plurals = new HashMap<>();
    for (ApiResource r : resources.values()) {
      plurals.put(pluralKey(r.gvk().group(), r.gvk().version(), r.plural()), r);
    }
    this.byPlural = Map.copyOf(plurals);
    ArrayList<ApiResource> list = new ArrayList<>(resources.values());
    list.sort(ORDER);
    this.sorted = List.copyOf(list);
  }

  private static final class BuiltIn {
    static final KubernetesSchema INSTANCE = load();
  }

  /**
   * The schema of the built-in Kubernetes types, loaded on first call and then shared.
   *
   * @return the shared built-in schema
   * @throws IllegalStateException if the bundled resource is missing or malformed
   */
  public static KubernetesSchema builtIn() {
    return BuiltIn.INSTANCE;
  }

  private static KubernetesSchema load() {
    String text;
    try (InputStream in = KubernetesSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("bundled schema resource " + RESOURCE + " is missing");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("failed to read bundled schema resource " + RESOURCE, e);
    }
    return parse(text);
  }

  /** Reads a compact resource as {@code SchemaGenerator} writes it. */
  static KubernetesSchema parse(String text) {
    List<JsonValue> docs = ManifestLoader.defaults().readDocuments(text, RESOURCE);
    if (docs.size() != 1 || !(docs.get(0) instanceof JsonObject root)
        || !(root.getOrNull("definitions") instanceof JsonObject definitions)
        || !(root.getOrNull("resources") instanceof JsonArray rows)) {
      throw new IllegalStateException("schema resource " + RESOURCE + " is malformed");
    }
    BuiltInTypes types = new BuiltInTypes(definitions);
    HashMap<GroupVersionKind, ApiResource> resources = new HashMap<>();
    HashMap<GroupVersionKind, Set<String>> subresources = new HashMap<>();
    for (JsonValue v : rows.items()) {
      JsonObject row = (JsonObject) v;
      GroupVersionKind gvk = new GroupVersionKind(row.getString("group").orElse(""),
          row.getString("version").orElseThrow(), row.getString("kind").orElseThrow());
      resources.put(gvk, new ApiResource(gvk, row.getString("plural").orElseThrow(),
          row.getOrNull("namespaced") instanceof JsonBoolean b && b.value(),
          strings(row.getOrNull("verbs"))));
      Set<String> subs = strings(row.getOrNull("subresources"));
      if (!subs.isEmpty()) {
        subresources.put(gvk, subs);
      }
    }
    String version = root.getObject("source")
        .flatMap(s -> s.getString("kubernetesVersion")).orElse("unknown");
    return new KubernetesSchema(types, version, resources, subresources, Map.of(), Map.of());
  }

  private static Set<String> strings(@Nullable JsonValue value) {
    if (!(value instanceof JsonArray a)) {
      return Set.of();
    }
    TreeSet<String> out = new TreeSet<>();
    for (JsonValue v : a.items()) {
      out.add(((JsonString) v).value());
    }
    return Set.copyOf(out);
  }

  /**
   * The Kubernetes version the built-in types come from, e.g. {@code 1.35.0}.
   *
   * @return the version
   */
  public String kubernetesVersion() {
    return kubernetesVersion;
  }

  /**
   * The shape of a kind's objects: built-in kinds (including those that are not resources, such
   * as {@code meta/v1 DeleteOptions}) and custom kinds.
   *
   * @param gvk the kind
   * @return the object shape, or empty for an unknown kind
   */
  public Optional<Shape> shapeOf(GroupVersionKind gvk) {
    return Optional.ofNullable(shapeOrNull(gvk));
  }

  private @Nullable Shape shapeOrNull(GroupVersionKind gvk) {
    Shape custom = customShapes.get(gvk);
    if (custom != null) {
      return custom;
    }
    String definition = types.definitionOf(gvk);
    return definition == null ? null : types.definition(definition);
  }

  /**
   * The shape at a field path in a kind's objects. Path tokens are field names (or map keys);
   * lists are stepped through transparently, so {@code [spec, template, spec, containers, ports]}
   * is the ports list of each container. A list at the end of the path is returned as the list.
   *
   * @param gvk the kind
   * @param fieldPath field names from the object root; empty for the root
   * @return the shape, or empty when the kind is unknown or the schema has no such field
   */
  public Optional<Shape> shapeAt(GroupVersionKind gvk, List<String> fieldPath) {
    Shape shape = shapeOrNull(gvk);
    for (int i = 0; shape != null && i < fieldPath.size(); i++) {
      while (shape instanceof ArrayShape a) {
        shape = a.items();
      }
      shape = shape.field(fieldPath.get(i)).orElse(null);
    }
    return Optional.ofNullable(shape);
  }

  /**
   * The shape of a built-in OpenAPI definition, e.g. {@code
   * io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta}.
   *
   * @param name the definition name
   * @return the shape, or empty when there is no such definition
   */
  public Optional<Shape> definition(String name) {
    return Optional.ofNullable(types.definition(name));
  }

  /**
   * Every served resource, sorted by group, version and kind.
   *
   * @return the resources
   */
  public List<ApiResource> resources() {
    return sorted;
  }

  /**
   * The resource serving a kind.
   *
   * @param gvk the kind
   * @return the resource, or empty when the kind is not served
   */
  public Optional<ApiResource> resource(GroupVersionKind gvk) {
    return Optional.ofNullable(resources.get(gvk));
  }

  /**
   * The resource a URL names: group, version and plural, e.g. {@code apps}, {@code v1}, {@code
   * deployments}.
   *
   * @param group the group, {@code ""} for core
   * @param version the version
   * @param plural the plural resource name
   * @return the resource, or empty when not served
   */
  public Optional<ApiResource> resourceForPlural(String group, String version, String plural) {
    return Optional.ofNullable(byPlural.get(pluralKey(group, version, plural)));
  }

  /**
   * The subresources a kind's resource serves, e.g. {@code status}, {@code scale}.
   *
   * @param gvk the kind
   * @return the subresource names; empty when none or not served
   */
  public Set<String> subresources(GroupVersionKind gvk) {
    return subresources.getOrDefault(gvk, Set.of());
  }

  /**
   * Whether a kind has a {@code status} subresource — and so an update of the main resource
   * ignores {@code status}, and an update of the subresource changes only {@code status}.
   *
   * @param gvk the kind
   * @return true when the status subresource is served
   */
  public boolean hasStatusSubresource(GroupVersionKind gvk) {
    return subresources(gvk).contains("status");
  }

  /**
   * Whether a kind comes from a CustomResourceDefinition added to this schema.
   *
   * @param gvk the kind
   * @return true for custom kinds
   */
  public boolean isCustom(GroupVersionKind gvk) {
    return customShapes.containsKey(gvk);
  }

  /**
   * A new schema that also knows a CustomResourceDefinition's kinds: one per served version, with
   * the plural and scope of {@code spec.names} and {@code spec.scope}, the shape of each version's
   * {@code schema.openAPIV3Schema} (honouring {@code x-kubernetes-list-type}, {@code
   * x-kubernetes-list-map-keys}, {@code x-kubernetes-map-type}, {@code
   * x-kubernetes-preserve-unknown-fields}, {@code x-kubernetes-int-or-string}), and the
   * subresources of {@code subresources}. Lists without a declared type are atomic. A CRD of the
   * same name added before is replaced.
   *
   * @param crd an {@code apiextensions.k8s.io/v1} CustomResourceDefinition
   * @return the new schema
   * @throws IllegalArgumentException naming the field, when the CRD is invalid or claims a kind
   *     or plural that is already served
   */
  public KubernetesSchema withCustomResourceDefinition(Manifest crd) {
    Objects.requireNonNull(crd, "crd");
    CustomResourceDefinitions.Definition def = CustomResourceDefinitions.read(crd, types);
    HashMap<GroupVersionKind, ApiResource> res = new HashMap<>(resources);
    HashMap<GroupVersionKind, Set<String>> subs = new HashMap<>(subresources);
    HashMap<GroupVersionKind, Shape> shapes = new HashMap<>(customShapes);
    HashMap<String, List<GroupVersionKind>> owners = new HashMap<>(customByCrd);
    List<GroupVersionKind> previous = owners.remove(def.name());
    if (previous != null) {
      for (GroupVersionKind gvk : previous) {
        res.remove(gvk);
        subs.remove(gvk);
        shapes.remove(gvk);
      }
    }
    List<GroupVersionKind> added = new ArrayList<>();
    for (CustomResourceDefinitions.Served served : def.served()) {
      GroupVersionKind gvk = served.resource().gvk();
      if (res.containsKey(gvk) || types.definitionOf(gvk) != null) {
        throw new IllegalArgumentException("invalid CustomResourceDefinition \"" + def.name()
            + "\": spec.names.kind: " + gvk + " is already served");
      }
      for (ApiResource other : res.values()) {
        if (other.gvk().group().equals(gvk.group()) && other.gvk().version().equals(gvk.version())
            && other.plural().equals(served.resource().plural())) {
          throw new IllegalArgumentException("invalid CustomResourceDefinition \"" + def.name()
              + "\": spec.names.plural: " + served.resource().qualifiedPlural() + " is already "
              + "served for " + other.gvk());
        }
      }
      res.put(gvk, served.resource());
      shapes.put(gvk, served.shape());
      if (!served.subresources().isEmpty()) {
        subs.put(gvk, served.subresources());
      }
      added.add(gvk);
    }
    owners.put(def.name(), List.copyOf(added));
    return new KubernetesSchema(types, kubernetesVersion, res, subs, shapes, owners);
  }

  /**
   * A new schema that also knows several CustomResourceDefinitions, added in order.
   *
   * @param crds the CRDs
   * @return the new schema
   * @throws IllegalArgumentException naming the CRD and field, when one is invalid
   * @see #withCustomResourceDefinition(Manifest)
   */
  public KubernetesSchema withCustomResourceDefinitions(Collection<Manifest> crds) {
    KubernetesSchema s = this;
    for (Manifest crd : crds) {
      s = s.withCustomResourceDefinition(crd);
    }
    return s;
  }

  private static String pluralKey(String group, String version, String plural) {
    return group + "/" + version + "/" + plural;
  }

  @Override
  public String toString() {
    return "KubernetesSchema[" + kubernetesVersion + ", " + sorted.size() + " resources, "
        + customByCrd.size() + " CRDs]";
  }
}
