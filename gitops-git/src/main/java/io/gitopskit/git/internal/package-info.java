/**
 * JGit plumbing behind {@code io.gitopskit.git}: the mirror cache, tree reading with symlink and
 * size checks, transport and credential wiring, retries, OpenPGP verification. Not API: types
 * here may change in any release.
 */
@NullMarked
package io.gitopskit.git.internal;

import org.jspecify.annotations.NullMarked;
