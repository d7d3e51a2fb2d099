/**
 * Argo CD ApplicationSets: the model, reading and writing, rendering and the reconcile plan.
 *
 * <ul>
 *   <li>{@link io.gitopskit.core.appset.ApplicationSet} (with a builder) is an {@code
 *       argoproj.io/v1alpha1} ApplicationSet; {@link io.gitopskit.core.appset.ApplicationSetReader}
 *       reads it from YAML/JSON (unknown fields are warnings, invalid values errors naming file,
 *       line and field) and {@link io.gitopskit.core.appset.ApplicationSetWriter} writes it back.
 *   <li>{@link io.gitopskit.core.appset.ApplicationSetRenderer} expands the generators
 *       ({@code io.gitopskit.core.appset.generator}) through the template ({@code
 *       io.gitopskit.core.appset.template}) into {@link
 *       io.gitopskit.core.appset.GeneratedApplication}s: Application documents as immutable
 *       JSON trees.
 *   <li>{@link io.gitopskit.core.appset.ApplicationSetReconciler} compares them with the
 *       applications the ApplicationSet owns and returns a {@link
 *       io.gitopskit.core.appset.ReconcilePlan} of creates, updates and deletes that honours
 *       the policy, the delete guard and the rule that a generator error changes nothing.
 *   <li>Progressive sync (RollingSync) lives in {@code io.gitopskit.core.appset.rollout}.
 * </ul>
 *
 * <p>Project boundary (Argo CD security note on ApplicationSets): keep {@code spec.project}
 * hard-coded — the reader warns when it is templated, a {@code templatePatch} can never change
 * it, {@link io.gitopskit.core.appset.ReconcileOptions#allowedProjects()} confines the projects
 * generated applications may use, and applications are always placed in the ApplicationSet's
 * namespace. Everything here is pure: no I/O beyond the generator inputs, no logging;
 * outputs are deterministic.
 */
@NullMarked
package io.gitopskit.core.appset;

import org.jspecify.annotations.NullMarked;
