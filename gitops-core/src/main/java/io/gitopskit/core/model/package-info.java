/**
 * The Kubernetes object model: {@link io.gitopskit.core.model.Manifest} (one immutable object),
 * its identity {@link io.gitopskit.core.model.ResourceKey}, type names {@link
 * io.gitopskit.core.model.GroupVersionKind} and {@link io.gitopskit.core.model.GroupKind}, and
 * {@link io.gitopskit.core.model.ManifestSet} (an ordered set without duplicate keys).
 *
 * <p>All types are immutable values, safe to share between threads; collections they return are
 * unmodifiable and deterministically ordered. A {@code Manifest} is never changed in place: every
 * {@code with...} method returns a new manifest that shares unchanged subtrees.
 */
@NullMarked
package io.gitopskit.core.model;

import org.jspecify.annotations.NullMarked;
