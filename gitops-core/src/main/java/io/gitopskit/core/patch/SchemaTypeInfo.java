package io.gitopskit.core.patch;

import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.schema.ArrayShape;
import io.gitopskit.core.schema.KubernetesSchema;
import io.gitopskit.core.schema.MapType;
import io.gitopskit.core.schema.ObjectShape;
import io.gitopskit.core.schema.Shape;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link TypeInfo} read from a {@link KubernetesSchema}: list types, list-map keys, strategic
 * merge keys and strategies, and atomic maps as the Kubernetes OpenAPI document (or a CRD's
 * schema) declares them. Kinds the schema does not know get {@link TypeInfo#JSON} semantics.
 *
 * <p>In built-in kinds a list-map key named {@code protocol} defaults to {@code TCP} (the API
 * server defaults container, service and endpoint port protocols before merging), so an item
 * that omits it is the same item as one that says {@code TCP}.
 *
 * @since 0.1
 */
public final class SchemaTypeInfo implements TypeInfo {

  private static final JsonString TCP = JsonString.of("TCP");

  private final KubernetesSchema schema;

  private SchemaTypeInfo(KubernetesSchema schema) {
    this.schema = schema;
  }

  /**
   * Type knowledge from a schema.
   *
   * @param schema the schema, e.g. {@code KubernetesSchema.builtIn()}
   * @return the type info
   */
  public static SchemaTypeInfo of(KubernetesSchema schema) {
    return new SchemaTypeInfo(Objects.requireNonNull(schema, "schema"));
  }

  @Override
  public ListInfo list(GroupVersionKind gvk, List<String> fieldPath) {
    Optional<Shape> shape = schema.shapeAt(gvk, fieldPath);
    if (shape.isEmpty() || !(shape.get() instanceof ArrayShape a)) {
      return ListInfo.atomic();
    }
    ListInfo info;
    if (a.listType() == io.gitopskit.core.schema.ListType.MAP && !a.listMapKeys().isEmpty()) {
      info = ListInfo.map(a.listMapKeys().toArray(new String[0]));
    } else if (a.listType() == io.gitopskit.core.schema.ListType.SET) {
      info = ListInfo.set();
    } else {
      info = ListInfo.atomic();
    }
    if (a.patchStrategy().isPresent()) {
      info = info.withPatch(a.patchStrategy().get(), a.patchMergeKey().orElse(null));
    }
    if (info.type() == io.gitopskit.core.patch.ListType.MAP && info.mapKeys().contains("protocol")
        && !schema.isCustom(gvk)) {
      info = info.withKeyDefault("protocol", TCP);
    }
    return info;
  }

  @Override
  public boolean atomicMap(GroupVersionKind gvk, List<String> fieldPath) {
    Optional<Shape> shape = schema.shapeAt(gvk, fieldPath);
    if (shape.isEmpty()) {
      return false;
    }
    Shape s = shape.get() instanceof ArrayShape a ? a.items() : shape.get();
    return s instanceof ObjectShape o && o.mapType() == MapType.ATOMIC;
  }

  @Override
  public Optional<String> mapPatchStrategy(GroupVersionKind gvk, List<String> fieldPath) {
    Optional<Shape> shape = schema.shapeAt(gvk, fieldPath);
    if (shape.isPresent() && shape.get() instanceof ObjectShape o) {
      return o.patchStrategy();
    }
    return Optional.empty();
  }
}
