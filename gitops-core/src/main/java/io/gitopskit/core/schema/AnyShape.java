package io.gitopskit.core.schema;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A value the schema does not describe: {@code RawExtension}, free-form {@code JSON}, an object
 * with {@code x-kubernetes-preserve-unknown-fields} and no declared fields. Anything is valid; it
 * is compared and merged as a whole, and every field inside is again an {@code AnyShape}.
 *
 * <p>Immutable; equal by definition.
 *
 * @since 0.1
 */
public final class AnyShape implements Shape {

  /** Unknown content with no definition. */
  public static final AnyShape UNKNOWN = new AnyShape(null);

  private final @Nullable String definition;

  AnyShape(@Nullable String definition) {
    this.definition = definition;
  }

  @Override
  public Optional<String> definition() {
    return Optional.ofNullable(definition);
  }

  /**
   * Any field of unknown content is unknown content.
   *
   * @param name the field name
   * @return {@link #UNKNOWN}
   */
  @Override
  public Optional<Shape> field(String name) {
    return Optional.of(UNKNOWN);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AnyShape a && Objects.equals(a.definition, definition);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(definition);
  }

  @Override
  public String toString() {
    return definition == null ? "AnyShape" : "AnyShape[" + definition + "]";
  }
}
