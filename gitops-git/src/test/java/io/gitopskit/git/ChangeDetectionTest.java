package io.gitopskit.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.git.changes.ChangeSet;
import io.gitopskit.git.changes.WatchedApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Changed paths between two commits and the applications they affect, over git daemon. */
class ChangeDetectionTest {

  @TempDir static Path base;
  static GitDaemon daemon;
  static String before;
  static String after;

  @BeforeAll
  static void serve() throws Exception {
    Path served = Files.createDirectories(base.resolve("served"));
    try (Repository r = Repos.bare(served.resolve("envs.git"))) {
      before = Repos.commit(r, "main", Map.of(
          "envs/dev/web/values.yaml", "tag: 1",
          "envs/prod/web/values.yaml", "tag: 1",
          "envs/prod/db/cm.yaml", "x: 1",
          "shared/base.yaml", "b: 1",
          "link.yaml", new Repos.Link("shared/base.yaml")), "before");
      after = Repos.commit(r, "main", Map.of(
          "envs/dev/web/values.yaml", "tag: 2",
          "envs/prod/web/values.yaml", "tag: 1",
          "envs/prod/db/renamed.yaml", "x: 1",
          "shared/base.yaml", "b: 1",
          "link.yaml", new Repos.Link("envs/prod/db/renamed.yaml")), "after");
    }
    daemon = GitDaemon.serve(served);
  }

  @AfterAll
  static void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  @Test
  void changedPathsBetweenTwoCommits(@TempDir Path cache) {
    try (GitSource git = GitSource.builder().cacheDirectory(cache).build()) {
      ChangeSet changes = git.changes(daemon.url("envs.git"), before, "main");
      assertThat(changes.from()).isEqualTo(before);
      assertThat(changes.to()).isEqualTo(after);
      assertThat(changes.paths()).containsExactly("envs/dev/web/values.yaml",
          "envs/prod/db/cm.yaml", "envs/prod/db/renamed.yaml", "link.yaml");
      assertThat(git.changes(daemon.url("envs.git"), after, after).isEmpty()).isTrue();
    }
  }

  @Test
  void onlyTheAffectedApplicationsAreReRendered(@TempDir Path cache) {
    List<WatchedApp> apps = List.of(
        WatchedApp.of("web-dev", "envs/dev/web", "."),
        WatchedApp.of("web-prod", "envs/prod/web", ".;/shared"),
        WatchedApp.of("db-prod", "envs/prod/db", "."),
        WatchedApp.of("legacy", "envs/legacy", ""));
    try (GitSource git = GitSource.builder().cacheDirectory(cache).build()) {
      assertThat(git.affectedApps(daemon.url("envs.git"), before, after, apps))
          .containsExactly("db-prod", "legacy", "web-dev");
    }
  }
}
