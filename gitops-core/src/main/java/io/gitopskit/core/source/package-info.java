/**
 * The first two seams of the data flow: where manifests come from and how files become
 * manifests.
 *
 * <ul>
 *   <li>{@link io.gitopskit.core.source.ManifestSource} resolves a {@link
 *       io.gitopskit.core.source.SourceRef} at a revision to a {@link
 *       io.gitopskit.core.source.ResolvedSource}: the exact revision read plus a pinned, immutable
 *       {@link io.gitopskit.core.source.FileTree}. {@link
 *       io.gitopskit.core.source.LocalDirectorySource} is the built-in implementation (Git
 *       plugs in from {@code gitops-git}).
 *   <li>{@link io.gitopskit.core.source.ManifestRenderer} turns a file tree and {@link
 *       io.gitopskit.core.source.RenderParameters} into a {@code ManifestSet}. The plain YAML/JSON
 *       directory renderer lives in {@code io.gitopskit.core.load} (Helm plugs in from {@code
 *       gitops-helm}).
 * </ul>
 *
 * <p>Paths inside a file tree are always relative, use {@code /}, never contain {@code .} or
 * {@code ..} segments, and are listed in sorted order. A source never returns a partial tree:
 * anything it cannot read safely (a symlink out of the root, a path that escapes, a tree over its
 * size cap) is a {@link io.gitopskit.core.source.SourceException}.
 */
@NullMarked
package io.gitopskit.core.source;

import org.jspecify.annotations.NullMarked;
