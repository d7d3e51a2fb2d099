package io.gitopskit.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.gitopskit.core.source.ResolvedSource;
import io.gitopskit.core.source.SourceRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SSH over JGit's Apache MINA transport against an sshd server started by the test. */
class SshTransportTest {

  @TempDir static Path base;
  static SshGitServer server;
  static KeyPair clientKey;
  static String privateKey;
  static String commit;

  @BeforeAll
  static void start() throws Exception {
    Path served = Files.createDirectories(base.resolve("served"));
    try (Repository r = Repos.bare(served.resolve("apps.git"))) {
      commit = Repos.commit(r, "main", Map.of("app/cm.yaml", GitSourceTest.CM), "one");
    }
    clientKey = SshGitServer.newKey();
    privateKey = SshGitServer.openSsh(clientKey);
    server = SshGitServer.start(served, clientKey.getPublic());
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static GitSource source(Path cache, RepoCredentials... creds) {
    return GitSource.builder().cacheDirectory(cache).retry(RetryPolicy.none())
        .credentials(creds).build();
  }

  @Test
  void readsOverSshWithAKeyAndAKnownHost(@TempDir Path cache) {
    String prefix = "ssh://git@127.0.0.1:" + server.port() + "/";
    try (GitSource git = source(cache,
        RepoCredentials.ssh(prefix, privateKey, server.knownHostsLine()))) {
      ResolvedSource src = git.resolve(SourceRef.of(server.url("apps.git"), "app"));
      assertThat(src.revision()).isEqualTo(commit);
      assertThat(src.files().paths()).containsExactly("cm.yaml");
    }
  }

  @Test
  void anUnknownHostKeyIsRefused(@TempDir Path cache) throws Exception {
    String otherHost = "[127.0.0.1]:" + server.port() + " "
        + org.apache.sshd.common.config.keys.PublicKeyEntry.toString(
            SshGitServer.newKey().getPublic());
    try (GitSource git = source(cache,
        RepoCredentials.ssh(server.url(""), privateKey, otherHost))) {
      Throwable t = catchThrowable(() -> git.resolve(SourceRef.of(server.url("apps.git"), "app")));
      assertThat(t).isInstanceOf(GitException.AuthenticationFailed.class);
      assertNoSecret(t);
    }
  }

  @Test
  void aWrongClientKeyIsRefusedWithoutShowingIt(@TempDir Path cache) throws Exception {
    String wrong = SshGitServer.openSsh(SshGitServer.newKey());
    try (GitSource git = source(cache,
        RepoCredentials.ssh(server.url(""), wrong, server.knownHostsLine()))) {
      Throwable t = catchThrowable(() -> git.resolve(SourceRef.of(server.url("apps.git"), "app")));
      assertThat(t).isInstanceOf(GitException.AuthenticationFailed.class)
          .hasMessageContaining(server.url("apps.git"));
      assertNoSecret(t, wrong);
    }
  }

  @Test
  void anSshUrlWithoutCredentialsIsAnAuthenticationFailure(@TempDir Path cache) {
    try (GitSource git = source(cache)) {
      Throwable t = catchThrowable(() -> git.resolve(SourceRef.of(server.url("apps.git"), "app")));
      assertThat(t).isInstanceOf(GitException.AuthenticationFailed.class)
          .hasMessageContaining("no SSH credentials");
    }
  }

  @Test
  void credentialsNeverShowTheirSecrets() {
    RepoCredentials ssh = RepoCredentials.ssh("ssh://h/", privateKey, server.knownHostsLine());
    RepoCredentials https = RepoCredentials.https("https://h/", "bot", "tok-123456");
    assertThat(ssh.toString()).doesNotContain(privateKey.lines().skip(1).findFirst().get());
    assertThat(https.toString()).doesNotContain("tok-123456").contains("bot");
  }

  private static void assertNoSecret(Throwable t, String... more) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      String text = c.toString();
      for (String line : privateKey.lines().toList()) {
        if (line.length() > 20) {
          assertThat(text).doesNotContain(line);
        }
      }
      for (String s : more) {
        for (String line : s.lines().toList()) {
          if (line.length() > 20) {
            assertThat(text).doesNotContain(line);
          }
        }
      }
    }
  }
}
