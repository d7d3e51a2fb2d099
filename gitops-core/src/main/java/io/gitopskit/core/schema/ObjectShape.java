package io.gitopskit.core.schema;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An object: a struct with named {@linkplain #fields() fields} (a {@code DeploymentSpec}), or a
 * map whose entries all share the {@linkplain #additionalProperties() value shape} ({@code
 * metadata.labels}, {@code resources.limits}).
 *
 * <p>Field shapes are resolved on first use and kept. Equality is identity: each definition has
 * one shape per schema (a field that overrides the definition's map type or patch strategy gets
 * its own copy).
 *
 * @since 0.1
 */
public final class ObjectShape implements Shape {

  private final @Nullable String definition;
  private final Map<String, LazyShape> fields;
  private final List<String> fieldNames;
  private final Set<String> required;
  private final @Nullable LazyShape additionalProperties;
  private final MapType mapType;
  private final boolean preserveUnknownFields;
  private final @Nullable String patchStrategy;
  private volatile @Nullable Map<String, Shape> resolved;

  ObjectShape(@Nullable String definition, Map<String, LazyShape> fields, Set<String> required,
      @Nullable LazyShape additionalProperties, MapType mapType, boolean preserveUnknownFields,
      @Nullable String patchStrategy) {
    this.definition = definition;
    this.fields = fields.isEmpty() ? Map.of() : Collections.unmodifiableMap(new HashMap<>(fields));
    String[] names = fields.keySet().toArray(new String[0]);
    Arrays.sort(names);
    this.fieldNames = List.of(names);
    this.required = Set.copyOf(required);
    this.additionalProperties = additionalProperties;
    this.mapType = mapType;
    this.preserveUnknownFields = preserveUnknownFields;
    this.patchStrategy = patchStrategy;
  }

  private ObjectShape(ObjectShape base, MapType mapType, @Nullable String patchStrategy) {
    this.definition = base.definition;
    this.fields = base.fields;
    this.fieldNames = base.fieldNames;
    this.required = base.required;
    this.additionalProperties = base.additionalProperties;
    this.mapType = mapType;
    this.preserveUnknownFields = base.preserveUnknownFields;
    this.patchStrategy = patchStrategy;
  }

  /** A copy with the map type and patch strategy a referring field declares. */
  ObjectShape withOverrides(@Nullable MapType mapType, @Nullable String patchStrategy) {
    MapType m = mapType == null ? this.mapType : mapType;
    String p = patchStrategy == null ? this.patchStrategy : patchStrategy;
    if (m == this.mapType && Objects.equals(p, this.patchStrategy)) {
      return this;
    }
    return new ObjectShape(this, m, p);
  }

  @Override
  public Optional<String> definition() {
    return Optional.ofNullable(definition);
  }

  /**
   * The declared field names, sorted.
   *
   * @return the names; empty for a map
   */
  public List<String> fieldNames() {
    return fieldNames;
  }

  /**
   * The declared fields and their shapes, sorted by name. Resolves every field's shape (one level
   * deep) on first call.
   *
   * @return the fields; empty for a map
   */
  public Map<String, Shape> fields() {
    Map<String, Shape> r = resolved;
    if (r == null) {
      LinkedHashMap<String, Shape> m = new LinkedHashMap<>();
      for (String name : fieldNames) {
        m.put(name, fields.get(name).get());
      }
      r = Collections.unmodifiableMap(m);
      resolved = r;
    }
    return r;
  }

  /**
   * Whether a field is declared.
   *
   * @param name the field name
   * @return true when declared
   */
  public boolean hasField(String name) {
    return fields.containsKey(name);
  }

  /**
   * The shape of a declared field; else, for a map, of its entries; else {@link AnyShape} when
   * unknown fields are preserved; else empty.
   *
   * @param name the field name or map key
   * @return the shape
   */
  @Override
  public Optional<Shape> field(String name) {
    LazyShape f = fields.get(name);
    if (f != null) {
      return Optional.of(f.get());
    }
    if (additionalProperties != null) {
      return Optional.of(additionalProperties.get());
    }
    if (preserveUnknownFields) {
      return Optional.of(AnyShape.UNKNOWN);
    }
    return Optional.empty();
  }

  /**
   * The fields that must be present.
   *
   * @return the required field names
   */
  public Set<String> required() {
    return required;
  }

  /**
   * Whether a field must be present.
   *
   * @param name the field name
   * @return true when required
   */
  public boolean isRequired(String name) {
    return required.contains(name);
  }

  /**
   * The shape of the values of a map ({@code additionalProperties}), e.g. a string for {@code
   * labels}, a quantity for {@code resources.limits}.
   *
   * @return the value shape, or empty for a struct
   */
  public Optional<Shape> additionalProperties() {
    return additionalProperties == null ? Optional.empty()
        : Optional.of(additionalProperties.get());
  }

  /**
   * Whether this is a map: entries of one value shape and no declared fields.
   *
   * @return true for a map
   */
  public boolean isMap() {
    return additionalProperties != null && fields.isEmpty();
  }

  /**
   * How server-side apply merges this object ({@code x-kubernetes-map-type}); {@link
   * MapType#GRANULAR} unless declared atomic.
   *
   * @return the map type
   */
  public MapType mapType() {
    return mapType;
  }

  /**
   * Whether fields the schema does not declare are kept ({@code
   * x-kubernetes-preserve-unknown-fields}).
   *
   * @return true when unknown fields are kept
   */
  public boolean preserveUnknownFields() {
    return preserveUnknownFields;
  }

  /**
   * The strategic-merge-patch strategy the referring field declares, e.g. {@code retainKeys} for
   * {@code Deployment.spec.strategy}.
   *
   * @return the strategy
   */
  public Optional<String> patchStrategy() {
    return Optional.ofNullable(patchStrategy);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("ObjectShape[");
    if (definition != null) {
      b.append(definition).append(", ");
    }
    if (isMap()) {
      b.append("map");
    } else {
      b.append("fields=").append(fieldNames);
    }
    if (mapType == MapType.ATOMIC) {
      b.append(", atomic");
    }
    if (preserveUnknownFields) {
      b.append(", preserveUnknownFields");
    }
    return b.append(']').toString();
  }
}
