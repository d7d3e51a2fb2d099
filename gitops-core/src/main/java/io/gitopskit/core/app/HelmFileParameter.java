package io.gitopskit.core.app;

import java.util.Objects;

/**
 * One {@code helm.fileParameters} entry, as {@code helm --set-file}.
 *
 * @param name the value path
 * @param path the file whose content becomes the value
 * @since 0.1
 */
public record HelmFileParameter(String name, String path) {

  /** Checks for nulls. */
  public HelmFileParameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
  }
}
