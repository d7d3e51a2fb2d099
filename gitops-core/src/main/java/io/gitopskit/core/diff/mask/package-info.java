/**
 * Secret masking with Argo CD's scheme ({@code HideSecretData}), so that diffs, explanations and
 * error messages never carry Secret values.
 *
 * <p>{@link io.gitopskit.core.diff.mask.SecretMasker#mask} takes desired and live (either may be
 * absent) and the {@code kubectl.kubernetes.io/last-applied-configuration} objects parsed from
 * both. Secrets (core group, kind {@code Secret}) are normalized first ({@code stringData}
 * base64-encoded into {@code data}); then, per {@code data} key, every value becomes a run of
 * {@code +}: the first distinct value 8, each further distinct value 4 more, so equal values get
 * equal masks and a changed value stays visible without its content. Configured annotation keys
 * are masked the same way on every kind. The last-applied annotation is rewritten from its
 * masked form, or replaced by {@code ++++++++} when it cannot be parsed or is itself hidden.
 * {@link io.gitopskit.core.diff.mask.SecretMasker#maskText} hides given values, and their base64
 * and JSON-escaped forms, in free text such as API error messages.
 *
 * <p>Guarantees: pure and thread-safe; inputs are never changed (masked copies are returned);
 * deterministic; no masked output contains a Secret value or its base64 form.
 */
@NullMarked
package io.gitopskit.core.diff.mask;

import org.jspecify.annotations.NullMarked;
