package io.gitopskit.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.source.FileTree;
import io.gitopskit.core.source.SourceRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Symlinks and path traversal (Argo CD CVE-2022-24904 / CVE-2022-24348 class), in a repository
 * built with the git CLI and in ones built with JGit, served by {@code git daemon}.
 */
class SymlinkSafetyTest {

  @TempDir static Path base;
  static GitDaemon daemon;
  static GitSource git;

  @BeforeAll
  static void setUp() throws Exception {
    Path served = Files.createDirectories(base.resolve("served"));
    // built with the git CLI: real symlinks on disk, committed
    Path work = Files.createDirectories(base.resolve("work"));
    Repos.git(work, "init", "-q");
    Repos.write(work.resolve("shared/base.yaml"), GitSourceTest.CM);
    Repos.write(work.resolve("shared/more/svc.yaml"), GitSourceTest.SVC);
    Repos.write(work.resolve("apps/web/deploy.yaml"), GitSourceTest.DEPLOY);
    Files.createSymbolicLink(work.resolve("apps/web/base.yaml"), Path.of("../../shared/base.yaml"));
    Files.createSymbolicLink(work.resolve("apps/web/more"), Path.of("../../shared/more"));
    Files.createDirectories(work.resolve("apps/alias-parent"));
    Files.createSymbolicLink(work.resolve("apps/alias"), Path.of("web"));
    Files.createDirectories(work.resolve("apps/absolute"));
    Files.createSymbolicLink(work.resolve("apps/absolute/passwd.yaml"), Path.of("/etc/passwd"));
    Files.createDirectories(work.resolve("apps/escape"));
    Files.createSymbolicLink(work.resolve("apps/escape/up.yaml"),
        Path.of("../../../outside.yaml"));
    Files.createDirectories(work.resolve("apps/dangling"));
    Files.createSymbolicLink(work.resolve("apps/dangling/gone.yaml"), Path.of("nothing.yaml"));
    Files.createDirectories(work.resolve("apps/loop"));
    Repos.write(work.resolve("apps/loop/a.yaml"), GitSourceTest.CM);
    Files.createSymbolicLink(work.resolve("apps/loop/self"), Path.of("."));
    Files.createSymbolicLink(work.resolve("apps/wander"), Path.of("escape/../web"));
    Repos.write(work.resolve("apps/ok-unreached/x.yaml"), GitSourceTest.CM);
    Repos.git(work, "add", "-A");
    Repos.git(work, "commit", "-q", "-m", "symlinks");
    Repos.git(work, "tag", "-a", "v1.0.0", "-m", "release");
    Repos.git(base, "clone", "-q", "--bare", work.toString(), served.resolve("cli.git").toString());
    daemon = GitDaemon.serve(served);
    git = GitSource.builder().cacheDirectory(base.resolve("cache")).retry(RetryPolicy.none())
        .build();
  }

  @AfterAll
  static void tearDown() {
    if (git != null) {
      git.close();
    }
    if (daemon != null) {
      daemon.close();
    }
  }

  private static FileTree read(String path) {
    return git.resolve(new SourceRef(daemon.url("cli.git"), path, "v1.0.0")).files();
  }

  @Test
  void symlinksInsideTheRepositoryAreFollowed() {
    FileTree files = read("apps/web");
    assertThat(files.paths()).containsExactly("base.yaml", "deploy.yaml", "more/svc.yaml");
    assertThat(new String(files.read("base.yaml"), StandardCharsets.UTF_8))
        .isEqualTo(GitSourceTest.CM);
    assertThat(new String(files.read("more/svc.yaml"), StandardCharsets.UTF_8))
        .isEqualTo(GitSourceTest.SVC);
  }

  @Test
  void anApplicationPathThroughASymlinkIsFollowed() {
    assertThat(read("apps/alias").paths()).isEqualTo(read("apps/web").paths());
    assertThat(read("apps/wander").paths()).isEqualTo(read("apps/web").paths());
  }

  @Test
  void anAbsoluteSymlinkIsRefused() {
    assertThatThrownBy(() -> read("apps/absolute"))
        .isInstanceOf(GitException.UnsafeContent.class)
        .hasMessage("out of bounds symlink \"apps/absolute/passwd.yaml\": absolute target");
  }

  @Test
  void aSymlinkLeavingTheRootIsRefused() {
    assertThatThrownBy(() -> read("apps/escape"))
        .isInstanceOf(GitException.UnsafeContent.class)
        .hasMessage("out of bounds symlink \"apps/escape/up.yaml\": "
            + "target leaves the repository root");
  }

  @Test
  void aDanglingSymlinkAndACycleAreErrorsNotSkips() {
    assertThatThrownBy(() -> read("apps/dangling"))
        .isInstanceOf(GitException.UnsafeContent.class).hasMessageContaining("missing file");
    assertThatThrownBy(() -> read("apps/loop"))
        .isInstanceOf(GitException.UnsafeContent.class).hasMessageContaining("symlink cycle");
  }

  @Test
  void unsafeLinksElsewhereDoNotBlockAnApplicationThatNeverReachesThem() {
    assertThat(read("apps/ok-unreached").paths()).containsExactly("x.yaml");
  }

  @Test
  void linksThatStepAboveTheRootMidwayAreRefusedEvenIfTheyComeBack(@TempDir Path dir)
      throws Exception {
    // Argo CD refuses a target that leaves the root at any step, e.g. ../repo/x
    try (Repository r = Repos.bare(base.resolve("served/jgit.git"))) {
      Repos.commit(r, "main", Map.of(
          "app/x.yaml", GitSourceTest.CM,
          "app/sneaky.yaml", new Repos.Link("../../jgit.git/app/x.yaml"),
          "app2/dotdot", new Repos.Link("./../.."),
          "app3/ok.yaml", new Repos.Link("./../app/./x.yaml")), "links");
      try (GitSource g = GitSource.builder().cacheDirectory(dir).retry(RetryPolicy.none())
          .build()) {
        String url = daemon.url("jgit.git");
        assertThatThrownBy(() -> g.resolve(SourceRef.of(url, "app")))
            .isInstanceOf(GitException.UnsafeContent.class)
            .hasMessageContaining("app/sneaky.yaml");
        assertThatThrownBy(() -> g.resolve(SourceRef.of(url, "app2")))
            .isInstanceOf(GitException.UnsafeContent.class)
            .hasMessageContaining("leaves the repository root");
        assertThat(g.resolve(SourceRef.of(url, "app3")).files().paths())
            .containsExactly("ok.yaml");
      }
    }
  }
}
