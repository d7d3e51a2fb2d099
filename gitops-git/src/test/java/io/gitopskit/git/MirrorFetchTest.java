package io.gitopskit.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.source.SourceRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared mirror under concurrent callers, made deterministic by holding the server's answer
 * to a fetch ({@link HttpsGitServer#beforeServe}) while other callers queue behind it.
 */
class MirrorFetchTest {

  static final String TOKEN = "tok-mirror-fetch-0001";

  @TempDir static Path base;
  static HttpsGitServer server;
  static Path served;

  @BeforeAll
  static void start() throws Exception {
    served = Files.createDirectories(base.resolve("served"));
    server = HttpsGitServer.serve(served, "bot", TOKEN);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private GitSource source(Path cache) throws Exception {
    return GitSource.builder().cacheDirectory(cache).retry(RetryPolicy.none())
        .credentials(RepoCredentials.https(server.urlPrefix(), "bot", TOKEN),
            RepoCredentials.tls(server.urlPrefix(), server.certificatePem()))
        .build();
  }

  /** Holds the first request the filter accepts until released; the hook is then removed. */
  private static final class Hold implements AutoCloseable {
    final CountDownLatch held = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    Hold(java.util.function.Predicate<HttpsGitServer.Request> which) {
      server.beforeServe(r -> {
        if (which.test(r) && held.getCount() > 0) {
          held.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      });
    }

    void awaitHeld() throws InterruptedException {
      assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Override
    public void close() {
      release.countDown();
      server.beforeServe(null);
    }
  }

  private static void awaitQueued(GitSource git, String url, int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (git.queuedFetches(url) < n && System.nanoTime() < deadline) {
      Thread.sleep(1); // readiness poll, not a timed assertion
    }
    assertThat(git.queuedFetches(url)).isEqualTo(n);
  }

  @Test
  void callersQueuedBehindARunningFetchShareOneNewFetchAndSeeEveryEarlierPush(
      @TempDir Path cache) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try (Repository repo = Repos.bare(served.resolve("busy.git")); GitSource git = source(cache)) {
      String url = server.url("busy.git");
      Repos.commit(repo, "main", Map.of("app/a.yaml", GitSourceTest.CM), "c1");
      git.resolve(SourceRef.of(url, "app")); // the mirror is warm: fetch 1
      String c2 = Repos.commit(repo, "main", Map.of("app/a.yaml", GitSourceTest.SVC), "c2");
      // hold A's request for objects: by then A has read the refs (c2)
      Hold hold = new Hold(HttpsGitServer.Request::wantsObjects);
      Future<String> a = pool.submit(() -> git.resolve(SourceRef.of(url, "app")).revision());
      hold.awaitHeld();
      // pushed while A's fetch runs, before B and C ask: they must see it
      String c3 = Repos.commit(repo, "main", Map.of("app/a.yaml", GitSourceTest.DEPLOY), "c3");
      Future<String> b = pool.submit(() -> git.resolve(SourceRef.of(url, "app")).revision());
      Future<String> c = pool.submit(() -> git.resolve(SourceRef.of(url, "app")).revision());
      awaitQueued(git, url, 2);
      hold.close();
      assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo(c2);
      assertThat(b.get(10, TimeUnit.SECONDS)).isEqualTo(c3);
      assertThat(c.get(10, TimeUnit.SECONDS)).isEqualTo(c3);
      // warm-up, A's, and one shared by B and C
      assertThat(git.fetchCount(url)).isEqualTo(3);
    } finally {
      server.beforeServe(null);
      pool.shutdownNow();
    }
  }

  @Test
  void callersQueuedBehindAColdFetchShareOneNewFetch(@TempDir Path cache) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (Repository repo = Repos.bare(served.resolve("together.git"));
        GitSource git = source(cache)) {
      String url = server.url("together.git");
      String c1 = Repos.commit(repo, "main", Map.of("app/a.yaml", GitSourceTest.CM), "c1");
      // a first caller holds the lock on a cold mirror; three more queue behind it
      Hold hold = new Hold(r -> true);
      Future<String> first = pool.submit(() -> git.resolve(SourceRef.of(url, "app")).revision());
      hold.awaitHeld();
      java.util.List<Future<String>> rest = new java.util.ArrayList<>();
      for (int i = 0; i < 3; i++) {
        rest.add(pool.submit(() -> git.resolve(SourceRef.of(url, "app")).revision()));
      }
      awaitQueued(git, url, 3);
      hold.close();
      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(c1);
      for (Future<String> f : rest) {
        assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(c1);
      }
      assertThat(git.fetchCount(url)).isEqualTo(2); // the first, and one for the three
    } finally {
      server.beforeServe(null);
      pool.shutdownNow();
    }
  }

  @Test
  void aQueuedCallerSharesOnlyAFetchMadeWithItsOwnCredentials(@TempDir Path cache)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    String wrong = "tok-revoked-0000-zzzz";
    try (Repository repo = Repos.bare(served.resolve("rotating.git"));
        GitSource git = source(cache)) {
      String url = server.url("rotating.git");
      String revoked = url.replace("https://", "https://" + wrong + "@");
      String c1 = Repos.commit(repo, "main", Map.of("app/a.yaml", GitSourceTest.CM), "c1");
      Hold hold = new Hold(r -> true);
      Future<String> first = pool.submit(() -> git.resolve(SourceRef.of(url, "app")).revision());
      hold.awaitHeld();
      // both ask while the first fetch runs: whichever fetches next, the other must not take
      // its outcome (a revoked token's failure, or a success it did not earn)
      Future<String> bad = pool.submit(() -> git.resolve(SourceRef.of(revoked, "app"))
          .revision());
      Future<String> good = pool.submit(() -> git.resolve(SourceRef.of(url, "app")).revision());
      awaitQueued(git, url, 2);
      hold.close();
      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(c1);
      assertThat(good.get(10, TimeUnit.SECONDS)).isEqualTo(c1);
      java.util.concurrent.ExecutionException e = org.assertj.core.api.Assertions
          .catchThrowableOfType(() -> bad.get(10, TimeUnit.SECONDS),
              java.util.concurrent.ExecutionException.class);
      assertThat(e).isNotNull();
      assertThat(e.getCause()).isInstanceOf(GitException.AuthenticationFailed.class);
      HttpsTransportTest.assertNowhere(e.getCause(), wrong);
    } finally {
      server.beforeServe(null);
      pool.shutdownNow();
    }
  }
}
