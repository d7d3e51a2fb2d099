package io.gitopskit.git.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestGeneratePathsTest {

  @Test
  void relativePathsAreFromTheSourcePathAndAbsoluteOnesFromTheRoot() {
    WatchedApp app = new WatchedApp("web", List.of("apps/web"), ".;../common; /shared/*.yaml");
    assertThat(ManifestGeneratePaths.refreshPaths(app))
        .containsExactly("apps/web", "apps/common", "shared/*.yaml");
  }

  @Test
  void aChangeUnderOrEqualToOrMatchingARefreshPathAffectsTheApp() {
    WatchedApp app = WatchedApp.of("web", "apps/web", ".;/shared/*.yaml");
    assertThat(ManifestGeneratePaths.affects(app, List.of("apps/web/deploy.yaml"))).isTrue();
    assertThat(ManifestGeneratePaths.affects(app, List.of("apps/web/x/y/z.yaml"))).isTrue();
    assertThat(ManifestGeneratePaths.affects(app, List.of("shared/base.yaml"))).isTrue();
    assertThat(ManifestGeneratePaths.affects(app, List.of("shared/deep/base.yaml"))).isFalse();
    assertThat(ManifestGeneratePaths.affects(app, List.of("apps/webapp/deploy.yaml"))).isFalse();
    assertThat(ManifestGeneratePaths.affects(app, List.of("README.md"))).isFalse();
  }

  @Test
  void withoutTheAnnotationEveryChangeAffectsTheApp() {
    assertThat(ManifestGeneratePaths.affects(WatchedApp.of("a", "apps/a", ""),
        List.of("elsewhere/file"))).isTrue();
    assertThat(ManifestGeneratePaths.affects(WatchedApp.of("a", "apps/a", " ; "),
        List.of("elsewhere/file"))).isTrue();
  }

  @Test
  void affectedAppsAreSortedAndAnEmptyChangeSetAffectsNone() {
    List<WatchedApp> apps = List.of(WatchedApp.of("z", "apps/z", "."),
        WatchedApp.of("a", "apps/a", "."), WatchedApp.of("m", "apps/m", "."),
        WatchedApp.of("all", "apps/all", ""));
    ChangeSet changes = new ChangeSet("u", "1", "2", List.of("apps/z/x.yaml", "apps/a/y.yaml"));
    assertThat(ManifestGeneratePaths.affectedApps(apps, changes)).containsExactly("a", "all", "z");
    assertThat(ManifestGeneratePaths.affectedApps(apps, new ChangeSet("u", "1", "1", List.of())))
        .isEmpty();
  }

  @Test
  void aBacktrackingShapedGlobAnswersAndAMalformedOneMatchesNothing() {
    // the time-out only guards against a hang: a backtracking matcher takes n^8 steps here
    WatchedApp hostile = WatchedApp.of("h", "apps/h", "/*a*a*a*a*a*a*a*b");
    String longName = "a".repeat(5_000);
    assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> ManifestGeneratePaths.affects(hostile, List.of(longName)))).isFalse();
    assertThat(ManifestGeneratePaths.affects(hostile, List.of(longName + "b"))).isTrue();
    // as Go's filepath.Match, a malformed pattern is an error, which Argo CD counts as no match
    assertThat(ManifestGeneratePaths.affects(WatchedApp.of("m", "apps/m", "/[]"),
        List.of("x"))).isFalse();
    assertThat(ManifestGeneratePaths.affects(WatchedApp.of("m", "apps/m", "/x[a-c]y"),
        List.of("xby"))).isTrue();
    assertThat(ManifestGeneratePaths.affects(WatchedApp.of("m", "apps/m", "/x[^a-c]y"),
        List.of("xby"))).isFalse();
    assertThat(ManifestGeneratePaths.affects(WatchedApp.of("m", "apps/m", "/x[^a-c]y"),
        List.of("xdy"))).isTrue();
  }
}
