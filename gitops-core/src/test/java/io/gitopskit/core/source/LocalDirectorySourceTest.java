package io.gitopskit.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDirectorySourceTest {

  @TempDir Path tmp;

  private Path repo() throws IOException {
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    Files.createDirectories(repo.resolve("apps/web/sub"));
    Files.writeString(repo.resolve("apps/web/a.yaml"), "a");
    Files.writeString(repo.resolve("apps/web/sub/b.yaml"), "b");
    Files.writeString(repo.resolve("apps/other.yaml"), "o");
    Files.createDirectories(repo.resolve("apps/web/.git"));
    Files.writeString(repo.resolve("apps/web/.git/config"), "x");
    return repo;
  }

  @Test
  void resolve_snapshotsTheAppPath_withAContentRevision() throws IOException {
    Path repo = repo();
    ResolvedSource r = LocalDirectorySource.create().resolve(SourceRef.of(repo.toString(), "apps/web"));
    assertThat(r.files().paths()).containsExactly("a.yaml", "sub/b.yaml");
    assertThat(new String(r.files().read("sub/b.yaml"))).isEqualTo("b");
    assertThat(r.revision()).startsWith("sha256:").hasSize(71);
    ResolvedSource again =
        LocalDirectorySource.create().resolve(SourceRef.of("file://" + repo, "apps/./web/"));
    assertThat(again.revision()).isEqualTo(r.revision());
    Files.writeString(repo.resolve("apps/web/a.yaml"), "changed");
    assertThat(LocalDirectorySource.create().resolve(SourceRef.of(repo.toString(), "apps/web"))
        .revision()).isNotEqualTo(r.revision());
    assertThat(new String(r.files().read("a.yaml"))).as("snapshot is pinned").isEqualTo("a");
  }

  @Test
  void symlinksInsideTheRoot_areFollowed() throws IOException {
    Path repo = repo();
    Files.createSymbolicLink(repo.resolve("apps/web/link.yaml"), Path.of("../other.yaml"));
    Files.createSymbolicLink(repo.resolve("apps/web/dirlink"), Path.of("sub"));
    ResolvedSource r = LocalDirectorySource.create().resolve(SourceRef.of(repo.toString(), "apps/web"));
    assertThat(r.files().paths()).contains("link.yaml", "dirlink/b.yaml");
    assertThat(new String(r.files().read("link.yaml"))).isEqualTo("o");
  }

  @Test
  void symlinksLeavingTheRoot_areRefused() throws IOException {
    Path repo = repo();
    Path outside = Files.writeString(tmp.resolve("passwd"), "root:x:0:0");
    Files.createSymbolicLink(repo.resolve("apps/web/evil.yaml"), Path.of("../../../passwd"));
    assertThatThrownBy(() -> LocalDirectorySource.create()
        .resolve(SourceRef.of(repo.toString(), "apps/web")))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("out of bounds symlink \"evil.yaml\"")
        .hasMessageNotContaining("root:x");
    assertThat(outside).exists();
  }

  @Test
  void absoluteSymlinks_areRefusedEvenWhenTheyPointInside() throws IOException {
    Path repo = repo();
    Files.createSymbolicLink(repo.resolve("apps/web/abs.yaml"),
        repo.resolve("apps/other.yaml").toAbsolutePath());
    assertThatThrownBy(() -> LocalDirectorySource.create()
        .resolve(SourceRef.of(repo.toString(), "apps/web")))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("absolute target");
  }

  @Test
  void pathTraversal_isRefused() throws IOException {
    Path repo = repo();
    assertThatThrownBy(() -> LocalDirectorySource.create()
        .resolve(SourceRef.of(repo.toString(), "../")))
        .isInstanceOf(SourceException.class).hasMessageContaining("escapes the source root");
    assertThatThrownBy(() -> LocalDirectorySource.create()
        .resolve(SourceRef.of(repo.toString(), "apps/../../etc")))
        .isInstanceOf(SourceException.class).hasMessageContaining("escapes the source root");
    assertThatThrownBy(() -> LocalDirectorySource.create()
        .resolve(SourceRef.of(repo.toString(), "/etc")))
        .isInstanceOf(SourceException.class).hasMessageContaining("must be relative");
  }

  @Test
  void appPathThroughASymlinkOutside_isRefused() throws IOException {
    Path repo = repo();
    Files.createDirectories(tmp.resolve("elsewhere"));
    Files.createSymbolicLink(repo.resolve("apps/escape"), tmp.resolve("elsewhere"));
    assertThatThrownBy(() -> LocalDirectorySource.create()
        .resolve(SourceRef.of(repo.toString(), "apps/escape")))
        .isInstanceOf(SourceException.class).hasMessageContaining("outside the source root");
  }

  @Test
  void sizeCap_failsTheWholeSnapshot() throws IOException {
    Path repo = repo();
    Files.writeString(repo.resolve("apps/web/big.yaml"), "x".repeat(2000));
    assertThatThrownBy(() -> LocalDirectorySource.withMaxBytes(1000)
        .resolve(SourceRef.of(repo.toString(), "apps/web")))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("size cap of 1000 bytes at \"big.yaml\"");
  }

  @Test
  void revisionsOtherThanHead_andMissingDirectories_areErrors() throws IOException {
    Path repo = repo();
    assertThatThrownBy(() -> LocalDirectorySource.create()
        .resolve(new SourceRef(repo.toString(), "apps", "v1.0.0")))
        .isInstanceOf(SourceException.class).hasMessageContaining("no history");
    assertThatThrownBy(() -> LocalDirectorySource.create()
        .resolve(SourceRef.of(repo.toString(), "missing")))
        .isInstanceOf(SourceException.class);
    assertThatThrownBy(() -> LocalDirectorySource.create()
        .resolve(SourceRef.of(tmp.resolve("nope").toString(), "")))
        .isInstanceOf(SourceException.class);
  }
}
