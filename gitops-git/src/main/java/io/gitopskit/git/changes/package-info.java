/**
 * Change detection: the files that differ between two commits ({@link
 * io.gitopskit.git.changes.ChangeSet}, from {@link io.gitopskit.git.GitSource#changes}) and
 * which applications they affect under Argo CD's {@code manifest-generate-paths} rules ({@link
 * io.gitopskit.git.changes.ManifestGeneratePaths}). Lists are sorted; values are immutable.
 */
@NullMarked
package io.gitopskit.git.changes;

import org.jspecify.annotations.NullMarked;
