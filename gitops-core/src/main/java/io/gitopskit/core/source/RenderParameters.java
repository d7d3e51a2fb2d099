package io.gitopskit.core.source;

import java.util.Map;
import java.util.Optional;

/**
 * Named, string-valued parameters for a renderer (Helm values, directory options, the
 * application name and namespace, ...). Each renderer documents the names it reads.
 *
 * @param values the parameters; copied, iteration in sorted key order
 * @since 0.1
 */
public record RenderParameters(Map<String, String> values) {

  private static final RenderParameters NONE = new RenderParameters(Map.of());

  /** Copies the map into sorted order. */
  public RenderParameters {
    values = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(values));
  }

  /**
   * No parameters.
   *
   * @return the empty parameters
   */
  public static RenderParameters none() {
    return NONE;
  }

  /**
   * Parameters from a map.
   *
   * @param values the parameters
   * @return the parameters
   */
  public static RenderParameters of(Map<String, String> values) {
    return new RenderParameters(values);
  }

  /**
   * One parameter.
   *
   * @param name the name
   * @return the value, or empty when absent
   */
  public Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name));
  }
}
