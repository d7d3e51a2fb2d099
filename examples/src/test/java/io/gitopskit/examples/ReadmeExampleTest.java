package io.gitopskit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.diff.DiffOptions;
import io.gitopskit.core.diff.DiffResult;
import io.gitopskit.core.diff.Differ;
import io.gitopskit.core.health.ApplicationHealth;
import io.gitopskit.core.health.HealthChecks;
import io.gitopskit.core.health.HealthCode;
import io.gitopskit.core.load.DirectoryRenderer;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ManifestSet;
import io.gitopskit.core.model.ResourceKey;
import io.gitopskit.core.source.RenderParameters;
import io.gitopskit.core.source.ResolvedSource;
import io.gitopskit.core.source.SourceRef;
import io.gitopskit.core.sync.ExecutorOptions;
import io.gitopskit.core.sync.OperationPhase;
import io.gitopskit.core.sync.OperationState;
import io.gitopskit.core.sync.SyncExecutor;
import io.gitopskit.core.sync.SyncPlan;
import io.gitopskit.core.sync.SyncPlanner;
import io.gitopskit.core.sync.SyncRequest;
import io.gitopskit.git.GitSource;
import io.gitopskit.testkit.SimulatedCluster;
import io.gitopskit.testkit.git.TestGitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root README's 30-second example: the code between the {@code README} markers below is the
 * README's Java block, line for line (checked by {@link #readme_showsExactlyTheCodeThisTestRuns}),
 * and runs here against a Git repository holding {@code demo/repo}.
 */
class ReadmeExampleTest {

  private static final Path README = Path.of("../README.md");
  private static final Path SELF =
      Path.of("src/test/java/io/gitopskit/examples/ReadmeExampleTest.java");

  @Test
  void readmeExample_syncsDevFromGitUntilHealthy(@TempDir Path tmp) throws IOException {
    try (TestGitRepo repo = TestGitRepo.create(tmp.resolve("repo"))) {
      try (Stream<Path> files = Files.walk(Path.of("demo/repo"))) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          repo.file(Path.of("demo/repo").relativize(f).toString().replace('\\', '/'),
              Files.readAllBytes(f));
        }
      }
      repo.commit("demo repository");
      String repoUrl = repo.uri();
      Path cacheDir = tmp.resolve("cache");

      // README BEGIN
      // Source: a path of a Git repository at a branch, pinned to one commit, rendered
      GitSource git = GitSource.builder().cacheDirectory(cacheDir).build();
      ResolvedSource source = git.resolve(new SourceRef(repoUrl, "envs/dev", "main"));
      ManifestSet desired = DirectoryRenderer.create()
          .render(source.files(), RenderParameters.none());

      // Diff with the cluster: gitops-testkit's simulated one here
      SimulatedCluster cluster = SimulatedCluster.create();
      Differ differ = Differ.create(DiffOptions.defaults());
      Map<ResourceKey, DiffResult> diffs = new TreeMap<>();
      for (Manifest m : desired) {
        Manifest live = cluster.get(m.gvk(), m.namespace(), m.name()).orElse(null);
        diffs.put(m.key(), differ.diff(m, live));
      }

      // Plan (phases, sync waves, hooks, prunes), then run it wave by wave with health gates
      SyncPlan plan = SyncPlanner.plan(SyncRequest.builder(desired).diffs(diffs).build());
      OperationState state = new SyncExecutor().run(plan, cluster, ExecutorOptions.defaults()
          .withTime(cluster.clock(), cluster.clock()::advance));   // simulated time

      // Health of what is live now
      List<Manifest> live = desired.stream()
          .flatMap(m -> cluster.get(m.gvk(), m.namespace(), m.name()).stream()).toList();
      ApplicationHealth health = ApplicationHealth.builder()
          .desired(desired.keys()).live(live).assess(HealthChecks.builtIn());
      System.out.println(source.revision() + ": " + state.phase().wireName() + ", "
          + health.code());   // <commit id>: Succeeded, Healthy
      git.close();
      // README END

      assertThat(source.revision()).isEqualTo(repo.head());
      assertThat(desired.keys()).extracting(ResourceKey::toString).containsExactlyInAnyOrder(
          "/Namespace//shop-dev", "/ConfigMap/shop-dev/web-config",
          "apps/Deployment/shop-dev/web", "/Service/shop-dev/web");
      assertThat(diffs.values()).allMatch(DiffResult::modified);
      assertThat(state.phase()).as(state.message()).isEqualTo(OperationPhase.SUCCEEDED);
      assertThat(health.code()).isEqualTo(HealthCode.HEALTHY);
      assertThat(live).hasSize(4);
      for (Manifest m : desired) {
        Manifest now = cluster.get(m.gvk(), m.namespace(), m.name()).orElseThrow();
        assertThat(differ.diff(m, now).modified()).as(m.key().toString()).isFalse();
      }
    }
  }

  @Test
  void readme_showsExactlyTheCodeThisTestRuns() throws IOException {
    String readme = Files.readString(README);
    Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(block.find()).as("a java block in the README").isTrue();
    List<String> readmeLines = block.group(1).lines().toList();

    String self = Files.readString(SELF);
    List<String> snippet = new ArrayList<>();
    boolean inside = false;
    for (String line : self.lines().toList()) {
      if (line.trim().equals("// README END")) {
        inside = false;
      }
      if (inside) {
        snippet.add(line.length() >= 6 ? line.substring(6) : line.strip());
      }
      if (line.trim().equals("// README BEGIN")) {
        inside = true;
      }
    }
    assertThat(snippet).isNotEmpty();
    List<String> readmeCode = readmeLines.stream().filter(l -> !l.startsWith("import "))
        .dropWhile(String::isBlank).toList();
    assertThat(readmeCode).containsExactlyElementsOf(snippet);
    List<String> readmeImports = readmeLines.stream().filter(l -> l.startsWith("import "))
        .toList();
    assertThat(readmeImports).isNotEmpty().isSorted();
    for (String imp : readmeImports) {
      assertThat(self).as("the README's imports are this test's").contains(imp);
    }
  }
}
