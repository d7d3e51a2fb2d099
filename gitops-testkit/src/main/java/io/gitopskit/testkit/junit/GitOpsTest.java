package io.gitopskit.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a JUnit 5 test class that uses the GitOpsKit test kit. Test methods (and lifecycle
 * methods) may then declare parameters of type {@code SimulatedCluster}, {@code ManualClock} and
 * {@code TestGitRepo}; each test gets fresh instances, closed and deleted afterwards. The clock
 * parameter is the cluster's own clock.
 *
 * <pre>{@code
 * @GitOpsTest(seed = 42)
 * class RolloutTest {
 *   @Test
 *   void rollsOut(SimulatedCluster cluster, ManualClock clock, TestGitRepo repo) { ... }
 * }
 * }</pre>
 *
 * @since 0.1
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(GitOpsTestExtension.class)
public @interface GitOpsTest {

  /**
   * The seed of each test's simulated cluster.
   *
   * @return the seed
   */
  long seed() default 0;

  /**
   * Whether the simulated controllers run.
   *
   * @return false for a bare API server
   */
  boolean controllers() default true;
}
