/**
 * Patch and apply algorithms as pure functions on {@link io.gitopskit.core.json.JsonValue}
 * trees: {@link io.gitopskit.core.patch.JsonMergePatch} (RFC 7386), {@link
 * io.gitopskit.core.patch.JsonPatch} (RFC 6902) and {@link
 * io.gitopskit.core.patch.StrategicMergePatch} (Kubernetes' strategic merge, including the
 * three-way patch of client-side {@code kubectl apply}). Server-side apply lives in the
 * sub-package {@code ssa}.
 *
 * <p>The type knowledge these need (list merge keys and types, atomic maps, patch strategies)
 * comes through the {@link io.gitopskit.core.patch.TypeInfo} seam, so the algorithms do not
 * depend on where the schema comes from; {@link io.gitopskit.core.patch.TypeInfo#JSON} serves
 * unknown types.
 *
 * <p>Guarantees: inputs are never changed (trees are immutable); results are deterministic for
 * equal inputs; failures throw {@link io.gitopskit.core.patch.PatchException}, whose message
 * names the operation and path but never a value from the document or the patch.
 */
@NullMarked
package io.gitopskit.core.patch;

import org.jspecify.annotations.NullMarked;
