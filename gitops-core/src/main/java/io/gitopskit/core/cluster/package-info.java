/**
 * The {@link io.gitopskit.core.cluster.ClusterTarget} seam: the only way GitOpsKit reaches a
 * cluster — discovery, reads, writes (create, update, client-side and server-side apply, patch),
 * delete with propagation, and watch, each write with a server dry-run.
 *
 * <p>Implemented by {@code KubeClusterTarget} (gitops-kube, a real cluster over fabric8) and
 * {@code SimulatedCluster} (gitops-testkit); one abstract contract suite runs against both.
 *
 * <p>Failures are typed: {@link io.gitopskit.core.cluster.ClusterException} is sealed, with one
 * case per Kubernetes status reason GitOpsKit acts on ({@code NotFound}, {@code AlreadyExists},
 * {@code Conflict}, {@code Invalid} with field causes, {@code Forbidden}, {@code Gone},
 * {@code Unavailable}). A failure to read is always an exception, never an empty result.
 *
 * <p>All values here are immutable; lists are unmodifiable and deterministically ordered.
 */
@NullMarked
package io.gitopskit.core.cluster;

import org.jspecify.annotations.NullMarked;
