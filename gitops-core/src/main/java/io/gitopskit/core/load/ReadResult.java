package io.gitopskit.core.load;

import java.util.List;

/**
 * The objects read from a file and the warnings about them.
 *
 * @param <T> the object type
 * @param values the objects in document order
 * @param warnings the warnings in document and field order
 * @since 0.1
 */
public record ReadResult<T>(List<T> values, List<ReadWarning> warnings) {

  /** Copies. */
  public ReadResult {
    values = List.copyOf(values);
    warnings = List.copyOf(warnings);
  }

  /**
   * The only object.
   *
   * @return it
   * @throws IllegalStateException if there is not exactly one
   */
  public T single() {
    if (values.size() != 1) {
      throw new IllegalStateException("expected exactly one object, found " + values.size());
    }
    return values.get(0);
  }
}
