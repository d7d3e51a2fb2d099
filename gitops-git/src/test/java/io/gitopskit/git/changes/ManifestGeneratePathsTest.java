package io.gitopskit.git.changes;

import static org.assertj.core.api.Assertions.assertThat;

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
}
