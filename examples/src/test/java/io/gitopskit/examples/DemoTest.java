package io.gitopskit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.load.LoadException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo, run twice on the real {@code demo/repo} files, in two different directories. */
class DemoTest {

  private static final Path REPO_FILES = Path.of("demo/repo");

  @TempDir
  static Path tmp;

  private static Demo.Outcome outcome;
  private static String output;
  private static String secondOutput;

  @BeforeAll
  static void runTwice() {
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    outcome = Demo.run(REPO_FILES, tmp.resolve("first"), print(first));
    output = first.toString(StandardCharsets.UTF_8);
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    Demo.run(REPO_FILES, tmp.resolve("second"), print(second));
    secondOutput = second.toString(StandardCharsets.UTF_8);
  }

  private static PrintStream print(ByteArrayOutputStream buffer) {
    return new PrintStream(buffer, true, StandardCharsets.UTF_8);
  }

  @Test
  void flowConverges_everyApplicationSyncedAndHealthyAtTheLastCommit() {
    assertThat(outcome.apps()).extracting(Demo.AppState::name)
        .containsExactly("shop-dev", "shop-prod", "shop-staging");
    String head = outcome.apps().get(0).revision();
    assertThat(head).matches("[0-9a-f]{40}");
    assertThat(outcome.apps()).allSatisfy(a -> {
      assertThat(a.synced()).as(a.name()).isTrue();
      assertThat(a.health()).as(a.name()).isEqualTo("Healthy");
      assertThat(a.revision()).as(a.name()).isEqualTo(head);
    });
    Map<String, String> images = outcome.apps().stream()
        .collect(Collectors.toMap(Demo.AppState::env, Demo.AppState::image));
    assertThat(images).containsExactlyInAnyOrderEntriesOf(Map.of(
        "dev", "ghcr.io/example/shop-web:1.5.0",
        "staging", "ghcr.io/example/shop-web:1.4.0",
        "prod", "ghcr.io/example/shop-web:1.4.0"));
    assertThat(outcome.apps()).extracting(Demo.AppState::replicas).containsExactly(1L, 3L, 2L);
  }

  @Test
  void rollout_followsTheRollingSyncSteps_andTheProjectRefusesKubeSystem() {
    assertThat(outcome.rolloutOrder()).containsExactly("shop-dev", "shop-staging", "shop-prod");
    assertThat(outcome.refused()).containsExactly("debug-tools");
    assertThat(output).contains("REFUSED by spec.destinations:")
        .contains("PreSync[0] Namespace/shop-prod, Job/db-migrate (hook)")
        .contains("Job/db-migrate PreSync hook Succeeded");
    assertThat(output.indexOf("> shop-dev (rollout)"))
        .isLessThan(output.indexOf("> shop-staging (rollout)"));
    assertThat(output.indexOf("> shop-staging (rollout)"))
        .isLessThan(output.indexOf("> shop-prod (rollout)"));
  }

  @Test
  void promotion_touchesOnlyStaging_andShowsTheOneChangedLine() {
    assertThat(outcome.promotionChangedPaths()).containsExactly("envs/staging/deployment.yaml");
    assertThat(outcome.promotionAffectedApps()).containsExactly("shop-staging");
    assertThat(outcome.promotionTouchedNamespaces()).containsExactly("shop-staging");
    assertThat(outcome.stagingImageAfterPromotion()).isEqualTo("ghcr.io/example/shop-web:1.5.0");
    String promotion = output.substring(output.indexOf("4. Promotion"),
        output.indexOf("5. Drift"));
    assertThat(promotion.lines().filter(l -> l.matches(" {7}[-+][^-+].*")))
        .containsExactly(
            "       -        image: \"ghcr.io/example/shop-web:1.4.0\"",
            "       +        image: \"ghcr.io/example/shop-web:1.5.0\"");
    assertThat(promotion).doesNotContain("> shop-dev").doesNotContain("> shop-prod");
  }

  @Test
  void drift_isFoundAndTheFieldRestored() {
    assertThat(outcome.driftedReplicas()).isEqualTo(5);
    assertThat(outcome.healedReplicas()).isEqualTo(3);
    assertThat(output).contains("-  replicas: 5").contains("+  replicas: 3");
  }

  @Test
  void rollback_revertsStagingOnly() {
    assertThat(outcome.rollbackAffectedApps()).containsExactly("shop-staging");
    assertThat(output).contains("shop-staging runs ghcr.io/example/shop-web:1.4.0 again");
  }

  @Test
  void output_isDeterministic_acrossRunsInDifferentDirectories() {
    assertThat(secondOutput).isEqualTo(output);
    assertThat(output).doesNotContain(tmp.toString()).doesNotContain("file:");
  }

  @Test
  void aBrokenManifestStopsTheDemo_namingTheFile(@TempDir Path work) throws IOException {
    Path files = work.resolve("files");
    try (Stream<Path> walk = Files.walk(REPO_FILES)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        Path target = files.resolve(REPO_FILES.relativize(p).toString());
        Files.createDirectories(target.getParent());
        Files.copy(p, target);
      }
    }
    Files.writeString(files.resolve("envs/dev/configmap.yaml"),
        "apiVersion: v1\nkind: ConfigMap\n");
    assertThatThrownBy(() -> Demo.run(files, work.resolve("run"),
        print(new ByteArrayOutputStream())))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("configmap.yaml")
        .hasMessageContaining("metadata");
  }
}
