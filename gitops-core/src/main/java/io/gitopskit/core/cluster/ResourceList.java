package io.gitopskit.core.cluster;

import io.gitopskit.core.model.Manifest;
import java.util.List;
import java.util.Objects;

/**
 * The result of a list: the objects and the collection's resourceVersion, from which a watch can
 * continue without missing an event.
 *
 * @param items the objects, ordered by namespace then name
 * @param resourceVersion the resourceVersion of the list
 * @since 0.1
 */
public record ResourceList(List<Manifest> items, String resourceVersion) {

  /** Copies. */
  public ResourceList {
    items = List.copyOf(items);
    Objects.requireNonNull(resourceVersion, "resourceVersion");
  }
}
