package io.gitopskit.core.schema;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A scalar: a string, integer, number or boolean, with its OpenAPI format.
 *
 * <p>Formats that change how a value compares or validates:
 *
 * <ul>
 *   <li>{@value #INT_OR_STRING} — an integer or a string ({@code IntOrString}, e.g. a Service
 *       port's {@code targetPort}; a CRD's {@code x-kubernetes-int-or-string}); its {@link
 *       #type()} is {@link Type#STRING}, but integers are valid too;
 *   <li>{@value #QUANTITY} — a resource quantity ({@code 500m}, {@code 1Gi}); the OpenAPI
 *       document leaves this implicit in the {@code Quantity} definition, and the generator
 *       writes it down;
 *   <li>{@value #DATE_TIME} — an RFC 3339 time ({@code Time}, {@code MicroTime});
 *   <li>{@code byte} — base64 data (Secret {@code data}); {@code int32}, {@code int64}, {@code
 *       double}.
 * </ul>
 *
 * <p>Immutable; equal by type, format and definition.
 *
 * @since 0.1
 */
public final class ScalarShape implements Shape {

  /** The format of {@code IntOrString} values. */
  public static final String INT_OR_STRING = "int-or-string";
  /** The format of {@code Quantity} values. */
  public static final String QUANTITY = "quantity";
  /** The format of {@code Time} and {@code MicroTime} values. */
  public static final String DATE_TIME = "date-time";

  /** The JSON type of a scalar. */
  public enum Type {
    /** A JSON string. */
    STRING,
    /** A JSON integer. */
    INTEGER,
    /** A JSON number. */
    NUMBER,
    /** A JSON boolean. */
    BOOLEAN;

    /**
     * The OpenAPI name, e.g. {@code string}.
     *
     * @return the name
     */
    public String openApiName() {
      return name().toLowerCase(Locale.ROOT);
    }

    static @Nullable Type parse(String name) {
      return switch (name) {
        case "string" -> STRING;
        case "integer" -> INTEGER;
        case "number" -> NUMBER;
        case "boolean" -> BOOLEAN;
        default -> null;
      };
    }
  }

  static final ScalarShape STRING = new ScalarShape(Type.STRING, null, null);

  private final Type type;
  private final @Nullable String format;
  private final @Nullable String definition;

  ScalarShape(Type type, @Nullable String format, @Nullable String definition) {
    this.type = Objects.requireNonNull(type, "type");
    this.format = format == null || format.isEmpty() ? null : format;
    this.definition = definition;
  }

  @Override
  public Optional<String> definition() {
    return Optional.ofNullable(definition);
  }

  /**
   * The JSON type.
   *
   * @return the type
   */
  public Type type() {
    return type;
  }

  /**
   * The OpenAPI format, e.g. {@code int32}, {@code date-time}, {@code int-or-string}, {@code
   * quantity}.
   *
   * @return the format
   */
  public Optional<String> format() {
    return Optional.ofNullable(format);
  }

  /**
   * Whether values may be integers or strings.
   *
   * @return true for {@code int-or-string}
   */
  public boolean isIntOrString() {
    return INT_OR_STRING.equals(format);
  }

  /**
   * Whether values are resource quantities ({@code 250m}, {@code 1Gi}).
   *
   * @return true for {@code quantity}
   */
  public boolean isQuantity() {
    return QUANTITY.equals(format);
  }

  /**
   * Whether values are RFC 3339 times.
   *
   * @return true for {@code date-time}
   */
  public boolean isDateTime() {
    return DATE_TIME.equals(format);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScalarShape s && s.type == type && Objects.equals(s.format, format)
        && Objects.equals(s.definition, definition);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, format, definition);
  }

  @Override
  public String toString() {
    return "ScalarShape[" + type.openApiName() + (format == null ? "" : ", " + format) + "]";
  }
}
