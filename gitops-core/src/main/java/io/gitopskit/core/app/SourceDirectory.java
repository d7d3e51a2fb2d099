package io.gitopskit.core.app;

import io.gitopskit.core.source.DirectoryOptions;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code source.directory}: which files of a plain directory source are read.
 *
 * @param recurse whether sub-directories are read
 * @param include one glob of files to read ({@code {a,b}} for several), {@code ""} for all
 * @param exclude one glob of files to skip; wins over include
 * @param jsonnet Jsonnet options, or null when not written
 * @param disableExtensionFilter whether files of every extension are read
 * @since 0.1
 */
public record SourceDirectory(boolean recurse, String include, String exclude,
    @Nullable SourceJsonnet jsonnet, boolean disableExtensionFilter) {

  /**
   * Validates the globs.
   *
   * @throws IllegalArgumentException if include or exclude is malformed
   */
  public SourceDirectory {
    Objects.requireNonNull(include, "include");
    Objects.requireNonNull(exclude, "exclude");
    new DirectoryOptions(recurse, include, exclude, disableExtensionFilter);
  }

  /**
   * These options as the directory renderer takes them.
   *
   * @return recurse, include, exclude and the extension filter
   */
  public DirectoryOptions toDirectoryOptions() {
    return new DirectoryOptions(recurse, include, exclude, disableExtensionFilter);
  }
}
