/**
 * Unified text diffs in the format of {@code diff -u} and {@code kubectl diff}: {@link
 * io.gitopskit.core.diff.text.UnifiedDiff} with {@code ---}/{@code +++} headers and {@code @@
 * -l,n +l,n @@} hunks, three lines of context by default, computed with Myers' O(ND)
 * algorithm in linear space (lines found in only one text are set aside first, so very
 * different texts are cheap too). {@link
 * io.gitopskit.core.diff.text.UnifiedDiff#ofYaml} renders two objects as deterministic YAML
 * and diffs them under the names {@code live/<key>} and {@code desired/<key>}.
 *
 * <p>Guarantees: the edit script is minimal (a longest common subsequence of lines is kept);
 * applying the hunks to the first text gives the second exactly, including a missing final
 * newline ({@code \ No newline at end of file}); identical texts give an empty diff; output is
 * deterministic. Values are immutable; callers mask Secrets (see {@code
 * io.gitopskit.core.diff.mask}) before rendering.
 */
@NullMarked
package io.gitopskit.core.diff.text;

import org.jspecify.annotations.NullMarked;
