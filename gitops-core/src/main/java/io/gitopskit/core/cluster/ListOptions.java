package io.gitopskit.core.cluster;

import java.util.Objects;

/**
 * What to list: a namespace (or all) and a label selector.
 *
 * @param namespace the namespace, {@code ""} for all namespaces (or for cluster-scoped kinds)
 * @param selector the label selector
 * @since 0.1
 */
public record ListOptions(String namespace, LabelSelector selector) {

  private static final ListOptions ALL = new ListOptions("", LabelSelector.everything());

  /** Validates. */
  public ListOptions {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(selector, "selector");
  }

  /**
   * Every object of the kind, in every namespace.
   *
   * @return the options
   */
  public static ListOptions all() {
    return ALL;
  }

  /**
   * Every object of the kind in one namespace.
   *
   * @param namespace the namespace
   * @return the options
   */
  public static ListOptions inNamespace(String namespace) {
    return new ListOptions(namespace, LabelSelector.everything());
  }

  /**
   * A copy with a selector.
   *
   * @param value the selector
   * @return the new options
   */
  public ListOptions withSelector(LabelSelector value) {
    return new ListOptions(namespace, value);
  }

  /**
   * A copy with a selector in string syntax.
   *
   * @param value e.g. {@code app=web}
   * @return the new options
   */
  public ListOptions withSelector(String value) {
    return new ListOptions(namespace, LabelSelector.parse(value));
  }
}
