package io.gitopskit.testkit.junit;

import io.gitopskit.testkit.ManualClock;
import io.gitopskit.testkit.SimulatedCluster;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link GitOpsTest}: resolves {@link SimulatedCluster}, {@link
 * ManualClock} and {@code TestGitRepo} parameters with fresh per-test instances kept in the
 * extension store, which closes them when the test ends.
 *
 * @since 0.1
 */
public final class GitOpsTestExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(GitOpsTestExtension.class);

  /** Creates the extension (JUnit instantiates it). */
  public GitOpsTestExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == SimulatedCluster.class || type == ManualClock.class
        || Resources.isGitRepo(type);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    if (type == SimulatedCluster.class) {
      return cluster(context, store);
    }
    if (type == ManualClock.class) {
      return cluster(context, store).clock();
    }
    if (Resources.isGitRepo(type)) {
      return store.getOrComputeIfAbsent("gitRepo", k -> Resources.newGitRepo(),
          Resources.CloseableRepo.class).repo();
    }
    throw new ParameterResolutionException("unsupported parameter " + type);
  }

  private static SimulatedCluster cluster(ExtensionContext context,
      ExtensionContext.Store store) {
    return store.getOrComputeIfAbsent("cluster", k -> {
      Optional<GitOpsTest> config = context.getTestClass()
          .map(c -> c.getAnnotation(GitOpsTest.class));
      return SimulatedCluster.builder()
          .seed(config.map(GitOpsTest::seed).orElse(0L))
          .controllers(config.map(GitOpsTest::controllers).orElse(true))
          .build();
    }, SimulatedCluster.class);
  }
}
