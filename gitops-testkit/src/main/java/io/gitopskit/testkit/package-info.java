/**
 * Test support for GitOps flows: a simulated cluster, Git fixtures and JUnit 5 support. Work in progress: see the module README.
 */
@NullMarked
package io.gitopskit.testkit;

import org.jspecify.annotations.NullMarked;
