/**
 * What kube-apiserver fills in: server-side defaults, canonical resource quantities, the status
 * of a freshly created object and the {@code metadata.generation} rules, for Kubernetes 1.35
 * with its default feature gates.
 *
 * <p>{@link io.gitopskit.core.defaults.ServerDefaults} shapes a manifest the way the API server
 * returns it, so that a diff does not report server-filled fields as drift and a simulated
 * cluster answers like a real one. {@link io.gitopskit.core.defaults.Quantity} parses and
 * renders resource quantities exactly as apimachinery does. {@link
 * io.gitopskit.core.defaults.Semantic} is Kubernetes' "semantic" equality over JSON trees.
 *
 * <p>Guarantees, for every type in this package:
 *
 * <ul>
 *   <li><b>Pure and deterministic.</b> No clock, randomness, I/O or global state; equal inputs
 *       give equal outputs.
 *   <li><b>Immutable.</b> Manifests are never modified; results are new trees sharing every
 *       unchanged subtree, and an input that needs no change is returned as is.
 *   <li><b>Idempotent.</b> Defaulting an already defaulted manifest changes nothing.
 *   <li><b>Additive.</b> A value the user set is never replaced, except where the API server
 *       itself rewrites it (documented on {@link io.gitopskit.core.defaults.ServerDefaults}).
 *   <li><b>Allocation-free.</b> Nothing that needs cluster state (cluster IPs, node ports,
 *       uids, generated names) is invented here.
 * </ul>
 *
 * <p>Facts come from the reference notes in {@code k8s-defaults.md}, read from the Kubernetes
 * sources; deviations are documented on the method concerned.
 */
@NullMarked
package io.gitopskit.core.defaults;

import org.jspecify.annotations.NullMarked;
