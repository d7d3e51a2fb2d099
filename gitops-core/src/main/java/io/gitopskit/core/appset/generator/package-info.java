/**
 * ApplicationSet generators: configuration plus inputs to parameter sets.
 *
 * <p>{@link io.gitopskit.core.appset.generator.Generator} is the SPI; {@link
 * io.gitopskit.core.appset.generator.Generators} is the registry that evaluates one generator
 * entry (find its single generator, generate, add {@code values}, apply the post {@code
 * selector}). Built in, with Argo CD's parameter names:
 *
 * <ul>
 *   <li>{@code list}: {@code elements} and {@code elementsYaml}.
 *   <li>{@code clusters}: a label selector over a {@link
 *       io.gitopskit.core.appset.generator.ClusterRegistry}; {@code name}, {@code
 *       nameNormalized}, {@code server}, {@code project}, {@code metadata.labels.<k>}, {@code
 *       metadata.annotations.<k>}; the implicit {@code in-cluster} with an empty selector;
 *       {@code flatList}.
 *   <li>{@code git} directories ({@code path}, {@code path.basename}, {@code
 *       path.basenameNormalized}, {@code path[n]}; Go {@code path.Match} patterns, {@code
 *       exclude}, hidden directories skipped) and files (content flattened to dotted names,
 *       plus {@code path.filename} and {@code path.filenameNormalized}; legacy or doublestar
 *       globbing), read from any {@link io.gitopskit.core.source.ManifestSource}; {@code
 *       pathParamPrefix}.
 *   <li>{@code matrix} (two children, the second rendered from each set of the first) and
 *       {@code merge} ({@code mergeKeys}); nesting at most one level.
 *   <li>{@code plugin}: a {@link io.gitopskit.core.appset.generator.ParameterPlugin} registered
 *       by {@code configMapRef} name.
 * </ul>
 *
 * <p>Guarantees: a generator that cannot read its input throws {@link
 * io.gitopskit.core.appset.generator.GeneratorException}; it never returns an empty list in
 * place of a failure. Outputs are deterministic (clusters are sorted by name, merge keeps the
 * base order, git files come in path order). Pure apart from the declared inputs; no logging.
 */
@NullMarked
package io.gitopskit.core.appset.generator;

import org.jspecify.annotations.NullMarked;
