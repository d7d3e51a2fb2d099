/**
 * The simulated API server's rule book: the exact failure texts of kube-apiserver ({@link
 * io.gitopskit.testkit.apiserver.ApiErrors}, {@link io.gitopskit.testkit.apiserver.FieldErrors})
 * and its update-time immutability rules ({@link io.gitopskit.testkit.apiserver.Immutability}),
 * after k8s-defaults.md §2 and §4 (Kubernetes 1.35).
 *
 * <p><b>Internal to the test kit.</b> The classes are public so that the simulated cluster and
 * its tests can use them, but they are not a stable API and may change in any release.
 *
 * <p>Guarantees: every method is pure and deterministic (no clock, randomness or I/O); inputs
 * are never modified; returned lists are unmodifiable; messages reproduce the server's texts
 * byte for byte except where a class documents a deviation.
 */
@NullMarked
package io.gitopskit.testkit.apiserver;

import org.jspecify.annotations.NullMarked;
