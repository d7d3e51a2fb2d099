package io.gitopskit.core.app;

import io.gitopskit.core.diff.ignore.IgnoreRule;
import io.gitopskit.core.json.JsonObject;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An application's {@code spec}, with Argo CD's field names.
 *
 * <p>With {@code sources} non-empty, {@code source} is ignored (Argo CD's rule); {@link
 * #effectiveSources()} gives the sources that count.
 *
 * @param project the project name, {@code ""} meaning {@value #DEFAULT_PROJECT}
 * @param source the single source, or null
 * @param sources the sources of a multi-source application, empty otherwise
 * @param destination where it deploys to
 * @param syncPolicy the sync policy, or null for manual sync only
 * @param ignoreDifferences fields to ignore in the diff
 * @param info informational entries
 * @param revisionHistoryLimit how many history entries to keep, or null for the default
 *     {@value #DEFAULT_REVISION_HISTORY_LIMIT}
 * @param sourceHydrator Argo CD's source hydrator settings as written (not interpreted), or null
 * @since 0.1
 */
public record ApplicationSpec(String project, @Nullable ApplicationSource source,
    List<ApplicationSource> sources, ApplicationDestination destination,
    @Nullable SyncPolicy syncPolicy, List<IgnoreRule> ignoreDifferences, List<Info> info,
    @Nullable Long revisionHistoryLimit, @Nullable JsonObject sourceHydrator) {

  /** The project an empty {@code project} means. */
  public static final String DEFAULT_PROJECT = "default";

  /** The history limit when none is written. */
  public static final int DEFAULT_REVISION_HISTORY_LIMIT = 10;

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if there is no source at all, the destination names both
   *     or neither of server and name, or the history limit is negative
   */
  public ApplicationSpec {
    Objects.requireNonNull(project, "project");
    sources = List.copyOf(sources);
    Objects.requireNonNull(destination, "destination");
    ignoreDifferences = List.copyOf(ignoreDifferences);
    info = List.copyOf(info);
    if (source == null && sources.isEmpty() && sourceHydrator == null) {
      throw new IllegalArgumentException("one of source or sources is required");
    }
    destination.checkForApplication();
    if (revisionHistoryLimit != null && revisionHistoryLimit < 0) {
      throw new IllegalArgumentException("revisionHistoryLimit must not be negative");
    }
  }

  /** @return the project name, {@value #DEFAULT_PROJECT} when empty */
  public String effectiveProject() {
    return project.isEmpty() ? DEFAULT_PROJECT : project;
  }

  /** @return {@code sources} when not empty, else {@code source} alone (or nothing) */
  public List<ApplicationSource> effectiveSources() {
    if (!sources.isEmpty()) {
      return sources;
    }
    return source == null ? List.of() : List.of(source);
  }

  /** @return whether the application has several sources ({@code sources} in use) */
  public boolean hasMultipleSources() {
    return !sources.isEmpty();
  }

  /** @return the history limit, {@value #DEFAULT_REVISION_HISTORY_LIMIT} when not written */
  public long effectiveRevisionHistoryLimit() {
    return revisionHistoryLimit == null ? DEFAULT_REVISION_HISTORY_LIMIT : revisionHistoryLimit;
  }
}
