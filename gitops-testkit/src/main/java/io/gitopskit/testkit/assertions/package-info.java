/**
 * AssertJ assertions for clusters and manifests: start from {@link
 * io.gitopskit.testkit.assertions.GitOpsAssertions#assertThat(io.gitopskit.core.cluster.ClusterTarget)}
 * or {@link
 * io.gitopskit.testkit.assertions.GitOpsAssertions#assertThat(io.gitopskit.core.model.Manifest)}.
 */
@NullMarked
package io.gitopskit.testkit.assertions;

import org.jspecify.annotations.NullMarked;
