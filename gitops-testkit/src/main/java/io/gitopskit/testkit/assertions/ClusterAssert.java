package io.gitopskit.testkit.assertions;

import io.gitopskit.core.cluster.ApiResource;
import io.gitopskit.core.cluster.ClusterTarget;
import io.gitopskit.core.cluster.ListOptions;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ResourceKey;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link ClusterTarget}'s live objects. Resource keys carry no version; the
 * cluster's discovery picks the served version.
 *
 * @since 0.1
 */
public final class ClusterAssert extends AbstractAssert<ClusterAssert, ClusterTarget> {

  ClusterAssert(ClusterTarget actual) {
    super(actual, ClusterAssert.class);
  }

  /**
   * Verifies the object exists, and continues with assertions on it.
   *
   * @param key e.g. {@code apps/Deployment/dev/web}
   * @return assertions on the live object
   */
  public ManifestAssert hasResource(ResourceKey key) {
    isNotNull();
    Optional<Manifest> live = find(key);
    if (live.isEmpty()) {
      failWithMessage("Expected the cluster to have <%s> but it does not", key);
    }
    return new ManifestAssert(live.orElseThrow());
  }

  /**
   * Verifies the object exists, and continues with assertions on it.
   *
   * @param key the string form, e.g. {@code /ConfigMap/dev/settings}
   * @return assertions on the live object
   */
  public ManifestAssert hasResource(String key) {
    return hasResource(ResourceKey.parse(key));
  }

  /**
   * Verifies the object does not exist.
   *
   * @param key the key
   * @return this
   */
  public ClusterAssert doesNotHaveResource(ResourceKey key) {
    isNotNull();
    Optional<Manifest> live = find(key);
    if (live.isPresent()) {
      failWithMessage("Expected the cluster not to have <%s> but it does (resourceVersion %s)",
          key, live.get().metadata().getString("resourceVersion").orElse("?"));
    }
    return this;
  }

  /**
   * Verifies the object does not exist.
   *
   * @param key the string form
   * @return this
   */
  public ClusterAssert doesNotHaveResource(String key) {
    return doesNotHaveResource(ResourceKey.parse(key));
  }

  /**
   * Verifies how many objects of a kind exist in a namespace.
   *
   * @param gvk the kind
   * @param namespace the namespace, {@code ""} for all
   * @param expected the count
   * @return this
   */
  public ClusterAssert hasCount(GroupVersionKind gvk, String namespace, int expected) {
    isNotNull();
    int count = actual.list(gvk, namespace.isEmpty() ? ListOptions.all()
        : ListOptions.inNamespace(namespace)).items().size();
    if (count != expected) {
      failWithMessage("Expected %s %s objects in <%s> but found %s", expected, gvk,
          namespace.isEmpty() ? "all namespaces" : namespace, count);
    }
    return this;
  }

  private Optional<Manifest> find(ResourceKey key) {
    for (ApiResource r : actual.apiResources()) {
      if (r.gvk().group().equals(key.group()) && r.gvk().kind().equals(key.kind())) {
        return actual.get(r.gvk(), key.namespace(), key.name());
      }
    }
    return Optional.empty();
  }
}
