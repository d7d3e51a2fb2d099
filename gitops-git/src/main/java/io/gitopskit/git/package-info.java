/**
 * JGit-backed reading and writing of Git repositories (GitSource, GitWriter). Work in progress: see the module README.
 */
@NullMarked
package io.gitopskit.git;

import org.jspecify.annotations.NullMarked;
