/**
 * The GitOpsKit test kit: {@link io.gitopskit.testkit.SimulatedCluster}, a {@code ClusterTarget}
 * with the Kubernetes API server's semantics and deterministic simulated controllers driven by a
 * {@link io.gitopskit.testkit.ManualClock}; {@link io.gitopskit.testkit.Admission} hooks and
 * {@link io.gitopskit.testkit.Faults} injection.
 *
 * <p>Everything is deterministic for a given seed and call sequence, so tests that use it are
 * repeatable and fast (no cluster, no network, no sleeping).
 *
 * <p>A cluster built with {@link io.gitopskit.testkit.SimulatedCluster.Builder#journal} is
 * durable: every committed change is appended to a JSON-lines journal, and a cluster built on
 * the same file in another process starts from the recorded state, for tests that kill a
 * process and resume in another.
 */
@NullMarked
package io.gitopskit.testkit;

import org.jspecify.annotations.NullMarked;
