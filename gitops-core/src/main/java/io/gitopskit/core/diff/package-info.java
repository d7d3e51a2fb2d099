/**
 * Comparing desired manifests with live objects: is the cluster in sync with Git? See the
 * package documentation of {@code Differ} once it lands; this package currently holds the
 * {@link io.gitopskit.core.diff.Normalizer} seam.
 */
@NullMarked
package io.gitopskit.core.diff;

import org.jspecify.annotations.NullMarked;
