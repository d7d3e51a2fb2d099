/**
 * Server-side apply as pure functions: {@link io.gitopskit.core.patch.ssa.FieldSet} (owned
 * field paths in Kubernetes' {@code fieldsV1} form), {@link
 * io.gitopskit.core.patch.ssa.ManagedFieldsEntry} and {@link
 * io.gitopskit.core.patch.ssa.ManagedFields} ({@code metadata.managedFields}), and {@link
 * io.gitopskit.core.patch.ssa.ServerSideApply} (merge, ownership, conflicts, pruning of fields
 * a manager stopped applying, and tracking of other writes).
 *
 * <p>Guarantees: inputs are never changed; equal inputs give equal outputs, with managed
 * fields in the API server's order and field sets iterated in a fixed order; {@code fieldsV1}
 * written by the API server parses and writes back equal; messages quote field paths and
 * manager names as the API server does but never field values other than list keys.
 * Type knowledge comes through {@link io.gitopskit.core.patch.TypeInfo}.
 */
@NullMarked
package io.gitopskit.core.patch.ssa;

import org.jspecify.annotations.NullMarked;
