package io.gitopskit.core.cluster;

import java.util.Objects;

/**
 * What to watch, and from when.
 *
 * @param namespace the namespace, {@code ""} for all
 * @param selector the label selector
 * @param resourceVersion deliver every change after this version (typically a list's
 *     resourceVersion); {@code ""} to start from now. A version the server no longer remembers
 *     fails with {@link ClusterException.Gone}.
 * @since 0.1
 */
public record WatchOptions(String namespace, LabelSelector selector, String resourceVersion) {

  /** Validates. */
  public WatchOptions {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(selector, "selector");
    Objects.requireNonNull(resourceVersion, "resourceVersion");
  }

  /**
   * Everything, from now.
   *
   * @return the options
   */
  public static WatchOptions all() {
    return new WatchOptions("", LabelSelector.everything(), "");
  }

  /**
   * A copy starting after a resourceVersion.
   *
   * @param version the version
   * @return the new options
   */
  public WatchOptions fromResourceVersion(String version) {
    return new WatchOptions(namespace, selector, version);
  }
}
