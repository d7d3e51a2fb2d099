/**
 * Semantic versions and constraints over Git tags, with Argo CD's (Masterminds semver)
 * meaning: {@link io.gitopskit.git.revision.SemanticVersion} parses tags such as {@code v1.2.3},
 * {@link io.gitopskit.git.revision.SemverConstraint} picks the highest tag for a target
 * revision such as {@code >=1.2.0 <2.0.0} or {@code 1.x}. Immutable and thread-safe.
 */
@NullMarked
package io.gitopskit.git.revision;

import org.jspecify.annotations.NullMarked;
