package io.gitopskit.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.gitopskit.core.source.ResolvedSource;
import io.gitopskit.core.source.SourceRef;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smart HTTP over TLS with Basic authentication against {@code git http-backend} behind the
 * JDK's HTTPS server ({@link HttpsGitServer}): tokens, TLS trust (custom CA, insecure, refused)
 * and pushes.
 */
class HttpsTransportTest {

  static final String TOKEN = "glpat-Zq8wY2kL5vN1xR7tB3mC";

  @TempDir static Path base;
  static HttpsGitServer server;
  static Path served;
  static String commit;
  static final java.util.concurrent.atomic.AtomicInteger REPOS =
      new java.util.concurrent.atomic.AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    served = Files.createDirectories(base.resolve("served"));
    try (Repository r = Repos.bare(served.resolve("apps.git"))) {
      commit = Repos.commit(r, "main", Map.of("app/cm.yaml", GitSourceTest.CM), "one");
    }
    server = HttpsGitServer.serve(served, "bot", TOKEN);
  }

  /** A fresh served repository with app/cm.yaml on main, for tests that change it. */
  static String newRepo() throws Exception {
    String name = "r" + REPOS.incrementAndGet() + ".git";
    try (Repository r = Repos.bare(served.resolve(name))) {
      Repos.commit(r, "main", Map.of("app/cm.yaml", GitSourceTest.CM), "one");
    }
    return name;
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void reset() {
    server.clearRequests();
    server.beforeServe(null);
  }

  private static RepoCredentials token(String value) {
    return RepoCredentials.https(server.urlPrefix(), "bot", value);
  }

  private static RepoCredentials trustServer() throws Exception {
    return RepoCredentials.tls(server.urlPrefix(), server.certificatePem());
  }

  @Test
  void clonesAndFetchesWithTheRightTokenAndTheServersCa(@TempDir Path cache) throws Exception {
    String repo = newRepo();
    try (GitSource git = GitSource.builder().cacheDirectory(cache).retry(RetryPolicy.none())
        .credentials(token(TOKEN), trustServer()).build()) {
      ResolvedSource src = git.resolve(SourceRef.of(server.url(repo), "app"));
      assertThat(src.files().paths()).containsExactly("cm.yaml");
      String second;
      try (Repository r = new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
          .setGitDir(served.resolve(repo).toFile()).setMustExist(true).build()) {
        second = Repos.commit(r, "main", Map.of("app/cm.yaml", GitSourceTest.CM,
            "app/svc.yaml", GitSourceTest.SVC), "two");
      }
      ResolvedSource again = git.resolve(SourceRef.of(server.url(repo), "app"));
      assertThat(again.revision()).isEqualTo(second);
      assertThat(again.files().paths()).containsExactly("cm.yaml", "svc.yaml");
      assertThat(git.fetchCount(server.url(repo))).isEqualTo(2);
      assertThat(server.requests()).anyMatch(r -> r.authorized()
          && r.pathAndQuery().endsWith("/git-upload-pack"));
    }
  }

  @Test
  void aWrongTokenIsAnAuthenticationFailureAfterBoundedRetriesAndNeverShown(@TempDir Path cache)
      throws Exception {
    String wrong = "glpat-WRONGwrongWRONG0000";
    List<Duration> waits = new ArrayList<>();
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    PrintStream err = System.err;
    Throwable t;
    System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
    try (GitSource git = GitSource.builder().cacheDirectory(cache).sleeper(waits::add)
        .retry(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40)))
        .credentials(token(wrong), trustServer()).build()) {
      t = catchThrowable(() -> git.resolve(SourceRef.of(server.url("apps.git"), "app")));
    } finally {
      System.setErr(err);
    }
    assertThat(t).isInstanceOf(GitException.AuthenticationFailed.class)
        .hasMessageContaining(server.url("apps.git"));
    assertThat(waits).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
    // three tries, each at most JGit's own four requests (a probe, then the token): no storm
    assertThat(server.requests()).noneMatch(HttpsGitServer.Request::authorized);
    assertThat(server.requests()).as(server.paths().toString()).hasSizeBetween(3, 12);
    assertNowhere(t, wrong);
    assertThat(logs.toString(StandardCharsets.UTF_8)).doesNotContain(wrong);
  }

  @Test
  void anUntrustedCertificateIsRefusedAndTyped(@TempDir Path cache) {
    try (GitSource git = GitSource.builder().cacheDirectory(cache).retry(RetryPolicy.none())
        .credentials(token(TOKEN)).build()) {
      Throwable t = catchThrowable(() -> git.resolve(SourceRef.of(server.url("apps.git"), "app")));
      assertThat(t).isInstanceOf(GitException.AuthenticationFailed.class)
          .hasMessageContaining(server.url("apps.git"));
      assertNowhere(t, TOKEN);
    }
    assertThat(server.requests()).isEmpty(); // refused during the handshake
  }

  @Test
  void aCaThatDidNotSignTheServerCertificateIsRefused(@TempDir Path cache) throws Exception {
    String otherCa = HttpsGitServer.pem(HttpsGitServer.selfSigned(SshGitServer.newKey()));
    try (GitSource git = GitSource.builder().cacheDirectory(cache).retry(RetryPolicy.none())
        .credentials(token(TOKEN), RepoCredentials.tls(server.urlPrefix(), otherCa)).build()) {
      assertThatThrownBy(() -> git.resolve(SourceRef.of(server.url("apps.git"), "app")))
          .isInstanceOf(GitException.AuthenticationFailed.class);
    }
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void anInsecureRepositoryAcceptsAnyCertificate(@TempDir Path cache) {
    try (GitSource git = GitSource.builder().cacheDirectory(cache).retry(RetryPolicy.none())
        .credentials(token(TOKEN), RepoCredentials.insecure(server.urlPrefix())).build()) {
      assertThat(git.resolve(SourceRef.of(server.url("apps.git"), "app")).revision())
          .isEqualTo(commit);
    }
  }

  @Test
  void tlsSettingsFollowTheirOwnLongestPrefix(@TempDir Path cache) throws Exception {
    // a broad insecure entry and a narrower CA entry: the CA entry decides for this URL, and
    // a CA that did not sign the server's certificate is refused even though a broader
    // prefix would accept anything
    String otherCa = HttpsGitServer.pem(HttpsGitServer.selfSigned(SshGitServer.newKey()));
    try (GitSource git = GitSource.builder().cacheDirectory(cache).retry(RetryPolicy.none())
        .credentials(token(TOKEN), RepoCredentials.insecure("https://127.0.0.1:"),
            RepoCredentials.tls(server.url("apps"), otherCa)).build()) {
      assertThatThrownBy(() -> git.resolve(SourceRef.of(server.url("apps.git"), "app")))
          .isInstanceOf(GitException.AuthenticationFailed.class);
    }
  }

  @Test
  void theLongestMatchingPrefixChoosesTheToken(@TempDir Path a, @TempDir Path b)
      throws Exception {
    RepoCredentials broadRight = RepoCredentials.https("https://127.0.0.1:", "bot", TOKEN);
    RepoCredentials narrowWrong = RepoCredentials.https(server.url("apps"), "bot", "nope-nope");
    RepoCredentials broadWrong = RepoCredentials.https("https://", "bot", "nope-nope");
    RepoCredentials narrowRight = RepoCredentials.https(server.url("apps.git"), "bot", TOKEN);
    try (GitSource git = GitSource.builder().cacheDirectory(a).retry(RetryPolicy.none())
        .credentials(narrowRight, trustServer(), broadWrong).build()) {
      assertThat(git.resolve(SourceRef.of(server.url("apps.git"), "app")).revision())
          .isEqualTo(commit);
    }
    try (GitSource git = GitSource.builder().cacheDirectory(b).retry(RetryPolicy.none())
        .credentials(broadRight, narrowWrong, trustServer()).build()) {
      assertThatThrownBy(() -> git.resolve(SourceRef.of(server.url("apps.git"), "app")))
          .isInstanceOf(GitException.AuthenticationFailed.class);
    }
    assertThat(RepoCredentials.select(List.of(broadWrong, narrowRight, trustServer()),
        server.url("apps.git"))).contains(narrowRight);
    assertThat(RepoCredentials.select(List.of(trustServer()), server.url("apps.git"))).isEmpty();
    assertThat(RepoCredentials.selectTls(List.of(narrowRight, trustServer()),
        server.url("apps.git"))).contains((RepoCredentials.Tls) trustServer());
  }

  @Test
  void gitWriterPushesOverHttps(@TempDir Path work, @TempDir Path cache) throws Exception {
    String repo = newRepo();
    GitIdentity bot = new GitIdentity("Promoter", "promoter@example.com");
    try (GitWriter w = GitWriter.builder().workDirectory(work).retry(RetryPolicy.none())
        .credentials(token(TOKEN), trustServer()).build();
        GitSource git = GitSource.builder().cacheDirectory(cache).retry(RetryPolicy.none())
            .credentials(token(TOKEN), trustServer()).build()) {
      CommitResult r = w.commit(new CommitRequest(server.url(repo), "main",
          List.of(FileChange.put("app/pushed.yaml", GitSourceTest.SVC)), "pushed over https",
          bot, bot));
      assertThat(r.changed()).isTrue();
      assertThat(git.resolveRevision(server.url(repo), "main").commit()).isEqualTo(r.commit());
      assertThat(git.resolve(SourceRef.of(server.url(repo), "app")).files().paths())
          .containsExactly("cm.yaml", "pushed.yaml");
      assertThat(server.requests()).anyMatch(q -> q.authorized()
          && q.pathAndQuery().endsWith("/git-receive-pack"));
    }
  }

  @Test
  void aTokenInTheUrlIsTheCallersCurrentOneOnEveryFetch(@TempDir Path cache, @TempDir Path work)
      throws Exception {
    String repo = newRepo();
    String oldToken = "ghp_OLDoldOLDold1111aaaa";
    String newToken = "ghp_NEWnewNEWnew2222bbbb";
    String oldUrl = "https://" + oldToken + "@127.0.0.1:" + server.port() + "/" + repo;
    String newUrl = "https://" + newToken + "@127.0.0.1:" + server.port() + "/" + repo;
    GitIdentity bot = new GitIdentity("Promoter", "promoter@example.com");
    List<Throwable> failures = new ArrayList<>();
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    PrintStream err = System.err;
    server.rotateToken(oldToken);
    System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
    try (GitSource git = GitSource.builder().cacheDirectory(cache).retry(RetryPolicy.none())
        .refreshInterval(Duration.ZERO).credentials(trustServer()).build();
        GitWriter w = GitWriter.builder().workDirectory(work).retry(RetryPolicy.none())
            .credentials(trustServer()).build()) {
      assertThat(git.resolve(SourceRef.of(oldUrl, "app")).files().paths())
          .containsExactly("cm.yaml");
      CommitResult first = w.commit(new CommitRequest(oldUrl, "main",
          List.of(FileChange.put("app/svc.yaml", GitSourceTest.SVC)), "svc", bot, bot));

      // the forge rotates the token; the platform hands out URLs with the new one
      server.rotateToken(newToken);
      server.clearRequests();
      ResolvedSource src = git.resolve(SourceRef.of(newUrl, "app"));
      assertThat(src.revision()).isEqualTo(first.commit());
      assertThat(src.files().paths()).containsExactly("cm.yaml", "svc.yaml");
      assertThat(server.requests()).as(server.paths().toString())
          .anyMatch(HttpsGitServer.Request::authorized);
      // one mirror for both URLs (the key holds no token)
      assertThat(git.fetchCount(newUrl)).isEqualTo(2);
      assertThat(git.fetchCount(oldUrl)).isEqualTo(2);
      CommitResult second = w.commit(new CommitRequest(newUrl, "main",
          List.of(FileChange.delete("app/svc.yaml")), "no svc", bot, bot));
      assertThat(second.parent()).isEqualTo(first.commit());

      // the old token no longer works, and says so: reading and writing
      CommitRequest stale = new CommitRequest(oldUrl, "main",
          List.of(FileChange.put("app/x.yaml", "x: 1\n")), "x", bot, bot);
      failures.add(catchThrowable(() -> git.resolveRevision(oldUrl, "main")));
      failures.add(catchThrowable(() -> w.commit(stale)));
      failures.add(catchThrowable(() -> w.tag(oldUrl, "v1", "main", null, bot)));
      for (Throwable t : failures) {
        assertThat(t).isInstanceOf(GitException.AuthenticationFailed.class)
            .hasMessageContaining("https://***@127.0.0.1:" + server.port() + "/" + repo);
      }
      assertThat(git.resolveRevision(newUrl, "main").commit()).isEqualTo(second.commit());
      assertThat(stale.toString()).contains("https://***@127.0.0.1:").doesNotContain(oldToken);
    } finally {
      System.setErr(err);
      server.rotateToken(TOKEN);
    }
    for (Throwable t : failures) {
      assertNowhere(t, oldToken);
      assertNowhere(t, newToken);
    }
    assertThat(logs.toString(StandardCharsets.UTF_8)).doesNotContain(oldToken)
        .doesNotContain(newToken);
    assertThat(Files.readString(cache.resolve(only(cache)).resolve("config")))
        .doesNotContain(oldToken).doesNotContain(newToken);
  }

  /** The one mirror directory under a cache directory. */
  private static String only(Path cache) throws Exception {
    try (var dirs = Files.list(cache)) {
      List<String> mirrors = dirs.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".mirror")).toList();
      assertThat(mirrors).hasSize(1);
      return mirrors.get(0);
    }
  }

  /** The secret is in no message, no cause, no toString and no printed stack trace. */
  static void assertNowhere(Throwable t, String secret) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      assertThat(String.valueOf(c.getMessage())).doesNotContain(secret);
      assertThat(c.toString()).doesNotContain(secret);
    }
    StringWriter trace = new StringWriter();
    t.printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString()).doesNotContain(secret);
  }
}
