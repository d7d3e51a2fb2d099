package io.gitopskit.core.app;

import java.util.Objects;

/**
 * One {@code helm.parameters} entry, as {@code helm --set} (or {@code --set-string} when
 * {@code forceString}).
 *
 * @param name the value path, e.g. {@code image.tag}
 * @param value the value as written
 * @param forceString whether the value is always a string
 * @since 0.1
 */
public record HelmParameter(String name, String value, boolean forceString) {

  /** Checks for nulls. */
  public HelmParameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }
}
