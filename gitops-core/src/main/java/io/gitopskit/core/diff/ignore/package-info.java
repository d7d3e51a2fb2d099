/**
 * Ignored differences with Argo CD's semantics: {@link io.gitopskit.core.diff.ignore.IgnoreRule}
 * mirrors one {@code spec.ignoreDifferences} entry ({@code ResourceIgnoreDifferences}) and
 * {@link io.gitopskit.core.diff.ignore.IgnoreRules} applies a set of them.
 *
 * <p>A rule matches an object when its group and kind globs match (Argo CD's glob syntax, where
 * {@code *} matches any run of characters) and its name and namespace, when set, are equal.
 * For a matching object:
 *
 * <ul>
 *   <li>each {@code jsonPointers} entry removes the addressed field; a missing path is no error;
 *   <li>each {@code jqPathExpressions} entry is evaluated as {@code del(<expr>)} with jq 1.7
 *       semantics under a timeout (1 s unless configured) and a step budget; a timeout, an
 *       evaluation error or a result that is not exactly one object throws {@link
 *       io.gitopskit.core.diff.ignore.IgnoreRuleException}, never hangs and is never silently
 *       skipped;
 *   <li>afterwards every object or array that the removals left empty is removed, recursively;
 *   <li>{@code managedFieldsManagers} is two-sided: fields owned by a trusted manager in live's
 *       {@code managedFields} and differing between live and desired are removed from both
 *       ({@link io.gitopskit.core.diff.ignore.IgnoreRules#stripManagedByTrusted}).
 * </ul>
 *
 * <p>Guarantees: pure and thread-safe; inputs are never changed and unchanged subtrees are
 * shared; an object no rule matches is returned as is; identity fields ({@code apiVersion},
 * {@code kind}, {@code metadata.name}, {@code generateName}, {@code namespace}) are never
 * removed, so every result is a valid manifest; error messages name the rule, the expression
 * and the object but never a field value. jq programs run without access to the environment,
 * files or modules, and compiled programs are cached in a bounded cache.
 */
@NullMarked
package io.gitopskit.core.diff.ignore;

import org.jspecify.annotations.NullMarked;
