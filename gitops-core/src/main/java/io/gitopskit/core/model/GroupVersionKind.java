package io.gitopskit.core.model;

import java.util.Objects;

/**
 * An API group, version and kind, e.g. {@code apps/v1 Deployment}.
 *
 * @param group the API group, {@code ""} for the core group
 * @param version the version, never blank
 * @param kind the kind, never blank
 * @since 0.1
 */
public record GroupVersionKind(String group, String version, String kind) {

  /** Validates the components. */
  public GroupVersionKind {
    Objects.requireNonNull(group, "group");
    if (version == null || version.isBlank()) {
      throw new IllegalArgumentException("version must not be blank");
    }
    if (kind == null || kind.isBlank()) {
      throw new IllegalArgumentException("kind must not be blank");
    }
  }

  /**
   * Splits an {@code apiVersion} such as {@code apps/v1} or {@code v1}.
   *
   * @param apiVersion the apiVersion field
   * @param kind the kind field
   * @return the value
   * @throws IllegalArgumentException if apiVersion is blank or has more than one {@code /}
   */
  public static GroupVersionKind of(String apiVersion, String kind) {
    Objects.requireNonNull(apiVersion, "apiVersion");
    int slash = apiVersion.indexOf('/');
    if (slash < 0) {
      return new GroupVersionKind("", apiVersion, kind);
    }
    if (apiVersion.indexOf('/', slash + 1) >= 0 || slash == 0 || slash == apiVersion.length() - 1) {
      throw new IllegalArgumentException("malformed apiVersion \"" + apiVersion + "\"");
    }
    return new GroupVersionKind(apiVersion.substring(0, slash), apiVersion.substring(slash + 1),
        kind);
  }

  /**
   * The {@code apiVersion} field value: {@code group/version}, or {@code version} for core.
   *
   * @return the apiVersion
   */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /**
   * The group and kind without the version.
   *
   * @return the group kind
   */
  public GroupKind groupKind() {
    return new GroupKind(group, kind);
  }

  /** {@code apiVersion kind}, e.g. {@code apps/v1 Deployment}. */
  @Override
  public String toString() {
    return apiVersion() + " " + kind;
  }
}
