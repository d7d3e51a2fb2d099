package io.gitopskit.core.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * The identity of a Kubernetes object: group, kind, namespace and name, without the version
 * (two versions of one kind address the same object).
 *
 * <p>Keys order totally by group, kind, namespace, then name. The string form is Argo CD's:
 * {@code apps/Deployment/dev/web}; the core group and cluster-scoped objects leave their part
 * empty ({@code /ConfigMap/dev/settings}, {@code rbac.authorization.k8s.io/ClusterRole//admin}).
 *
 * @param group the API group, {@code ""} for core
 * @param kind the kind, never blank
 * @param namespace the namespace, {@code ""} for cluster-scoped objects or when unset
 * @param name the name, never blank (for objects created with {@code generateName}, the prefix)
 * @since 0.1
 */
public record ResourceKey(String group, String kind, String namespace, String name)
    implements Comparable<ResourceKey> {

  private static final Comparator<ResourceKey> ORDER = Comparator.comparing(ResourceKey::group)
      .thenComparing(ResourceKey::kind)
      .thenComparing(ResourceKey::namespace)
      .thenComparing(ResourceKey::name);

  /** Validates the components; a null namespace becomes {@code ""}. */
  public ResourceKey {
    Objects.requireNonNull(group, "group");
    if (kind == null || kind.isBlank()) {
      throw new IllegalArgumentException("kind must not be blank");
    }
    namespace = namespace == null ? "" : namespace;
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
  }

  /**
   * Returns a key.
   *
   * @param group the group, {@code ""} for core
   * @param kind the kind
   * @param namespace the namespace, {@code ""} when cluster-scoped
   * @param name the name
   * @return the key
   */
  public static ResourceKey of(String group, String kind, String namespace, String name) {
    return new ResourceKey(group, kind, namespace, name);
  }

  /**
   * Parses the string form {@code group/kind/namespace/name}.
   *
   * @param text the string form
   * @return the key
   * @throws IllegalArgumentException if the text does not have exactly four parts or the kind
   *     or name is empty
   */
  public static ResourceKey parse(String text) {
    String[] parts = text.split("/", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException(
          "resource key must have the form group/kind/namespace/name: \"" + text + "\"");
    }
    return new ResourceKey(parts[0], parts[1], parts[2], parts[3]);
  }

  /**
   * The group and kind of this key.
   *
   * @return the group kind
   */
  public GroupKind groupKind() {
    return new GroupKind(group, kind);
  }

  @Override
  public int compareTo(ResourceKey o) {
    return ORDER.compare(this, o);
  }

  /** The string form {@code group/kind/namespace/name}. */
  @Override
  public String toString() {
    return group + "/" + kind + "/" + namespace + "/" + name;
  }
}
