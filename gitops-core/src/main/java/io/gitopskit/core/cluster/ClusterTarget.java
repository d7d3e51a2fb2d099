package io.gitopskit.core.cluster;

import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.model.Manifest;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A Kubernetes cluster as GitOpsKit uses it: discovery, reads, writes, delete and watch.
 *
 * <p>Every write takes a dry-run flag and then runs the server's whole pipeline (defaulting,
 * admission, validation) without storing anything. Objects are addressed by group, version,
 * kind, namespace ({@code ""} for cluster-scoped) and name. Objects returned are as the server
 * stores them: with uid, resourceVersion, generation, managedFields, defaults and status.
 *
 * <p>Failures are {@link ClusterException}s (sealed). A read that fails throws; it never returns
 * an empty result in place of an error. Implementations are thread-safe.
 *
 * @since 0.1
 */
public interface ClusterTarget {

  /**
   * The annotation in which client-side apply records the applied configuration, as kubectl
   * does; the three-way diff reads it.
   */
  String LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

  /**
   * Every API resource the cluster serves, including those registered by CRDs, ordered by group,
   * version, then kind.
   *
   * @return the resources
   * @throws ClusterException.Unavailable if discovery fails
   */
  List<ApiResource> apiResources();

  /**
   * Discovery for one kind.
   *
   * @param gvk the kind
   * @return the resource, or empty when the cluster does not serve it
   * @throws ClusterException.Unavailable if discovery fails
   */
  default Optional<ApiResource> apiResource(GroupVersionKind gvk) {
    for (ApiResource r : apiResources()) {
      if (r.gvk().equals(gvk)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /**
   * Reads one object.
   *
   * @param gvk the kind
   * @param namespace the namespace, {@code ""} for cluster-scoped kinds
   * @param name the name
   * @return the object, or empty when it does not exist
   * @throws ClusterException.NotFound if the kind itself is not served
   * @throws ClusterException for other failures
   */
  Optional<Manifest> get(GroupVersionKind gvk, String namespace, String name);

  /**
   * Lists objects of a kind.
   *
   * @param gvk the kind
   * @param options namespace and label selector
   * @return the objects, ordered by namespace then name, and the list's resourceVersion
   * @throws ClusterException.NotFound if the kind is not served
   * @throws ClusterException for other failures
   */
  ResourceList list(GroupVersionKind gvk, ListOptions options);

  /**
   * Creates an object ({@code generateName} is honoured).
   *
   * @param object the object
   * @param options dry-run and field manager
   * @return the object as stored
   * @throws ClusterException.AlreadyExists if it exists
   * @throws ClusterException.Invalid if validation fails
   * @throws ClusterException for other failures
   */
  Manifest create(Manifest object, WriteOptions options);

  /**
   * Replaces an object. If {@code metadata.resourceVersion} is set it must be current.
   *
   * @param object the whole new object
   * @param options dry-run and field manager
   * @return the object as stored
   * @throws ClusterException.NotFound if it does not exist
   * @throws ClusterException.Conflict if the resourceVersion is stale
   * @throws ClusterException.Invalid if validation fails (including immutable fields)
   */
  Manifest update(Manifest object, WriteOptions options);

  /**
   * Updates the status subresource only: the object's {@code status} replaces the stored one;
   * everything else is ignored.
   *
   * @param object an object carrying the new status
   * @param options dry-run and field manager
   * @return the object as stored
   * @throws ClusterException.NotFound if it does not exist
   * @throws ClusterException.Conflict if a given resourceVersion is stale
   */
  Manifest updateStatus(Manifest object, WriteOptions options);

  /**
   * Client-side apply, as {@code kubectl apply}: creates the object, or computes a three-way
   * patch from the {@code kubectl.kubernetes.io/last-applied-configuration} annotation, the
   * live object and the new configuration, and records the new configuration in that annotation.
   *
   * @param object the desired configuration
   * @param options dry-run and field manager
   * @return the object as stored
   * @throws ClusterException for failures
   */
  Manifest applyClientSide(Manifest object, WriteOptions options);

  /**
   * Server-side apply: the field manager comes to own exactly the fields in {@code object}.
   *
   * @param object the applied configuration (fields the manager wants to own)
   * @param options manager, force and dry-run
   * @return the object as stored
   * @throws ClusterException.Conflict if another manager owns a field with a different value and
   *     force is off; the causes name the fields and owners
   * @throws ClusterException for other failures
   */
  Manifest applyServerSide(Manifest object, ApplyOptions options);

  /**
   * Patches an object.
   *
   * @param gvk the kind
   * @param namespace the namespace
   * @param name the name
   * @param type the patch format
   * @param patch the patch document (an object, or for JSON patch an array of operations)
   * @param options dry-run and field manager
   * @return the object as stored
   * @throws ClusterException.NotFound if it does not exist
   * @throws ClusterException.Invalid if the patch is malformed or the result invalid
   */
  Manifest patch(GroupVersionKind gvk, String namespace, String name, PatchType type,
      JsonValue patch, WriteOptions options);

  /**
   * Deletes an object. With finalizers (or foreground propagation) the object remains, marked
   * with a deletionTimestamp, until they are cleared.
   *
   * @param gvk the kind
   * @param namespace the namespace
   * @param name the name
   * @param options propagation, dry-run and preconditions
   * @return the object as it was left: removed (its last state) or marked for deletion
   * @throws ClusterException.NotFound if it does not exist
   * @throws ClusterException.Conflict if a precondition fails
   */
  Manifest delete(GroupVersionKind gvk, String namespace, String name, DeleteOptions options);

  /**
   * Watches a kind. Events after {@code options.resourceVersion()} are delivered in order to the
   * listener, on a thread of the implementation's choosing, until the watch is closed.
   *
   * @param gvk the kind
   * @param options namespace, selector and starting resourceVersion
   * @param listener receives events; must not block for long
   * @return the open watch
   * @throws ClusterException.Gone if the starting resourceVersion is too old
   * @throws ClusterException for other failures
   */
  Watch watch(GroupVersionKind gvk, WatchOptions options, Consumer<WatchEvent> listener);
}
