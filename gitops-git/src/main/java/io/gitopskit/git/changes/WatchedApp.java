package io.gitopskit.git.changes;

import java.util.List;
import java.util.Objects;

/**
 * What change detection needs to know about an application: its name, the paths of its sources
 * in the repository, and its {@code argocd.argoproj.io/manifest-generate-paths} annotation.
 *
 * @param name the application name
 * @param sourcePaths the {@code spec.source(s).path} values in this repository
 * @param manifestGeneratePaths the annotation's value, {@code ""} when absent
 * @since 0.1
 */
public record WatchedApp(String name, List<String> sourcePaths, String manifestGeneratePaths) {

  /** Validates the components. */
  public WatchedApp {
    Objects.requireNonNull(name, "name");
    sourcePaths = List.copyOf(sourcePaths);
    Objects.requireNonNull(manifestGeneratePaths, "manifestGeneratePaths");
  }

  /**
   * An application with one source.
   *
   * @param name the name
   * @param sourcePath the source's path
   * @param manifestGeneratePaths the annotation, {@code ""} when absent
   * @return the application
   */
  public static WatchedApp of(String name, String sourcePath, String manifestGeneratePaths) {
    return new WatchedApp(name, List.of(sourcePath), manifestGeneratePaths);
  }
}
