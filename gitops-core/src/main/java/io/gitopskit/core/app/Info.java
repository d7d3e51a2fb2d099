package io.gitopskit.core.app;

import java.util.Objects;

/**
 * One informational entry of {@code spec.info} (a URL, an e-mail address, plain text).
 *
 * @param name the label
 * @param value the text
 * @since 0.1
 */
public record Info(String name, String value) {

  /** Checks for nulls. */
  public Info {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }
}
