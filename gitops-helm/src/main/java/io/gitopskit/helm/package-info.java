/**
 * The helm-java-backed ManifestRenderer (HelmRenderer). Work in progress: see the module README.
 */
@NullMarked
package io.gitopskit.helm;

import org.jspecify.annotations.NullMarked;
