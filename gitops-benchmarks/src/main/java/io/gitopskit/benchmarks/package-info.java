/**
 * JMH benchmarks for GitOpsKit, each against a named peer in the same run; see the module
 * README and BENCHMARKS.md at the project root. Not published.
 */
@NullMarked
package io.gitopskit.benchmarks;

import org.jspecify.annotations.NullMarked;
