package io.gitopskit.core.source;

import io.gitopskit.core.internal.Glob;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which files of a directory source are manifests, with the semantics of Argo CD's
 * {@code spec.source.directory}.
 *
 * <ul>
 *   <li>{@code recurse}: also read sub-directories (default: only the top directory);
 *   <li>{@code include} / {@code exclude}: one glob each, matched against the path relative to
 *       the application directory; {@code *} also matches {@code /}; several patterns as
 *       {@code {a.yaml,b/*}}; exclude wins over include; empty means "no filter";
 *   <li>by default only {@code .yaml}, {@code .yml} and {@code .json} files are read;
 *       {@code disableExtensionFilter} reads every selected file as YAML. A selected
 *       {@code .jsonnet} file is refused rather than silently skipped, since GitOpsKit does not
 *       evaluate Jsonnet and skipping would make its resources look deleted.
 * </ul>
 *
 * @param recurse whether sub-directories are read
 * @param include glob of files to read, {@code ""} for all
 * @param exclude glob of files to skip, {@code ""} for none
 * @param disableExtensionFilter read files whatever their extension
 * @since 0.1
 */
public record DirectoryOptions(boolean recurse, String include, String exclude,
    boolean disableExtensionFilter) {

  private static final DirectoryOptions DEFAULTS = new DirectoryOptions(false, "", "", false);

  /**
   * Validates the globs.
   *
   * @throws IllegalArgumentException if a glob is malformed
   */
  public DirectoryOptions {
    Objects.requireNonNull(include, "include");
    Objects.requireNonNull(exclude, "exclude");
    if (!include.isEmpty()) {
      Glob.compile(include);
    }
    if (!exclude.isEmpty()) {
      Glob.compile(exclude);
    }
  }

  /**
   * Argo CD's defaults: top directory only, no include/exclude, extension filter on.
   *
   * @return the defaults
   */
  public static DirectoryOptions defaults() {
    return DEFAULTS;
  }

  /**
   * A copy with {@code recurse} set.
   *
   * @param value whether to recurse
   * @return the new options
   */
  public DirectoryOptions withRecurse(boolean value) {
    return new DirectoryOptions(value, include, exclude, disableExtensionFilter);
  }

  /**
   * A copy with an include glob.
   *
   * @param glob the glob, {@code ""} for all
   * @return the new options
   */
  public DirectoryOptions withInclude(String glob) {
    return new DirectoryOptions(recurse, glob, exclude, disableExtensionFilter);
  }

  /**
   * A copy with an exclude glob.
   *
   * @param glob the glob, {@code ""} for none
   * @return the new options
   */
  public DirectoryOptions withExclude(String glob) {
    return new DirectoryOptions(recurse, include, glob, disableExtensionFilter);
  }

  /**
   * A copy with the extension filter switched off or on.
   *
   * @param value true to read every selected file
   * @return the new options
   */
  public DirectoryOptions withDisableExtensionFilter(boolean value) {
    return new DirectoryOptions(recurse, include, exclude, value);
  }

  /**
   * The files of a tree these options select, in path order.
   *
   * @param tree the application directory's files
   * @return the selected paths
   * @throws SourceException if a selected file is a Jsonnet file
   */
  public List<String> select(FileTree tree) {
    Glob inc = include.isEmpty() ? null : Glob.compile(include);
    Glob exc = exclude.isEmpty() ? null : Glob.compile(exclude);
    List<String> selected = new ArrayList<>();
    for (String path : tree.paths()) {
      if (!recurse && path.indexOf('/') >= 0) {
        continue;
      }
      if (path.equals(".git") || path.startsWith(".git/") || path.contains("/.git/")) {
        continue;
      }
      String lower = path.toLowerCase(Locale.ROOT);
      boolean manifestExtension =
          lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json");
      boolean jsonnet = lower.endsWith(".jsonnet") || lower.endsWith(".libsonnet");
      if (!disableExtensionFilter && !manifestExtension && !jsonnet) {
        continue;
      }
      if (exc != null && exc.matches(path)) {
        continue;
      }
      if (inc != null && !inc.matches(path)) {
        continue;
      }
      if (jsonnet && !disableExtensionFilter) {
        throw new SourceException("cannot render \"" + path
            + "\": Jsonnet is not supported; exclude it or render it before committing");
      }
      selected.add(path);
    }
    return selected;
  }
}
