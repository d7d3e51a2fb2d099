package io.gitopskit.core.app;

import java.util.Objects;

/**
 * One Jsonnet external variable or top-level argument ({@code directory.jsonnet.extVars[]},
 * {@code .tlas[]}).
 *
 * @param name the variable name
 * @param value the value, a string or (with {@code code}) Jsonnet code
 * @param code whether the value is code
 * @since 0.1
 */
public record JsonnetVar(String name, String value, boolean code) {

  /** Checks for nulls. */
  public JsonnetVar {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }
}
