/**
 * GitOpsKit core: the root package holds only {@link io.gitopskit.core.GitOpsException}, the base
 * of the library's unchecked exception family.
 *
 * <p>The concepts live in sub-packages, one per concept:
 *
 * <ul>
 *   <li>{@code json} — the immutable JSON tree every manifest is made of;
 *   <li>{@code model} — {@code Manifest}, {@code ResourceKey}, {@code GroupVersionKind},
 *       {@code ManifestSet};
 *   <li>{@code load} — safe YAML/JSON loading with limits, deterministic writing, and the plain
 *       directory renderer;
 *   <li>{@code source} — the {@code ManifestSource} and {@code ManifestRenderer} seams, file trees
 *       and the local-directory source.
 * </ul>
 *
 * <p>Packages named {@code internal} are not API and may change at any time.
 */
@NullMarked
package io.gitopskit.core;

import org.jspecify.annotations.NullMarked;
