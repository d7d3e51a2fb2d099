package io.gitopskit.core.appset;

import java.util.List;
import java.util.Objects;

/**
 * One {@code spec.ignoreApplicationDifferences} entry: fields the ApplicationSet does not
 * manage on existing applications (for example a {@code targetRevision} promoted by hand).
 *
 * @param name the application the entry applies to, or {@code ""} for all
 * @param jsonPointers JSON pointers into the Application ({@code /spec/source/targetRevision})
 * @param jqPathExpressions jq path expressions; read and written back, but not applied by the
 *     reconciler (only JSON pointers are)
 * @since 0.1
 */
public record IgnoreDifference(String name, List<String> jsonPointers,
    List<String> jqPathExpressions) {

  /** Copies the lists. */
  public IgnoreDifference {
    Objects.requireNonNull(name, "name");
    jsonPointers = List.copyOf(jsonPointers);
    jqPathExpressions = List.copyOf(jqPathExpressions);
  }

  /**
   * Whether the entry applies to an application.
   *
   * @param application the application name
   * @return true when it applies
   */
  public boolean appliesTo(String application) {
    return name.isEmpty() || name.equals(application);
  }
}
