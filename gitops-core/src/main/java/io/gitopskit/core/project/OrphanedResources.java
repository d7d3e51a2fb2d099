package io.gitopskit.core.project;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code spec.orphanedResources}: whether orphaned resources in the destination namespace are
 * monitored, and which to leave out.
 *
 * @param warn whether orphans raise an {@code OrphanedResourceWarning}; null when not written
 * @param ignore resources never reported as orphans
 * @since 0.1
 */
public record OrphanedResources(@Nullable Boolean warn, List<ResourceRule> ignore) {

  /** Copies. */
  public OrphanedResources {
    ignore = List.copyOf(ignore);
  }

  /** @return whether orphans raise a warning */
  public boolean isWarn() {
    return warn != null && warn;
  }
}
