/**
 * Runnable examples of GitOpsKit: {@link io.gitopskit.examples.Demo} loads a directory of
 * manifests and prints its resources. Not published.
 */
@NullMarked
package io.gitopskit.examples;

import org.jspecify.annotations.NullMarked;
