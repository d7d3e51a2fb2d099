/**
 * Loading and writing manifests.
 *
 * <ul>
 *   <li>{@link io.gitopskit.core.load.ManifestLoader} reads multi-document YAML and JSON from
 *       strings, streams, files and directory trees into a {@code ManifestSet}: all or nothing,
 *       with errors naming file, line, column, document, object and field, and with {@link
 *       io.gitopskit.core.load.LoadLimits} against hostile input.
 *   <li>{@link io.gitopskit.core.load.ManifestWriter} writes them back as deterministic YAML or
 *       JSON.
 *   <li>{@link io.gitopskit.core.load.DirectoryRenderer} is the plain-directory {@code
 *       ManifestRenderer}.
 * </ul>
 *
 * <p>Scalars are read with Kubernetes' own (YAML 1.1) rules so that a manifest means the same
 * here as in kubectl and Argo CD; see {@code docs/adr/0003-yaml-reading.md}.
 */
@NullMarked
package io.gitopskit.core.load;

import org.jspecify.annotations.NullMarked;
