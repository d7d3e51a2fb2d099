package io.gitopskit.testkit.junit;

import static io.gitopskit.testkit.assertions.GitOpsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.cluster.WriteOptions;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.testkit.ManualClock;
import io.gitopskit.testkit.SimulatedCluster;
import io.gitopskit.testkit.git.TestGitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

@GitOpsTest(seed = 42)
class GitOpsTestExtensionTest {

  private static Path repoDir;

  static Manifest cm(String name) {
    return ManifestLoader.defaults().loadYaml("apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
        + "  name: " + name + "\n  namespace: default\n  labels: {app: web}\ndata: {k: v}\n",
        "cm.yaml").asList().get(0);
  }

  @Test
  void injectsAClusterItsClockAndARepo(SimulatedCluster cluster, ManualClock clock,
      TestGitRepo repo) {
    org.assertj.core.api.Assertions.assertThat(clock).isSameAs(cluster.clock());
    cluster.create(cm("settings"), WriteOptions.defaults());
    clock.advance(Duration.ofMinutes(1));
    assertThat(cluster).hasResource("/ConfigMap/default/settings")
        .hasLabel("app", "web")
        .hasField("/data/k", "v")
        .doesNotHaveField("/data/missing");
    assertThat(cluster).doesNotHaveResource("/ConfigMap/default/other");
    repo.yaml("app/cm.yaml", cm("settings")).commit("add settings");
    org.assertj.core.api.Assertions.assertThat(repo.read("app/cm.yaml")).isPresent();
    repoDir = repo.dir();
  }

  @Test
  void eachTestGetsAFreshCluster(SimulatedCluster cluster) {
    assertThat(cluster).doesNotHaveResource("/ConfigMap/default/settings");
  }

  @Test
  void failedAssertions_explainWhatWasFound(SimulatedCluster cluster) {
    cluster.create(cm("x"), WriteOptions.defaults());
    assertThatThrownBy(() -> assertThat(cluster).hasResource("/ConfigMap/default/x")
        .hasLabel("app", "db"))
        .hasMessageContaining("to have label app=db but it was web");
    assertThatThrownBy(() -> assertThat(cluster).hasResource("/ConfigMap/default/y"))
        .hasMessageContaining("Expected the cluster to have </ConfigMap/default/y>");
  }

  @AfterAll
  static void repositoriesAreDeleted() {
    if (repoDir != null) {
      org.assertj.core.api.Assertions.assertThat(Files.exists(repoDir)).isFalse();
    }
  }
}
