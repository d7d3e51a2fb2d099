package io.gitopskit.core.schema;

import java.util.Optional;

/**
 * The shape of one value in a Kubernetes object, as the API's OpenAPI schema (or a CRD's
 * {@code openAPIV3Schema}) describes it: what diff, merge, apply and validation need to know
 * about it, and nothing else (descriptions are dropped).
 *
 * <p>The set of cases is closed:
 *
 * <ul>
 *   <li>{@link ObjectShape} — a struct with named fields, or a map (like {@code labels}) whose
 *       values share one shape;
 *   <li>{@link ArrayShape} — a list, with its server-side-apply list type and keys and its
 *       strategic-merge-patch key and strategy;
 *   <li>{@link ScalarShape} — a string, integer, number or boolean, with its format ({@code
 *       int-or-string}, {@code quantity}, {@code date-time}, ...);
 *   <li>{@link AnyShape} — content the schema does not describe ({@code RawExtension},
 *       {@code x-kubernetes-preserve-unknown-fields}).
 * </ul>
 *
 * <p>Shapes are immutable and thread-safe. Shapes of the built-in types resolve the definitions
 * they refer to lazily, once, so recursive types ({@code JSONSchemaProps}) are fine.
 *
 * @since 0.1
 */
public sealed interface Shape permits ObjectShape, ArrayShape, ScalarShape, AnyShape {

  /**
   * The OpenAPI definition this shape was made from, e.g. {@code io.k8s.api.core.v1.Container};
   * empty for inline shapes (lists, maps, plain scalars and CRD schemas).
   *
   * @return the definition name
   */
  Optional<String> definition();

  /**
   * The shape of a field (or, for maps, of an entry) inside this value. Only objects and
   * {@link AnyShape} have fields; lists do not (navigate to {@link ArrayShape#items()} first, or
   * use {@link KubernetesSchema#shapeAt}).
   *
   * @param name the field name or map key
   * @return the shape, or empty when the schema allows no such field
   */
  default Optional<Shape> field(String name) {
    return Optional.empty();
  }
}
