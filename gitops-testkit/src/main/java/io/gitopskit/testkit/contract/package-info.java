/**
 * Abstract contract test suites for GitOpsKit's seams. Extend one, implement its factory method,
 * and JUnit 5 runs every behaviour GitOpsKit relies on against your implementation:
 * {@link io.gitopskit.testkit.contract.ClusterTargetContract} for a {@code ClusterTarget}. The
 * simulated cluster passes it, and so must the fabric8 target and any third-party target.
 */
@NullMarked
package io.gitopskit.testkit.contract;

import org.jspecify.annotations.NullMarked;
