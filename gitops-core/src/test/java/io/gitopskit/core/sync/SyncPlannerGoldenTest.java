package io.gitopskit.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ManifestSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden plans for a realistic application: a namespace, a CRD and its custom resource, a
 * deployment, service and ingress, hooks in every phase with waves, and prune candidates with
 * {@code Prune=false}, {@code Prune=confirm} and {@code PruneLast}. Regenerate with {@code
 * -Dgolden.update=true} (from the module directory) and review the diff.
 */
class SyncPlannerGoldenTest {

  private static final ManifestSet DESIRED = PlanYaml.load("app-desired.yaml");
  private static final List<Manifest> LIVE = PlanYaml.load("app-live.yaml").asList();

  private static SyncRequest.Builder request() {
    return SyncRequest.builder(DESIRED).live(LIVE).operation("3f2a9c1d0e", 1714557600L);
  }

  @Test
  void fullSyncWithPrune() throws IOException {
    golden("plan-prune.yaml", SyncPlanner.plan(request().prune(true).build()));
  }

  @Test
  void pruneDisabled() throws IOException {
    golden("plan-no-prune.yaml", SyncPlanner.plan(request().build()));
  }

  @Test
  void confirmedPruneWithOptions() throws IOException {
    SyncOptions options = SyncOptions.parse(List.of("PrunePropagationPolicy=background",
        "CreateNamespace=true", "PruneLast=true"));
    golden("plan-confirmed.yaml", SyncPlanner.plan(request().prune(true).pruneConfirmed(true)
        .options(options).namespace("shop-extra").build()));
  }

  private static void golden(String file, SyncPlan plan) throws IOException {
    String actual = PlanYaml.render(plan);
    if (Boolean.getBoolean("golden.update")) {
      Path dir = Path.of("src/test/resources/io/gitopskit/core/sync");
      Files.writeString(dir.resolve(file), actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(PlanYaml.resource(file));
  }
}
