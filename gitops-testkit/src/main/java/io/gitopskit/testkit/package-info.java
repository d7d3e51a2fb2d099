/**
 * The GitOpsKit test kit: {@link io.gitopskit.testkit.SimulatedCluster}, a {@code ClusterTarget}
 * with the Kubernetes API server's semantics and deterministic simulated controllers driven by a
 * {@link io.gitopskit.testkit.ManualClock}; {@link io.gitopskit.testkit.Admission} hooks and
 * {@link io.gitopskit.testkit.Faults} injection.
 *
 * <p>Everything is deterministic for a given seed and call sequence, so tests that use it are
 * repeatable and fast (no cluster, no network, no sleeping).
 */
@NullMarked
package io.gitopskit.testkit;

import org.jspecify.annotations.NullMarked;
