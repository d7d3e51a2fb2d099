package io.gitopskit.git;

import java.util.Objects;

/**
 * A tag created and pushed by {@link GitWriter}.
 *
 * @param name the tag name, e.g. {@code v1.4.0}
 * @param object the tag object id (annotated) or the commit id (lightweight)
 * @param commit the tagged commit
 * @param annotated whether a tag object was created
 * @since 0.1
 */
public record TagResult(String name, String object, String commit, boolean annotated) {

  /** Validates the components. */
  public TagResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(commit, "commit");
  }
}
