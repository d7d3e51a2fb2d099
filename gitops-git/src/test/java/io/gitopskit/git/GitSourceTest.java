package io.gitopskit.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.load.DirectoryRenderer;
import io.gitopskit.core.model.ManifestSet;
import io.gitopskit.core.source.DirectoryOptions;
import io.gitopskit.core.source.FileTree;
import io.gitopskit.core.source.RenderParameters;
import io.gitopskit.core.source.ResolvedSource;
import io.gitopskit.core.source.SourceException;
import io.gitopskit.core.source.SourceRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GitSource against real repositories served by Debian's {@code git daemon} on loopback. */
class GitSourceTest {

  @TempDir static Path base;
  static GitDaemon daemon;
  static Repository apps;
  static String c1;
  static String c2;
  static String c3;

  static final String DEPLOY = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n";
  static final String SVC = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n";
  static final String CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n";

  @BeforeAll
  static void serve() throws Exception {
    Path served = Files.createDirectories(base.resolve("served"));
    apps = Repos.bare(served.resolve("apps.git"));
    c1 = Repos.commit(apps, "main", Map.of(
        "apps/web/deploy.yaml", DEPLOY,
        "apps/web/svc.yaml", SVC,
        "apps/web/README.md", "# not a manifest",
        "apps/web/extra/cm.yaml", CM,
        "apps/db/cm.yaml", CM), "first");
    Repos.lightweightTag(apps, "v1.2.0", c1);
    c2 = Repos.commit(apps, "main", Map.of(
        "apps/web/deploy.yaml", DEPLOY.replace("web", "web2"),
        "apps/web/svc.yaml", SVC,
        "apps/web/README.md", "# not a manifest",
        "apps/web/extra/cm.yaml", CM,
        "apps/db/cm.yaml", CM), "second");
    Repos.lightweightTag(apps, "v1.4.1", c2);
    Repos.lightweightTag(apps, "v2.0.0-rc.1", c2);
    Repos.lightweightTag(apps, "not-a-version", c1);
    c3 = Repos.commit(apps, "release", Map.of("apps/web/deploy.yaml", DEPLOY), "on a branch");
    Repos.lightweightTag(apps, "v2.1.0", c3);
    daemon = GitDaemon.serve(served);
  }

  @AfterAll
  static void stop() {
    if (daemon != null) {
      daemon.close();
    }
    if (apps != null) {
      apps.close();
    }
  }

  private static GitSource source(Path cache) {
    return GitSource.builder().cacheDirectory(cache).retry(RetryPolicy.none()).build();
  }

  @Test
  void resolvesEveryKindOfRevisionToTheCommit(@TempDir Path cache) {
    try (GitSource git = source(cache)) {
      String url = daemon.url("apps.git");
      assertThat(git.resolveRevision(url, "HEAD").commit()).isEqualTo(c2);
      assertThat(git.resolveRevision(url, "").kind()).isEqualTo(ResolvedRevision.Kind.HEAD);
      assertThat(git.resolveRevision(url, "main"))
          .isEqualTo(new ResolvedRevision("main", ResolvedRevision.Kind.BRANCH,
              "refs/heads/main", c2));
      assertThat(git.resolveRevision(url, "release").commit()).isEqualTo(c3);
      assertThat(git.resolveRevision(url, "v1.2.0").kind()).isEqualTo(ResolvedRevision.Kind.TAG);
      assertThat(git.resolveRevision(url, "v1.2.0").commit()).isEqualTo(c1);
      assertThat(git.resolveRevision(url, c1).kind()).isEqualTo(ResolvedRevision.Kind.COMMIT);
      assertThat(git.resolveRevision(url, c1.substring(0, 10)).commit()).isEqualTo(c1);
      assertThat(git.resolveRevision(url, c1.substring(0, 7)).commit()).isEqualTo(c1);
      // as Argo CD, at least 7 hex digits: "2024" or "beef" is no commit id
      assertThatThrownBy(() -> git.resolveRevision(url, c1.substring(0, 6)))
          .isInstanceOf(GitException.RevisionNotFound.class);
      assertThat(git.resolveRevision(url, c1.toUpperCase(java.util.Locale.ROOT)).commit())
          .isEqualTo(c1);
      assertThat(git.resolveRevision(url, "refs/heads/release").commit()).isEqualTo(c3);
    }
  }

  @Test
  void semverConstraintsPickTheHighestMatchingTag(@TempDir Path cache) {
    try (GitSource git = source(cache)) {
      String url = daemon.url("apps.git");
      ResolvedRevision r = git.resolveRevision(url, ">=1.2.0 <2.0.0");
      assertThat(r.kind()).isEqualTo(ResolvedRevision.Kind.SEMVER);
      assertThat(r.ref()).isEqualTo("refs/tags/v1.4.1");
      assertThat(r.commit()).isEqualTo(c2);
      assertThat(git.resolveRevision(url, "1.x").ref()).isEqualTo("refs/tags/v1.4.1");
      assertThat(git.resolveRevision(url, "*").ref()).isEqualTo("refs/tags/v2.1.0");
      assertThat(git.resolveRevision(url, "~1.2").ref()).isEqualTo("refs/tags/v1.2.0");
      assertThat(git.resolveRevision(url, ">=2.0.0-rc.0 <2.1.0-0").ref())
          .isEqualTo("refs/tags/v2.0.0-rc.1");
      // Masterminds: "<2.1.0" names no pre-release, so it lets none through
      assertThatThrownBy(() -> git.resolveRevision(url, ">=2.0.0-rc.0 <2.1.0"))
          .isInstanceOf(GitException.RevisionNotFound.class);
      assertThatThrownBy(() -> git.resolveRevision(url, ">=3.0.0"))
          .isInstanceOf(GitException.RevisionNotFound.class)
          .hasMessageContaining(">=3.0.0");
    }
  }

  @Test
  void readsTheFilesUnderThePathAtTheResolvedCommit(@TempDir Path cache) {
    try (GitSource git = source(cache)) {
      ResolvedSource src = git.resolve(new SourceRef(daemon.url("apps.git"), "apps/web", "v1.2.0"));
      assertThat(src.revision()).isEqualTo(c1);
      assertThat(src.files().paths())
          .containsExactly("README.md", "deploy.yaml", "extra/cm.yaml", "svc.yaml");
      assertThat(new String(src.files().read("deploy.yaml"), StandardCharsets.UTF_8))
          .isEqualTo(DEPLOY);
      ManifestSet set = DirectoryRenderer.create().render(src.files(), RenderParameters.none());
      assertThat(set.size()).isEqualTo(2);
    }
  }

  @Test
  void directoryOptionsSelectWhatIsRead(@TempDir Path cache) {
    try (GitSource git = source(cache)) {
      SourceRef ref = new SourceRef(daemon.url("apps.git"), "./apps/web/", "main");
      assertThat(git.resolve(ref, DirectoryOptions.defaults()).files().paths())
          .containsExactly("deploy.yaml", "svc.yaml");
      assertThat(git.resolve(ref, DirectoryOptions.defaults().withRecurse(true)
          .withExclude("svc*")).files().paths())
          .containsExactly("deploy.yaml", "extra/cm.yaml");
      assertThat(git.resolve(ref, DirectoryOptions.defaults().withRecurse(true)
          .withInclude("{extra/*,svc.yaml}")).files().paths())
          .containsExactly("extra/cm.yaml", "svc.yaml");
    }
  }

  @Test
  void aMissingRevisionIsRetriedWithBackoffThenTyped(@TempDir Path cache) {
    List<Duration> waits = new ArrayList<>();
    try (GitSource git = GitSource.builder().cacheDirectory(cache)
        .retry(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1)))
        .sleeper(waits::add).build()) {
      String url = daemon.url("apps.git");
      assertThatThrownBy(() -> git.resolve(new SourceRef(url, "apps/web", "no-such-branch")))
          .isInstanceOf(GitException.RevisionNotFound.class)
          .hasMessageContaining("\"no-such-branch\"").hasMessageContaining(url);
      assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
      assertThat(git.fetchCount(url)).isEqualTo(3);
    }
  }

  @Test
  void anUnreachableServerIsATypedErrorWithoutTheToken(@TempDir Path cache) throws Exception {
    int closed = GitDaemon.freePort();
    List<Duration> waits = new ArrayList<>();
    String secret = "s3cr3t-t0ken-value";
    try (GitSource git = GitSource.builder().cacheDirectory(cache).sleeper(waits::add)
        .credentials(RepoCredentials.https("http://127.0.0.1:" + closed + "/", "bot", secret))
        .build()) {
      String url = "http://bot:" + secret + "@127.0.0.1:" + closed + "/apps.git";
      Throwable t = org.assertj.core.api.Assertions.catchThrowable(
          () -> git.resolve(SourceRef.of(url, "apps")));
      assertThat(t).isInstanceOf(GitException.Unreachable.class);
      assertThat(waits).hasSize(2);
      for (Throwable c = t; c != null; c = c.getCause()) {
        assertThat(String.valueOf(c.getMessage())).doesNotContain(secret);
        assertThat(c.toString()).doesNotContain(secret);
      }
      assertThat(t.getMessage()).contains("127.0.0.1:" + closed);
    }
  }

  @Test
  void aServerThatGoesAwayIsRetriedWithBackoffAndPickedUpWhenItComesBack(@TempDir Path cache)
      throws Exception {
    Path served = base.resolve("served");
    GitDaemon own = GitDaemon.serve(served);
    int port = own.port();
    List<GitDaemon> restarted = new ArrayList<>();
    List<Duration> waits = new ArrayList<>();
    Sleeper bringBackBeforeTheThirdTry = d -> {
      waits.add(d);
      if (waits.size() == 2 && restarted.isEmpty()) {
        try {
          restarted.add(GitDaemon.serve(served, port));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    };
    try (GitSource git = GitSource.builder().cacheDirectory(cache)
        .retry(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1)))
        .sleeper(bringBackBeforeTheThirdTry).build()) {
      String url = own.url("apps.git");
      assertThat(git.resolve(SourceRef.of(url, "apps/web")).revision()).isEqualTo(c2);
      own.close(); // the server goes away between two reconciles
      ResolvedSource again = git.resolve(SourceRef.of(url, "apps/web"));
      assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
      assertThat(restarted).hasSize(1);
      assertThat(again.revision()).isEqualTo(c2);
      assertThat(again.files().paths()).hasSize(4);
      // and while it is away, the mirror's last state is not served as if nothing happened
      restarted.get(0).close();
      waits.clear();
      assertThatThrownBy(() -> git.resolve(SourceRef.of(url, "apps/web")))
          .isInstanceOf(GitException.Unreachable.class).hasMessageContaining(url);
    } finally {
      own.close();
      restarted.forEach(GitDaemon::close);
    }
  }

  @Test
  void aRepositoryNamedLikeAnAuthErrorIsStillUnreachableWhenTheNetworkFails(
      @TempDir Path cache) throws Exception {
    // the failure is classified from what went wrong, never from words in the URL
    int closed = GitDaemon.freePort();
    try (GitSource git = source(cache)) {
      for (String name : List.of("auth-service.git", "host-key-rotation.git",
          "permission-denied.git")) {
        assertThatThrownBy(() -> git.resolve(
            SourceRef.of("http://127.0.0.1:" + closed + "/team/" + name, "apps")))
            .as(name).isInstanceOf(GitException.Unreachable.class);
      }
    }
  }

  @Test
  void aTokenUsedAsTheUserNameInAUrlIsMasked(@TempDir Path cache) throws Exception {
    // GitHub and GitLab accept https://<token>@host/repo: the whole user-info is a secret
    int closed = GitDaemon.freePort();
    String token = "ghp_R2d2C3poBb8Yoda0000Luke1111";
    try (GitSource git = source(cache)) {
      Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> git.resolve(
          SourceRef.of("https://" + token + "@127.0.0.1:" + closed + "/apps.git", "apps")));
      assertThat(t).isInstanceOf(GitException.Unreachable.class)
          .hasMessageContaining("127.0.0.1:" + closed + "/apps.git");
      HttpsTransportTest.assertNowhere(t, token);
    }
  }

  @Test
  void aPathThatIsNotADirectoryIsAnError(@TempDir Path cache) {
    try (GitSource git = source(cache)) {
      String url = daemon.url("apps.git");
      assertThatThrownBy(() -> git.resolve(new SourceRef(url, "apps/nope", "main")))
          .isInstanceOf(SourceException.class).hasMessageContaining("no such directory");
      assertThatThrownBy(() -> git.resolve(new SourceRef(url, "apps/web/svc.yaml", "main")))
          .isInstanceOf(SourceException.class).hasMessageContaining("not a directory");
      assertThatThrownBy(() -> git.resolve(new SourceRef(url, "apps/../../etc", "main")))
          .isInstanceOf(GitException.UnsafeContent.class).hasMessageContaining("escapes");
      assertThatThrownBy(() -> git.resolve(new SourceRef(url, "/etc", "main")))
          .isInstanceOf(GitException.UnsafeContent.class).hasMessageContaining("relative");
    }
  }

  @Test
  void theSizeCapIsPerApplication(@TempDir Path cache) {
    try (GitSource git = GitSource.builder().cacheDirectory(cache).maxBytes(DEPLOY.length() + 10)
        .retry(RetryPolicy.none()).build()) {
      String url = daemon.url("apps.git");
      assertThat(git.resolve(new SourceRef(url, "apps/db", "main")).files().paths()).hasSize(1);
      assertThatThrownBy(() -> git.resolve(new SourceRef(url, "apps/web", "main")))
          .isInstanceOf(GitException.SizeLimitExceeded.class)
          .hasMessageContaining("size cap of " + (DEPLOY.length() + 10));
    }
  }

  @Test
  void oneMirrorServesEveryApplicationAndPinnedCommitsNeedNoFetch(@TempDir Path cache)
      throws Exception {
    try (GitSource git = source(cache)) {
      String url = daemon.url("apps.git");
      git.resolve(new SourceRef(url, "apps/web", "main"));
      git.resolve(new SourceRef(url, "apps/db", "main"));
      long fetches = git.fetchCount(url);
      git.resolve(new SourceRef(url, "apps/db", c1));
      assertThat(git.fetchCount(url)).isEqualTo(fetches);
      try (Stream<Path> dirs = Files.list(cache)) {
        assertThat(dirs.filter(p -> p.toString().endsWith(".mirror")).count()).isEqualTo(1);
      }
    }
  }

  @Test
  void concurrentCallersShareTheMirror(@TempDir Path cache) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try (GitSource git = source(cache)) {
      String url = daemon.url("apps.git");
      List<Callable<ResolvedSource>> calls = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String path = i % 2 == 0 ? "apps/web" : "apps/db";
        calls.add(() -> git.resolve(new SourceRef(url, path, "main")));
      }
      List<ResolvedSource> results = new ArrayList<>();
      for (Future<ResolvedSource> f : pool.invokeAll(calls)) {
        results.add(f.get());
      }
      assertThat(results).extracting(ResolvedSource::revision).containsOnly(c2);
      assertThat(results.get(0).files().paths()).hasSize(4);
      assertThat(git.fetchCount(url)).isBetween(1L, 12L);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anUnchangedRefreshReusesTheTreeAndANewPushIsSeen(@TempDir Path cache) throws Exception {
    Path served = base.resolve("served");
    try (Repository moving = Repos.bare(served.resolve("moving.git"));
        GitSource git = source(cache)) {
      String first = Repos.commit(moving, "main", Map.of("app/a.yaml", CM), "one");
      String url = daemon.url("moving.git");
      ResolvedSource a = git.resolve(SourceRef.of(url, "app"));
      ResolvedSource b = git.resolve(SourceRef.of(url, "app"));
      assertThat(b.revision()).isEqualTo(first);
      assertThat(b.files()).isSameAs(a.files());
      String second = Repos.commit(moving, "main", Map.of("app/a.yaml", CM, "app/b.yaml", SVC),
          "two");
      ResolvedSource c = git.resolve(SourceRef.of(url, "app"));
      assertThat(c.revision()).isEqualTo(second);
      assertThat(c.files().paths()).containsExactly("a.yaml", "b.yaml");
    }
  }

  @Test
  void fileUrlsWork(@TempDir Path cache) {
    try (GitSource git = source(cache)) {
      FileTree files = git.resolve(new SourceRef(
          base.resolve("served/apps.git").toUri().toString(), "apps/db", "main")).files();
      assertThat(files.paths()).containsExactly("cm.yaml");
    }
  }
}
