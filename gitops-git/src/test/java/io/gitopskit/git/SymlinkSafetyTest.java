package io.gitopskit.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.source.FileTree;
import io.gitopskit.core.source.SourceRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  @Test
  void moreLinkShapes(@TempDir Path dir) throws Exception {
    try (Repository r = Repos.bare(base.resolve("served/shapes.git"))) {
      Map<String, Object> files = new java.util.HashMap<>();
      files.put("shared/x.yaml", GitSourceTest.CM);
      // a chain of links that ends inside
      files.put("chain/a.yaml", new Repos.Link("b.yaml"));
      files.put("chain/b.yaml", new Repos.Link("../links/c.yaml"));
      files.put("links/c.yaml", new Repos.Link("../shared/x.yaml"));
      // a chain whose last hop leaves the root
      files.put("badchain/a.yaml", new Repos.Link("../links/out.yaml"));
      files.put("links/out.yaml", new Repos.Link("../../etc/passwd"));
      // a link to a directory outside the root, and an absolute one to /etc
      files.put("outdir/etc", new Repos.Link("../../../etc"));
      files.put("absdir/etc", new Repos.Link("/etc"));
      files.put("absdir/keep.yaml", GitSourceTest.CM);
      Repos.commit(r, "main", files, "shapes");
    }
    try (GitSource g = GitSource.builder().cacheDirectory(dir).retry(RetryPolicy.none())
        .build()) {
      String url = daemon.url("shapes.git");
      FileTree chain = g.resolve(SourceRef.of(url, "chain")).files();
      assertThat(chain.paths()).containsExactly("a.yaml", "b.yaml");
      assertThat(new String(chain.read("a.yaml"), StandardCharsets.UTF_8))
          .isEqualTo(GitSourceTest.CM);
      assertThatThrownBy(() -> g.resolve(SourceRef.of(url, "badchain")))
          .isInstanceOf(GitException.UnsafeContent.class)
          .hasMessage("out of bounds symlink \"links/out.yaml\": "
              + "target leaves the repository root");
      assertThatThrownBy(() -> g.resolve(SourceRef.of(url, "outdir")))
          .isInstanceOf(GitException.UnsafeContent.class)
          .hasMessageContaining("outdir/etc");
      assertThatThrownBy(() -> g.resolve(SourceRef.of(url, "absdir")))
          .isInstanceOf(GitException.UnsafeContent.class)
          .hasMessage("out of bounds symlink \"absdir/etc\": absolute target");
      // the application path itself through a link that leaves the root
      assertThatThrownBy(() -> g.resolve(SourceRef.of(url, "outdir/etc")))
          .isInstanceOf(GitException.UnsafeContent.class);
    }
  }

  @Test
  void applicationPathsThatEscapeOrCarryControlCharactersAreRefused() {
    String url = daemon.url("cli.git");
    for (String bad : List.of("apps/../../etc", "../cli.git", "/etc", "C:\\Windows",
        "apps/web/../../..", "apps/web\u0000/x", "apps\n/web")) {
      assertThatThrownBy(() -> git.resolve(new SourceRef(url, bad, "v1.0.0")))
          .as(bad.replace("\u0000", "\\0")).isInstanceOf(GitException.UnsafeContent.class)
          .satisfies(t -> assertThat(t.getMessage()).doesNotContain("\u0000"));
    }
    // dots that stay inside are fine
    assertThat(read("apps/escape/../web").paths()).isEqualTo(read("apps/web").paths());
  }

  @Test
  void aFanOutOfDirectoryLinksIsCutOffNotWalkedForever(@TempDir Path dir) throws Exception {
    // seven levels of ten links each to the next level: 10^7 paths without a single file
    // (the bottom holds only a submodule entry), a "billion laughs" made of symlinks
    try (Repository r = Repos.bare(base.resolve("served/bomb.git"))) {
      Map<String, Object> files = new java.util.HashMap<>();
      for (int level = 0; level < 7; level++) {
        for (int i = 0; i < 10; i++) {
          files.put("bomb/l" + level + "/n" + i, new Repos.Link("../l" + (level + 1)));
        }
      }
      files.put("bomb/l7/sub", new Repos.Gitlink("0123456789012345678901234567890123456789"));
      Repos.commit(r, "main", files, "bomb");
    }
    try (GitSource g = GitSource.builder().cacheDirectory(dir).retry(RetryPolicy.none())
        .build()) {
      assertThatThrownBy(() -> g.resolve(SourceRef.of(daemon.url("bomb.git"), "bomb/l0")))
          .isInstanceOf(GitException.SizeLimitExceeded.class)
          .hasMessageContaining("entries");
    }
  }
}
