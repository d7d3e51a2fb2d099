package io.gitopskit.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.source.FileTree;
import io.gitopskit.core.source.SourceRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GitWriter pushing to repositories served by {@code git daemon} with receive-pack. */
class GitWriterTest {

  @TempDir static Path base;
  static Path served;
  static GitDaemon daemon;
  static final GitIdentity BOT = new GitIdentity("Promoter", "promoter@example.com");
  static final GitIdentity ALICE = new GitIdentity("Alice", "alice@example.com");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);
  static final AtomicInteger REPOS = new AtomicInteger();

  @BeforeAll
  static void serve() throws Exception {
    served = Files.createDirectories(base.resolve("served"));
    daemon = GitDaemon.serve(served);
  }

  @AfterAll
  static void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  /** A fresh served repository with envs/{dev,prod}/web/values.yaml. */
  private static String newRepo() throws Exception {
    String name = "r" + REPOS.incrementAndGet() + ".git";
    try (Repository r = Repos.bare(served.resolve(name))) {
      Repos.commit(r, "main", Map.of(
          "envs/dev/web/values.yaml", "image:\n  tag: 1.4.1\n",
          "envs/prod/web/values.yaml", "image:\n  tag: 1.4.0\n",
          "envs/prod/web/old.yaml", "x: 1\n"), "initial");
    }
    return name;
  }

  private static GitWriter writer(Path dir) {
    return GitWriter.builder().workDirectory(dir).clock(CLOCK).retry(RetryPolicy.none()).build();
  }

  private static String text(FileTree t, String path) {
    return new String(t.read(path), StandardCharsets.UTF_8);
  }

  private static RevCommit remoteCommit(String repo, String sha) throws Exception {
    try (Repository r = new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
        .setGitDir(served.resolve(repo).toFile()).setMustExist(true).build();
        RevWalk walk = new RevWalk(r)) {
      return walk.parseCommit(ObjectId.fromString(sha));
    }
  }

  @Test
  void commitsFileChangesAndPushesThem(@TempDir Path work, @TempDir Path cache) throws Exception {
    String repo = newRepo();
    String url = daemon.url(repo);
    try (GitWriter w = writer(work); GitSource git = GitSource.builder().cacheDirectory(cache)
        .build()) {
      CommitResult r = w.commit(new CommitRequest(url, "main", List.of(
          FileChange.edit("envs/prod/web/values.yaml", t -> t.replace("1.4.0", "1.4.1")),
          FileChange.put("envs/prod/web/extra.yaml", "y: 2\n"),
          FileChange.delete("envs/prod/web/old.yaml")), "prod: web 1.4.1", ALICE, BOT));
      assertThat(r.changed()).isTrue();
      assertThat(r.attempts()).isEqualTo(1);
      FileTree prod = git.resolve(new SourceRef(url, "envs/prod/web", "main")).files();
      assertThat(prod.paths()).containsExactly("extra.yaml", "values.yaml");
      assertThat(text(prod, "values.yaml")).isEqualTo("image:\n  tag: 1.4.1\n");
      assertThat(git.resolveRevision(url, "main").commit()).isEqualTo(r.commit());
      RevCommit c = remoteCommit(repo, r.commit());
      assertThat(c.getFullMessage()).isEqualTo("prod: web 1.4.1\n");
      assertThat(c.getAuthorIdent().getName()).isEqualTo("Alice");
      assertThat(c.getCommitterIdent().getEmailAddress()).isEqualTo("promoter@example.com");
      assertThat(c.getCommitterIdent().getWhenAsInstant()).isEqualTo(CLOCK.instant());
      assertThat(c.getParent(0).name()).isEqualTo(r.parent());
      // the CLI agrees
      assertThat(Repos.git(served.resolve(repo), "log", "-1", "--format=%an|%s", "main"))
          .isEqualTo("Alice|prod: web 1.4.1");
    }
  }

  @Test
  void aChangeThatChangesNothingPushesNothing(@TempDir Path work) throws Exception {
    String url = daemon.url(newRepo());
    try (GitWriter w = writer(work)) {
      CommitResult r = w.commit(new CommitRequest(url, "main",
          List.of(FileChange.put("envs/dev/web/values.yaml", "image:\n  tag: 1.4.1\n")),
          "noop", BOT, BOT));
      assertThat(r.changed()).isFalse();
      assertThat(r.commit()).isEqualTo(r.parent());
    }
  }

  @Test
  void aPushRejectedBecauseTheRemoteMovedIsReplayedOnTheNewHead(@TempDir Path work)
      throws Exception {
    String repo = newRepo();
    String url = daemon.url(repo);
    AtomicInteger edits = new AtomicInteger();
    String[] concurrent = new String[1];
    try (GitWriter w = writer(work)) {
      CommitResult r = w.commit(new CommitRequest(url, "main", List.of(
          FileChange.edit("envs/prod/web/values.yaml", t -> {
            if (edits.getAndIncrement() == 0) {
              concurrent[0] = pushConcurrently(repo, "dev moved meanwhile");
            }
            return t.replace("1.4.0", "1.5.0");
          })), "prod: web 1.5.0", BOT, BOT));
      assertThat(r.attempts()).isEqualTo(2);
      assertThat(r.parent()).isEqualTo(concurrent[0]);
      RevCommit c = remoteCommit(repo, r.commit());
      assertThat(c.getParent(0).name()).isEqualTo(concurrent[0]);
      assertThat(Repos.git(served.resolve(repo), "show", "main:envs/dev/web/values.yaml"))
          .isEqualTo("dev moved meanwhile");
      assertThat(Repos.git(served.resolve(repo), "show", "main:envs/prod/web/values.yaml"))
          .contains("1.5.0");
    }
  }

  @Test
  void aRemoteThatKeepsMovingIsReportedNeverForced(@TempDir Path work) throws Exception {
    String repo = newRepo();
    String url = daemon.url(repo);
    String[] last = new String[1];
    try (GitWriter w = GitWriter.builder().workDirectory(work).clock(CLOCK)
        .retry(RetryPolicy.none()).maxPushAttempts(2).build()) {
      assertThatThrownBy(() -> w.commit(new CommitRequest(url, "main", List.of(
          FileChange.edit("envs/prod/web/values.yaml", t -> {
            last[0] = pushConcurrently(repo, "moved " + System.nanoTime());
            return t + "# bumped\n";
          })), "bump", BOT, BOT)))
          .isInstanceOf(GitException.PushRejected.class)
          .hasMessageContaining("after 2 attempt(s)").hasMessageContaining("never forced");
      assertThat(Repos.git(served.resolve(repo), "rev-parse", "main")).isEqualTo(last[0]);
    }
  }

  /**
   * Installs an executable {@code hooks/pre-receive} in a served repository that counts its
   * runs in {@code pre-receive.runs} and declines every push with a reason on stderr.
   */
  private static Path declineEveryPush(String repo, String reason) throws Exception {
    Path dir = served.resolve(repo);
    Path hook = Files.createDirectories(dir.resolve("hooks")).resolve("pre-receive");
    Files.writeString(hook, "#!/bin/sh\n"
        + "cat >/dev/null\n"
        + "echo run >> pre-receive.runs\n"
        + "echo '" + reason + "' >&2\n"
        + "exit 1\n");
    assertThat(hook.toFile().setExecutable(true)).isTrue();
    return dir.resolve("pre-receive.runs");
  }

  private static long lines(Path file) throws Exception {
    return Files.exists(file) ? Files.readAllLines(file).size() : 0;
  }

  @Test
  void aPushTheServerDeclinesIsReportedAtOnceWithTheServersReason(@TempDir Path work)
      throws Exception {
    String repo = newRepo();
    String url = daemon.url(repo);
    String before = Repos.git(served.resolve(repo), "rev-parse", "main");
    Path runs = declineEveryPush(repo, "prod is frozen until 2026-12-08 (change CHG-42)");
    List<java.time.Duration> waits = new java.util.ArrayList<>();
    AtomicInteger edits = new AtomicInteger();
    try (GitWriter w = GitWriter.builder().workDirectory(work).clock(CLOCK)
        .retry(new RetryPolicy(3, java.time.Duration.ofMillis(10),
            java.time.Duration.ofMillis(40)))
        .sleeper(waits::add).maxPushAttempts(3).build()) {
      Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> w.commit(
          new CommitRequest(url, "main", List.of(
              FileChange.edit("envs/prod/web/values.yaml", text -> {
                edits.incrementAndGet();
                return text.replace("1.4.0", "1.5.0");
              })), "prod: web 1.5.0", BOT, BOT)));
      assertThat(t).isInstanceOf(GitException.PushDeclined.class)
          .hasMessageContaining("refs/heads/main")
          .hasMessageContaining(url)
          .hasMessageContaining("pre-receive hook declined")
          .hasMessageContaining("prod is frozen until 2026-12-08 (change CHG-42)");
      GitException.PushDeclined declined = (GitException.PushDeclined) t;
      assertThat(declined.isTransient()).isFalse();
      assertThat(declined.ref()).isEqualTo("refs/heads/main");
      assertThat(declined.status()).isEqualTo("REJECTED_OTHER_REASON");
      assertThat(declined.reason()).isEqualTo("pre-receive hook declined");
      assertThat(declined.remoteMessages())
          .contains("prod is frozen until 2026-12-08 (change CHG-42)");
      // one push, no rebuild, no backoff
      assertThat(lines(runs)).isEqualTo(1);
      assertThat(edits).hasValue(1);
      assertThat(waits).isEmpty();
      assertThat(Repos.git(served.resolve(repo), "rev-parse", "main")).isEqualTo(before);

      // a tag is declined the same way
      assertThatThrownBy(() -> w.tag(url, "v9.9.9", "main", "frozen", BOT))
          .isInstanceOf(GitException.PushDeclined.class)
          .hasMessageContaining("refs/tags/v9.9.9")
          .hasMessageContaining("prod is frozen");
      assertThat(lines(runs)).isEqualTo(2);
    }
  }

  @Test
  void aPushThatLosesTheRefToAnotherPushOnTheServerIsReplayed(@TempDir Path work)
      throws Exception {
    // the remote moves after it advertised main and before it updates it: git receive-pack
    // then refuses with "failed to update ref" (cannot lock ref ... is at X but expected Y),
    // which is the remote having moved, so the commit is rebuilt and pushed again
    String repo = newRepo();
    String url = daemon.url(repo);
    Path dir = served.resolve(repo);
    String before = Repos.git(dir, "rev-parse", "main");
    String concurrent = pushConcurrently(repo, "dev moved during the push");
    Repos.git(dir, "update-ref", "refs/heads/main", before);
    Path hook = Files.createDirectories(dir.resolve("hooks")).resolve("pre-receive");
    Files.writeString(hook, "#!/bin/sh\n"
        + "cat >/dev/null\n"
        + "echo run >> pre-receive.runs\n"
        + "if [ ! -e moved ]; then\n"
        + "  touch moved\n"
        + "  env -u GIT_QUARANTINE_PATH -u GIT_OBJECT_DIRECTORY"
        + " -u GIT_ALTERNATE_OBJECT_DIRECTORIES git update-ref refs/heads/main " + concurrent
        + " " + before + " || exit 2\n"
        + "fi\n"
        + "exit 0\n");
    assertThat(hook.toFile().setExecutable(true)).isTrue();
    try (GitWriter w = writer(work)) {
      CommitResult r = w.commit(new CommitRequest(url, "main", List.of(
          FileChange.edit("envs/prod/web/values.yaml", t -> t.replace("1.4.0", "1.5.0"))),
          "prod: web 1.5.0", BOT, BOT));
      assertThat(r.attempts()).isEqualTo(2);
      assertThat(r.parent()).isEqualTo(concurrent);
      assertThat(lines(dir.resolve("pre-receive.runs"))).isEqualTo(2);
      assertThat(Repos.git(dir, "show", "main:envs/dev/web/values.yaml"))
          .isEqualTo("dev moved during the push");
      assertThat(Repos.git(dir, "show", "main:envs/prod/web/values.yaml")).contains("1.5.0");
    }
  }

  @Test
  void neitherResultsNorErrorsCarryFileContents(@TempDir Path work) throws Exception {
    String secretA = "hunter2-Pa55w0rd-AAAA";
    String secretB = "hunter2-Pa55w0rd-BBBB";
    String url = daemon.url(newRepo());
    List<Object> seen = new java.util.ArrayList<>();
    try (GitWriter w = writer(work)) {
      CommitRequest a = new CommitRequest(url, "main", List.of(
          FileChange.put("envs/prod/db/values.yaml", "password: " + secretA + "\n")),
          "prod: db password", BOT, BOT);
      CommitResult first = w.commit(a);
      seen.add(a);
      seen.add(first);
      seen.add(w.commit(new CommitRequest(url, "main", List.of(FileChange.edit(
          "envs/prod/db/values.yaml", t -> t.replace(secretA, secretB))), "rotate", BOT, BOT)));
      // reverting the first change conflicts with the second: the path, not the lines
      Throwable conflict = org.assertj.core.api.Assertions.catchThrowable(
          () -> w.revert(url, "main", first.commit(), BOT, BOT, null));
      assertThat(conflict).isInstanceOf(GitException.Conflict.class)
          .hasMessageContaining("envs/prod/db/values.yaml");
      seen.add(conflict);
      seen.add(org.assertj.core.api.Assertions.catchThrowable(() -> w.commit(new CommitRequest(
          url, "main", List.of(FileChange.put("envs/prod/db/values.yaml", secretA),
              FileChange.edit("envs/prod/db/missing.yaml", t -> secretB)), "m", BOT, BOT))));
    }
    // a declined push names the ref; the server's own words are passed on, ours are not
    String declinedRepo = newRepo();
    declineEveryPush(declinedRepo, "no pushes today");
    try (GitWriter w = writer(base.resolve("work-" + declinedRepo))) {
      Throwable declined = org.assertj.core.api.Assertions.catchThrowable(() -> w.commit(
          new CommitRequest(daemon.url(declinedRepo), "main", List.of(FileChange.put(
              "envs/prod/db/values.yaml", "password: " + secretA + "\n")), "db", BOT, BOT)));
      assertThat(declined).isInstanceOf(GitException.PushDeclined.class)
          .hasMessageContaining("no pushes today");
      seen.add(declined);
    }
    assertThat(seen).hasSize(6);
    for (Object o : seen) {
      if (o instanceof Throwable) {
        assertThat((Throwable) o).isInstanceOf(GitException.class);
        HttpsTransportTest.assertNowhere((Throwable) o, "hunter2");
      } else {
        assertThat(o.toString()).doesNotContain("hunter2");
      }
    }
  }

  /** Moves the remote's main by committing straight into the served repository. */
  private static String pushConcurrently(String repo, String devValues) {
    try (Repository r = new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
        .setGitDir(served.resolve(repo).toFile()).setMustExist(true).build()) {
      return Repos.commit(r, "main", Map.of(
          "envs/dev/web/values.yaml", devValues,
          "envs/prod/web/values.yaml", "image:\n  tag: 1.4.0\n",
          "envs/prod/web/old.yaml", "x: 1\n"), "concurrent");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void revertsACommitAndReportsConflicts(@TempDir Path work, @TempDir Path cache)
      throws Exception {
    String repo = newRepo();
    String url = daemon.url(repo);
    try (GitWriter w = writer(work); GitSource git = GitSource.builder().cacheDirectory(cache)
        .build()) {
      CommitResult bump = w.commit(new CommitRequest(url, "main", List.of(
          FileChange.edit("envs/prod/web/values.yaml", t -> t.replace("1.4.0", "2.0.0"))),
          "prod: web 2.0.0", BOT, BOT));
      CommitResult other = w.commit(new CommitRequest(url, "main", List.of(
          FileChange.put("envs/dev/web/values.yaml", "image:\n  tag: 9\n")), "dev", BOT, BOT));
      CommitResult revert = w.revert(url, "main", bump.commit(), ALICE, BOT, null);
      assertThat(revert.parent()).isEqualTo(other.commit());
      FileTree all = git.resolve(new SourceRef(url, "envs", "main")).files();
      assertThat(text(all, "prod/web/values.yaml")).isEqualTo("image:\n  tag: 1.4.0\n");
      assertThat(text(all, "dev/web/values.yaml")).isEqualTo("image:\n  tag: 9\n");
      assertThat(remoteCommit(repo, revert.commit()).getFullMessage())
          .isEqualTo("Revert \"prod: web 2.0.0\"\n\nThis reverts commit " + bump.commit() + ".\n");

      CommitResult dev2 = w.commit(new CommitRequest(url, "main", List.of(
          FileChange.put("envs/dev/web/values.yaml", "image:\n  tag: 10\n")), "dev 10", BOT, BOT));
      w.commit(new CommitRequest(url, "main", List.of(
          FileChange.put("envs/dev/web/values.yaml", "image:\n  tag: 11\n")), "dev 11", BOT, BOT));
      assertThatThrownBy(() -> w.revert(url, "main", dev2.commit(), BOT, BOT, null))
          .isInstanceOf(GitException.Conflict.class)
          .hasMessageContaining("envs/dev/web/values.yaml");
    }
  }

  @Test
  void createsTagsAndNeverMovesAnExistingOne(@TempDir Path work, @TempDir Path cache)
      throws Exception {
    String repo = newRepo();
    String url = daemon.url(repo);
    try (GitWriter w = writer(work); GitSource git = GitSource.builder().cacheDirectory(cache)
        .build()) {
      String head = git.resolveRevision(url, "main").commit();
      TagResult annotated = w.tag(url, "v1.0.0", "main", "first release", BOT);
      TagResult light = w.tag(url, "v1.0.1", head, null, BOT);
      assertThat(annotated.annotated()).isTrue();
      assertThat(light.object()).isEqualTo(head);
      assertThat(git.resolveRevision(url, "^1.0.0").ref()).isEqualTo("refs/tags/v1.0.1");
      try (Repository r = new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
          .setGitDir(served.resolve(repo).toFile()).build(); RevWalk walk = new RevWalk(r)) {
        RevTag tag = walk.parseTag(r.exactRef("refs/tags/v1.0.0").getObjectId());
        assertThat(tag.getFullMessage()).isEqualTo("first release\n");
        assertThat(tag.getObject().name()).isEqualTo(head);
      }
      assertThatThrownBy(() -> w.tag(url, "v1.0.0", head, "again", BOT))
          .isInstanceOf(GitException.PushRejected.class).hasMessageContaining("already exists");
    }
  }

  @Test
  void badRequestsFailFast(@TempDir Path work) throws Exception {
    String url = daemon.url(newRepo());
    try (GitWriter w = writer(work)) {
      assertThatThrownBy(() -> w.commit(new CommitRequest(url, "main",
          List.of(FileChange.put("../escape.yaml", "x")), "m", BOT, BOT)))
          .isInstanceOf(GitException.UnsafeContent.class);
      assertThatThrownBy(() -> w.commit(new CommitRequest(url, "nope",
          List.of(FileChange.put("a.yaml", "x")), "m", BOT, BOT)))
          .isInstanceOf(GitException.RevisionNotFound.class);
      assertThatThrownBy(() -> w.commit(new CommitRequest(url, "main",
          List.of(FileChange.delete("missing.yaml")), "m", BOT, BOT)))
          .isInstanceOf(GitException.Conflict.class);
    }
  }
  @Test
  void pathsGitWouldRefuseOrThatReplaceADirectoryAreRefused(@TempDir Path work) throws Exception {
    String repo = newRepo();
    String url = daemon.url(repo);
    try (GitWriter w = writer(work)) {
      for (String bad : List.of(".git/hooks/post-checkout", "envs/.GIT/config", "/etc/x.yaml")) {
        assertThatThrownBy(() -> w.commit(new CommitRequest(url, "main",
            List.of(FileChange.put(bad, "x")), "m", BOT, BOT)))
            .as(bad).isInstanceOf(GitException.UnsafeContent.class).hasMessageContaining(bad);
      }
      // a file put where a directory is (or under a file) would silently drop the other side
      assertThatThrownBy(() -> w.commit(new CommitRequest(url, "main",
          List.of(FileChange.put("envs/prod", "x")), "m", BOT, BOT)))
          .isInstanceOf(GitException.Conflict.class).hasMessageContaining("envs/prod");
      assertThatThrownBy(() -> w.commit(new CommitRequest(url, "main",
          List.of(FileChange.put("envs/prod/web/values.yaml/x", "x")), "m", BOT, BOT)))
          .isInstanceOf(GitException.Conflict.class)
          .hasMessageContaining("envs/prod/web/values.yaml");
    }
  }
  @Test
  void anEditOfAFileThatIsNotUtf8TextIsRefusedNotCorrupted(@TempDir Path work) throws Exception {
    String repo = newRepo();
    String url = daemon.url(repo);
    byte[] latin1 = "tag: 1.4.0\nname: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    try (GitWriter w = writer(work)) {
      String before = w.commit(new CommitRequest(url, "main",
          List.of(FileChange.put("envs/prod/web/latin1.yaml", latin1)), "m", BOT, BOT)).commit();
      assertThatThrownBy(() -> w.commit(new CommitRequest(url, "main",
          List.of(FileChange.edit("envs/prod/web/latin1.yaml", t -> t.replace("1.4.0", "1.4.1"))),
          "m", BOT, BOT)))
          .isInstanceOf(GitException.Conflict.class)
          .hasMessageContaining("envs/prod/web/latin1.yaml").hasMessageContaining("UTF-8");
      try (Repository r = new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
          .setGitDir(served.resolve(repo).toFile()).setMustExist(true).build()) {
        assertThat(r.exactRef("refs/heads/main").getObjectId().name()).isEqualTo(before);
      }
    }
  }
  @Test
  void changesToTheSamePathApplyInOrder(@TempDir Path work, @TempDir Path cache)
      throws Exception {
    String url = daemon.url(newRepo());
    try (GitWriter w = writer(work); GitSource git = GitSource.builder().cacheDirectory(cache)
        .build()) {
      w.commit(new CommitRequest(url, "main", List.of(
          FileChange.edit("envs/prod/web/values.yaml", t -> t.replace("1.4.0", "1.4.1")),
          FileChange.edit("envs/prod/web/values.yaml", t -> t + "replicas: 3\n"),
          FileChange.put("envs/prod/web/new.yaml", "a: 1\n"),
          FileChange.edit("envs/prod/web/new.yaml", t -> t.replace("1", "2")),
          FileChange.delete("envs/prod/web/old.yaml"),
          FileChange.put("envs/prod/web/old.yaml", "back: true\n")), "m", BOT, BOT));
      FileTree prod = git.resolve(new SourceRef(url, "envs/prod/web", "main")).files();
      assertThat(text(prod, "values.yaml")).isEqualTo("image:\n  tag: 1.4.1\nreplicas: 3\n");
      assertThat(text(prod, "new.yaml")).isEqualTo("a: 2\n");
      assertThat(text(prod, "old.yaml")).isEqualTo("back: true\n");
      assertThatThrownBy(() -> w.commit(new CommitRequest(url, "main", List.of(
          FileChange.delete("envs/prod/web/new.yaml"),
          FileChange.edit("envs/prod/web/new.yaml", t -> t)), "m", BOT, BOT)))
          .isInstanceOf(GitException.Conflict.class).hasMessageContaining("no such file");
    }
  }
}
