/**
 * Real Git repositories for tests, written through JGit: {@link
 * io.gitopskit.testkit.git.TestGitRepo} builds deterministic histories (fixed identities, a
 * stepping clock) so that identical fixtures produce identical commit SHAs, and exposes the work
 * tree directory and a {@code file:} URI usable as an Argo CD {@code repoURL}.
 *
 * <p>No JGit type appears in this package's public API.
 */
@NullMarked
package io.gitopskit.testkit.git;

import org.jspecify.annotations.NullMarked;
