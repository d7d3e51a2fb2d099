package io.gitopskit.core.patch;

import io.gitopskit.core.model.GroupVersionKind;
import java.util.List;
import java.util.Optional;

/**
 * The type knowledge the merge algorithms need: how each list is merged and which maps are
 * atomic. Implementations are typically built from the Kubernetes OpenAPI document; {@link
 * #JSON} serves unknown types.
 *
 * <p>Fields are addressed by their path of field names from the object root; list items are
 * traversed transparently, so the containers of a Deployment are at {@code [spec, template,
 * spec, containers]} and their ports at {@code [spec, template, spec, containers, ports]}. The
 * same path names a list (for {@link #list}) and its items (for {@link #atomicMap}).
 *
 * <p>Implementations must be thread-safe and answer deterministically.
 *
 * @since 0.1
 */
public interface TypeInfo {

  /**
   * For unknown types: every list atomic (replaced whole, no merge keys), every map granular
   * (merged per key), no patch strategies. This is JSON merge patch semantics, which is what the
   * API server uses for custom resources without schema hints.
   */
  TypeInfo JSON = JsonTypeInfo.INSTANCE;

  /**
   * How the list at a path is merged.
   *
   * @param gvk the kind of the object
   * @param fieldPath field names from the root; list items are transparent
   * @return the list info; {@link ListInfo#atomic()} when nothing is known
   */
  ListInfo list(GroupVersionKind gvk, List<String> fieldPath);

  /**
   * Whether the map or struct at a path is atomic ({@code x-kubernetes-map-type: atomic} or
   * {@code x-kubernetes-struct-type: atomic}): replaced as a whole and owned as one field by
   * server-side apply. Strategic merge patches ignore this.
   *
   * @param gvk the kind of the object
   * @param fieldPath field names from the root; list items are transparent
   * @return true when atomic
   */
  boolean atomicMap(GroupVersionKind gvk, List<String> fieldPath);

  /**
   * The strategic patch strategy of the map or struct at a path
   * ({@code x-kubernetes-patch-strategy}), e.g. {@code retainKeys} for a Deployment's
   * {@code spec.strategy}, or {@code replace}. The default knows none.
   *
   * @param gvk the kind of the object
   * @param fieldPath field names from the root; list items are transparent
   * @return the comma-separated strategies, or empty
   */
  default Optional<String> mapPatchStrategy(GroupVersionKind gvk, List<String> fieldPath) {
    return Optional.empty();
  }
}
