package io.gitopskit.testkit.assertions;

import io.gitopskit.core.cluster.ClusterTarget;
import io.gitopskit.core.model.Manifest;

/**
 * Entry points of the test kit's AssertJ assertions.
 *
 * <pre>{@code
 * import static io.gitopskit.testkit.assertions.GitOpsAssertions.assertThat;
 *
 * assertThat(cluster).hasResource(ResourceKey.parse("apps/Deployment/dev/web"))
 *     .hasLabel("app", "web")
 *     .hasField("/spec/replicas", 3)
 *     .hasCondition("Available", "True");
 * }</pre>
 *
 * @since 0.1
 */
public final class GitOpsAssertions {

  private GitOpsAssertions() {}

  /**
   * Assertions on a cluster.
   *
   * @param actual the cluster
   * @return the assertion
   */
  public static ClusterAssert assertThat(ClusterTarget actual) {
    return new ClusterAssert(actual);
  }

  /**
   * Assertions on a manifest.
   *
   * @param actual the manifest
   * @return the assertion
   */
  public static ManifestAssert assertThat(Manifest actual) {
    return new ManifestAssert(actual);
  }
}
