package io.gitopskit.core.cluster;

import io.gitopskit.core.model.GroupVersionKind;
import java.util.Objects;
import java.util.Set;

/**
 * One API resource as discovery reports it: its kind, plural name, scope and verbs.
 *
 * @param gvk the group, version and kind
 * @param plural the plural resource name used in URLs, e.g. {@code deployments}
 * @param namespaced whether objects live in a namespace
 * @param verbs the verbs the server supports, e.g. {@code get}, {@code list}, {@code watch},
 *     {@code create}, {@code update}, {@code patch}, {@code delete}
 * @since 0.1
 */
public record ApiResource(GroupVersionKind gvk, String plural, boolean namespaced,
    Set<String> verbs) {

  /** Validates and copies. */
  public ApiResource {
    Objects.requireNonNull(gvk, "gvk");
    if (plural == null || plural.isBlank()) {
      throw new IllegalArgumentException("plural must not be blank");
    }
    verbs = Set.copyOf(verbs);
  }

  /** The verbs of a typical fully-served resource. */
  public static final Set<String> ALL_VERBS =
      Set.of("get", "list", "watch", "create", "update", "patch", "delete", "deletecollection");

  /**
   * Whether a verb is supported.
   *
   * @param verb e.g. {@code watch}
   * @return true when supported
   */
  public boolean supports(String verb) {
    return verbs.contains(verb);
  }

  /**
   * The resource name with its group, as used in API error texts: {@code deployments.apps}, or
   * just {@code pods} for the core group.
   *
   * @return the qualified resource name
   */
  public String qualifiedPlural() {
    return gvk.group().isEmpty() ? plural : plural + "." + gvk.group();
  }
}
