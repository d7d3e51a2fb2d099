package io.gitopskit.core.schema;

/**
 * How server-side apply merges an object or map ({@code x-kubernetes-map-type}).
 *
 * @since 0.1
 */
public enum MapType {
  /** Each field or key is merged and owned separately. The default. */
  GRANULAR,
  /** The object is one value: an apply replaces it whole (an "atomic struct"). */
  ATOMIC;

  static MapType parse(String value) {
    return switch (value) {
      case "granular" -> GRANULAR;
      case "atomic" -> ATOMIC;
      default -> throw new IllegalArgumentException(
          "must be atomic or granular, got \"" + value + "\"");
    };
  }
}
