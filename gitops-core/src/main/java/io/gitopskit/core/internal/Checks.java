package io.gitopskit.core.internal;

import org.jspecify.annotations.Nullable;

/** Argument and state checks that fail fast with JDK exceptions. Not API. */
public final class Checks {

  private Checks() {}

  /**
   * Requires a non-null argument.
   *
   * @throws NullPointerException naming the argument when it is null
   */
  public static <T> T notNull(@Nullable T value, String name) {
    if (value == null) {
      throw new NullPointerException(name + " must not be null");
    }
    return value;
  }

  /**
   * Requires a non-blank string.
   *
   * @throws IllegalArgumentException naming the argument when it is null or blank
   */
  public static String notBlank(@Nullable String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }

  /**
   * Requires a condition on an argument.
   *
   * @throws IllegalArgumentException with the formatted message when the condition is false
   */
  public static void argument(boolean condition, String template, Object... args) {
    if (!condition) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, template, args));
    }
  }

  /**
   * Requires a state condition.
   *
   * @throws IllegalStateException with the formatted message when the condition is false
   */
  public static void state(boolean condition, String template, Object... args) {
    if (!condition) {
      throw new IllegalStateException(String.format(java.util.Locale.ROOT, template, args));
    }
  }
}
