/**
 * JUnit 5 support: {@link io.gitopskit.testkit.junit.GitOpsTest} and its extension inject a
 * fresh simulated cluster, its manual clock and a Git repository into each test, and clean them
 * up afterwards.
 */
@NullMarked
package io.gitopskit.testkit.junit;

import org.jspecify.annotations.NullMarked;
