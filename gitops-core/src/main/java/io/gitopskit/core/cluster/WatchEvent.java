package io.gitopskit.core.cluster;

import io.gitopskit.core.model.Manifest;
import java.util.Objects;

/**
 * One change seen by a watch.
 *
 * @param type what happened
 * @param object the object after the change (for {@code DELETED}, its last state)
 * @since 0.1
 */
public record WatchEvent(Type type, Manifest object) {

  /** The kinds of change. */
  public enum Type {
    /** The object was created (or first seen). */
    ADDED,
    /** The object changed. */
    MODIFIED,
    /** The object was removed. */
    DELETED
  }

  /** Validates. */
  public WatchEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(object, "object");
  }
}
