/**
 * Runnable examples of GitOpsKit: {@link io.gitopskit.examples.Demo} runs the whole GitOps flow
 * — a local Git repository, an ApplicationSet with progressive sync, project checks, sync with
 * waves and hooks, health, promotion by commit, change detection, drift and rollback — against
 * the simulated cluster of gitops-testkit. Not published.
 */
@NullMarked
package io.gitopskit.examples;

import org.jspecify.annotations.NullMarked;
