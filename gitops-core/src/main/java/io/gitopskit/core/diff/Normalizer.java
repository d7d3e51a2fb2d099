package io.gitopskit.core.diff;

import io.gitopskit.core.model.Manifest;

/**
 * Rewrites an object before it is compared, e.g. to drop fields a user asked to ignore. Pure and
 * thread-safe; returns a new manifest (or the same one when nothing changes), never mutates.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Normalizer {

  /** The normalizer that changes nothing. */
  Normalizer NONE = m -> m;

  /**
   * Normalizes one object.
   *
   * @param object the object (desired or live)
   * @return the normalized object
   */
  Manifest normalize(Manifest object);

  /**
   * This normalizer followed by another.
   *
   * @param next the normalizer to run afterwards
   * @return the combination
   */
  default Normalizer andThen(Normalizer next) {
    return m -> next.normalize(normalize(m));
  }
}
