package io.gitopskit.testkit.git;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.load.ManifestWriter;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ManifestSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestGitRepoTest {

  private static final String DEPLOY = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: prod
      spec:
        replicas: 2
      """;

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path tmp;

  @Test
  void commit_logAndRead_roundTrip() throws IOException {
    ManifestSet set = ManifestLoader.defaults().loadYaml(DEPLOY, "deploy.yaml");
    Manifest deploy = set.asList().get(0);
    try (TestGitRepo repo = TestGitRepo.create()) {
      assertThat(repo.log()).isEmpty();
      assertThat(repo.read("app/deploy.yaml")).isEmpty();
      Commit first = repo.yaml("app/deploy.yaml", deploy).file("README.md", "hello\n")
          .commit("first");
      Commit second = repo.yaml("app/all.yaml", set).yaml("app/raw.yaml", "a: [\n")
          .file("bin.dat", new byte[] {0, 1, 2, (byte) 0xff}).commit("second\n\nbody");

      assertThat(repo.log()).containsExactly(second, first);
      assertThat(repo.head()).isEqualTo(second.sha());
      assertThat(first.parents()).isEmpty();
      assertThat(second.parents()).containsExactly(first.sha());
      assertThat(first.message()).isEqualTo("first\n");
      assertThat(second.subject()).isEqualTo("second");
      assertThat(second.shortSha()).isEqualTo(second.sha().substring(0, 7));
      assertThat(first.author()).isEqualTo(TestGitRepo.DEFAULT_IDENTITY);
      assertThat(first.committer()).isEqualTo(TestGitRepo.DEFAULT_IDENTITY);
      assertThat(first.time()).isEqualTo(T0);
      assertThat(second.time()).isEqualTo(T0.plusSeconds(1));

      assertThat(repo.read("app/deploy.yaml")).contains(ManifestWriter.toYaml(deploy));
      assertThat(ManifestLoader.defaults().loadYaml(repo.read("app/all.yaml").orElseThrow(), "x"))
          .isEqualTo(set);
      assertThat(repo.read("app/raw.yaml")).contains("a: [\n");
      assertThat(repo.readBytes("HEAD", "bin.dat")).hasValueSatisfying(
          b -> assertThat(b).containsExactly(0, 1, 2, 0xff));
      assertThat(repo.read(first.sha(), "app/raw.yaml")).isEmpty();
      assertThat(repo.read("app")).as("a directory is not a file").isEmpty();
      assertThat(repo.log(first.sha())).containsExactly(first);
      assertThat(Files.readString(repo.dir().resolve("README.md"))).isEqualTo("hello\n");
    }
  }

  @Test
  void branchesAndTags_resolve() throws IOException {
    try (TestGitRepo repo = TestGitRepo.builder().initialBranch("trunk").create()) {
      String base = repo.file("a.txt", "base").commit("base").sha();
      repo.branch("feature").tag("v1").checkout("feature");
      assertThat(repo.currentBranch()).contains("feature");
      String feature = repo.file("a.txt", "feature").commit("on feature").sha();

      assertThat(repo.resolve("trunk")).contains(base);
      assertThat(repo.resolve("refs/heads/trunk")).contains(base);
      assertThat(repo.resolve("feature")).contains(feature);
      assertThat(repo.resolve("v1")).contains(base);
      assertThat(repo.resolve("HEAD~1")).contains(base);
      assertThat(repo.resolve(feature.substring(0, 10))).contains(feature);
      assertThat(repo.resolve("nope")).isEmpty();
      assertThat(repo.read("trunk", "a.txt")).contains("base");
      assertThat(repo.log("feature")).extracting(Commit::sha).containsExactly(feature, base);

      repo.checkout("trunk");
      assertThat(repo.currentBranch()).contains("trunk");
      assertThat(Files.readString(repo.dir().resolve("a.txt"))).isEqualTo("base");
      repo.checkout("v1");
      assertThat(repo.currentBranch()).as("detached at a tag").isEmpty();
      assertThat(repo.head()).isEqualTo(base);

      assertThatThrownBy(() -> repo.branch("feature")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> repo.tag("v1")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> repo.checkout("missing"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> repo.log("missing")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> repo.read("missing", "a.txt"))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void annotatedTag_isATagObjectPeelingToTheCommit() throws Exception {
    try (TestGitRepo repo = TestGitRepo.create()) {
      String sha = repo.file("a.txt", "a").commit("a").sha();
      repo.annotatedTag("v1.0.0", "release 1").tag("light");

      assertThat(repo.resolve("v1.0.0")).contains(sha);
      assertThat(cli(repo.dir(), "cat-file", "-t", "v1.0.0")).isEqualTo("tag\n");
      assertThat(cli(repo.dir(), "cat-file", "-t", "light")).isEqualTo("commit\n");
      assertThat(cli(repo.dir(), "cat-file", "-p", "v1.0.0"))
          .contains("object " + sha)
          .contains("tagger GitOpsKit Test <test@gitopskit.io> "
              + T0.plusSeconds(1).getEpochSecond() + " +0000")
          .contains("release 1");
      assertThat(repo.file("b.txt", "b").commit("b").time())
          .as("the tag took one clock tick").isEqualTo(T0.plusSeconds(2));
    }
  }

  @Test
  void revert_restoresContent() {
    try (TestGitRepo repo = TestGitRepo.create()) {
      repo.file("cm.yaml", "v: 1\n").file("keep.txt", "k").commit("one");
      Commit change = repo.file("cm.yaml", "v: 2\n").file("added.txt", "x").commit("two");
      repo.file("keep.txt", "k2").commit("three");

      Commit revert = repo.revert(change.sha());

      assertThat(repo.read("cm.yaml")).contains("v: 1\n");
      assertThat(repo.read("added.txt")).isEmpty();
      assertThat(repo.read("keep.txt")).contains("k2");
      assertThat(repo.dir().resolve("added.txt")).doesNotExist();
      assertThat(revert.message())
          .isEqualTo("Revert \"two\"\n\nThis reverts commit " + change.sha() + ".\n");
      assertThat(revert.author()).isEqualTo(TestGitRepo.DEFAULT_IDENTITY);
      assertThat(revert.committer()).isEqualTo(TestGitRepo.DEFAULT_IDENTITY);
      assertThat(revert.time()).isEqualTo(T0.plusSeconds(3));
      assertThat(revert.parents()).containsExactly(repo.log().get(1).sha());
      assertThat(repo.head()).isEqualTo(revert.sha());
      assertThatThrownBy(() -> repo.revert(repo.log().get(3).sha()))
          .as("root commit").isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void revert_conflicting_isRefusedAndLeavesHeadClean() throws Exception {
    try (TestGitRepo repo = TestGitRepo.create()) {
      repo.file("a.txt", "1\n").commit("one");
      Commit two = repo.file("a.txt", "2\n").commit("two");
      Commit three = repo.file("a.txt", "3\n").commit("three");

      assertThatThrownBy(() -> repo.revert(two.sha())).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("conflicts");
      assertThat(repo.head()).isEqualTo(three.sha());
      assertThat(Files.readString(repo.dir().resolve("a.txt"))).isEqualTo("3\n");
      assertThat(cli(repo.dir(), "status", "--porcelain")).isEmpty();
    }
  }

  @Test
  void identicalHistories_haveIdenticalShas() {
    Consumer<TestGitRepo> build = r -> {
      r.file("a.yaml", "a: 1\n").symlink("l", "a.yaml").commit("one");
      r.branch("dev").checkout("dev").delete("a.yaml").file("d/b.txt", "b").commit("two");
      r.revert("HEAD");
      r.checkout("main");
    };
    List<Commit> first;
    List<Commit> second;
    List<Commit> otherAuthor;
    List<Commit> otherClock;
    try (TestGitRepo r = TestGitRepo.create()) {
      build.accept(r);
      first = history(r);
    }
    try (TestGitRepo r = TestGitRepo.create(tmp.resolve("kept"))) {
      build.accept(r);
      second = history(r);
    }
    try (TestGitRepo r = TestGitRepo.builder().author("Other", "o@example.com").create()) {
      build.accept(r);
      otherAuthor = history(r);
    }
    Clock fixed = Clock.fixed(T0, ZoneOffset.UTC);
    try (TestGitRepo r = TestGitRepo.builder().clock(fixed).create()) {
      build.accept(r);
      otherClock = history(r);
    }
    assertThat(first).as("main, then dev").extracting(Commit::subject)
        .containsExactly("one", "Revert \"two\"", "two", "one");
    assertThat(second).isEqualTo(first);
    assertThat(otherAuthor.get(0).sha()).isNotEqualTo(first.get(0).sha());
    assertThat(otherClock.get(0).sha()).as("same first instant").isEqualTo(first.get(0).sha());
    assertThat(otherClock.get(1).sha()).isNotEqualTo(first.get(1).sha());
    assertThat(otherClock).extracting(Commit::time).containsOnly(T0);
  }

  @Test
  void commitSha_matchesTheGitCliForTheSameContentIdentityAndDate() throws Exception {
    Path cliDir = Files.createDirectories(tmp.resolve("cli"));
    cli(cliDir, "init", "-q", "-b", "main");
    Files.writeString(cliDir.resolve("a.txt"), "hello\n");
    Files.createDirectories(cliDir.resolve("d"));
    Files.writeString(cliDir.resolve("d/b.yaml"), "b: 2\n");
    cli(cliDir, "add", "-A");
    long epoch = T0.getEpochSecond();
    String date = "@" + epoch + " +0000";
    cliWithEnv(cliDir, Map.of(
        "GIT_AUTHOR_NAME", "Ada", "GIT_AUTHOR_EMAIL", "ada@example.com", "GIT_AUTHOR_DATE", date,
        "GIT_COMMITTER_NAME", "Ada", "GIT_COMMITTER_EMAIL", "ada@example.com",
        "GIT_COMMITTER_DATE", date), "commit", "-q", "-m", "first commit");
    String cliSha = cli(cliDir, "rev-parse", "HEAD").trim();

    try (TestGitRepo repo = TestGitRepo.builder().author("Ada", "ada@example.com").create()) {
      Commit c = repo.file("a.txt", "hello\n").file("d/b.yaml", "b: 2\n").commit("first commit");
      assertThat(c.sha()).isEqualTo(cliSha);
    }
  }

  @Test
  void changedPaths_areSortedAndCoverAddsDeletesAndEdits() {
    try (TestGitRepo repo = TestGitRepo.create()) {
      Commit one = repo.file("b.txt", "b").file("a.txt", "a").file("z/same.txt", "s")
          .file("dir/x.txt", "x").commit("one");
      Commit two = repo.file("a.txt", "a2").delete("b.txt").file("c/d.txt", "d")
          .delete("dir").file("z/same.txt", "s").commit("two");

      assertThat(repo.changedPaths(one.sha(), two.sha()))
          .containsExactly("a.txt", "b.txt", "c/d.txt", "dir/x.txt");
      assertThat(repo.changedPaths(two.sha(), one.sha()))
          .containsExactly("a.txt", "b.txt", "c/d.txt", "dir/x.txt");
      assertThat(repo.changedPaths(one.sha(), one.sha())).isEmpty();
      assertThat(repo.dir().resolve("dir")).doesNotExist();
      assertThat(repo.read("dir/x.txt")).isEmpty();
      assertThatThrownBy(() -> repo.delete("nothing-here"))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void symlink_isStoredAsASymlink() throws Exception {
    try (TestGitRepo repo = TestGitRepo.create()) {
      repo.file("real.yaml", "a: 1\n").symlink("link.yaml", "/etc/passwd")
          .symlink("rel", "real.yaml").commit("links");

      assertThat(cli(repo.dir(), "ls-files", "-s", "link.yaml", "rel", "real.yaml").lines())
          .satisfiesExactly(
              l -> assertThat(l).startsWith("120000 ").endsWith("\tlink.yaml"),
              l -> assertThat(l).startsWith("100644 ").endsWith("\treal.yaml"),
              l -> assertThat(l).startsWith("120000 ").endsWith("\trel"));
      assertThat(Files.isSymbolicLink(repo.dir().resolve("link.yaml"))).isTrue();
      assertThat(Files.readSymbolicLink(repo.dir().resolve("link.yaml")))
          .isEqualTo(Path.of("/etc/passwd"));
      assertThat(repo.read("link.yaml")).contains("/etc/passwd");
      assertThat(cli(repo.dir(), "status", "--porcelain")).isEmpty();

      assertThatThrownBy(() -> repo.file("rel/x", "through a link"))
          .isInstanceOf(IllegalArgumentException.class);
      repo.symlink("d", "/tmp");
      assertThatThrownBy(() -> repo.file("d/x", "through a link"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("symlink");
      repo.file("link.yaml", "now a file\n").commit("replace link");
      assertThat(cli(repo.dir(), "ls-files", "-s", "link.yaml")).startsWith("100644 ");
    }
  }

  @Test
  void log_matchesTheGitCli() throws Exception {
    try (TestGitRepo repo = TestGitRepo.create()) {
      repo.file("a", "1").commit("first");
      assertThat(repo.file("a", "2").commit("\nsecond  \n\n\n with a body\n\n").message())
          .isEqualTo("second\n\n with a body\n");
      repo.branch("side").file("b", "b").commit("third");
      repo.revert("HEAD~1");

      List<String> expected = new ArrayList<>();
      for (Commit c : repo.log()) {
        expected.add(c.sha());
        expected.add(c.subject());
      }
      assertThat(cli(repo.dir(), "log", "--format=%H%n%s").lines()).containsExactlyElementsOf(
          expected);
      assertThat(expected).hasSize(8);
      assertThat(cli(repo.dir(), "status", "--porcelain")).isEmpty();
      assertThat(cli(repo.dir(), "fsck", "--strict")).doesNotContain("error");
    }
  }

  @Test
  void clone_fromUri_readsTheFiles() throws Exception {
    try (TestGitRepo repo = TestGitRepo.create()) {
      repo.yaml("app/deploy.yaml", DEPLOY).commit("deploy");
      assertThat(repo.uri()).startsWith("file:///").doesNotEndWith("/");

      Path target = tmp.resolve("clone");
      try (Git clone = Git.cloneRepository().setURI(repo.uri()).setDirectory(target.toFile())
          .call()) {
        assertThat(clone.getRepository().resolve("HEAD").name()).isEqualTo(repo.head());
      }
      assertThat(Files.readString(target.resolve("app/deploy.yaml"))).isEqualTo(DEPLOY);
    }
  }

  @Test
  void emptyCommit_isRefusedUnlessAllowed() {
    try (TestGitRepo repo = TestGitRepo.create()) {
      assertThatThrownBy(() -> repo.commit("nothing")).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(repo::head).isInstanceOf(IllegalStateException.class);
      Commit first = repo.file("a.txt", "a").commit("a");
      assertThatThrownBy(() -> repo.commit("again")).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("nothing to commit");
      repo.file("a.txt", "a");
      assertThatThrownBy(() -> repo.commit("same content"))
          .isInstanceOf(IllegalStateException.class);

      assertThatThrownBy(() -> repo.commit(" \n\n", true))
          .isInstanceOf(IllegalArgumentException.class);
      Commit empty = repo.commit("empty on purpose", true);
      assertThat(empty.parents()).containsExactly(first.sha());
      assertThat(repo.changedPaths(first.sha(), empty.sha())).isEmpty();
    }
  }

  @Test
  void close_deletesOnlyTemporaryRepositories() throws IOException {
    Path temp;
    Files.writeString(tmp.resolve("survivor"), "x");
    try (TestGitRepo repo = TestGitRepo.create()) {
      temp = repo.dir();
      assertThat(repo.isTemporary()).isTrue();
      repo.symlink("out", tmp.toString()).commit("link out");
    }
    assertThat(temp).doesNotExist();
    assertThat(tmp.resolve("survivor")).as("the symlink's target survives").exists();

    Path kept = tmp.resolve("kept");
    TestGitRepo repo = TestGitRepo.create(kept);
    repo.file("a", "a").commit("a");
    repo.close();
    repo.close();
    assertThat(kept.resolve(".git")).isDirectory();
    assertThat(Files.readString(kept.resolve("a"))).isEqualTo("a");
    assertThatThrownBy(() -> repo.file("b", "b")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> TestGitRepo.create(kept))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not empty");
  }

  @Test
  void paths_outsideTheWorkTreeOrIntoGitDir_areRefused() {
    try (TestGitRepo repo = TestGitRepo.create()) {
      for (String bad : List.of("../x", "/etc/x", "a/../../x", ".git/config", "a/.GIT/x", "",
          "./", "a\\b")) {
        assertThatThrownBy(() -> repo.file(bad, "x")).as(bad)
            .isInstanceOf(IllegalArgumentException.class);
      }
      assertThat(repo.file("./a//b.txt", "x").commit("normalized").sha()).isNotBlank();
      assertThat(repo.read("a/b.txt")).contains("x");
      assertThatThrownBy(() -> TestGitRepo.builder().initialBranch("bad..name"))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static List<Commit> history(TestGitRepo repo) {
    List<Commit> all = new ArrayList<>(repo.log());
    all.addAll(repo.log("dev"));
    return all;
  }

  private static String cli(Path dir, String... args) throws Exception {
    return cliWithEnv(dir, Map.of(), args);
  }

  private static String cliWithEnv(Path dir, Map<String, String> env, String... args)
      throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("git %s: %s", args, out).isZero();
    return out;
  }
}
