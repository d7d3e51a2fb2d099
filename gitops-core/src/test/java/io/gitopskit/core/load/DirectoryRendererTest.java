package io.gitopskit.core.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.model.ManifestSet;
import io.gitopskit.core.model.ResourceKey;
import io.gitopskit.core.source.DirectoryOptions;
import io.gitopskit.core.source.FileTree;
import io.gitopskit.core.source.LocalDirectorySource;
import io.gitopskit.core.source.RenderParameters;
import io.gitopskit.core.source.SourceException;
import io.gitopskit.core.source.SourceRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryRendererTest {

  static String cm(String name) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n";
  }

  private final FileTree tree = FileTree.ofStrings(Map.of(
      "b.yaml", cm("b"),
      "a.yaml", cm("a") + "---\n" + cm("a2"),
      "c.json", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"}}",
      "sub/d.yaml", cm("d"),
      "README.md", "# not a manifest"));

  @Test
  void rendersInPathThenDocumentOrder() {
    ManifestSet set = DirectoryRenderer.create().render(tree, RenderParameters.none());
    assertThat(set.keys()).extracting(ResourceKey::name).containsExactly("a", "a2", "b", "c");
    assertThat(set.asList().get(1).origin().orElseThrow().file()).isEqualTo("a.yaml");
  }

  @Test
  void parametersOverrideOptions() {
    ManifestSet set = DirectoryRenderer.create().render(tree, RenderParameters.of(Map.of(
        DirectoryRenderer.RECURSE, "true", DirectoryRenderer.EXCLUDE, "{a.yaml,c.json}")));
    assertThat(set.keys()).extracting(ResourceKey::name).containsExactly("b", "d");
    assertThatThrownBy(() -> DirectoryRenderer.create().render(tree,
        RenderParameters.of(Map.of(DirectoryRenderer.RECURSE, "yes"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void oneBadFile_failsTheRender_namingTheFile() {
    FileTree bad = FileTree.ofStrings(Map.of("good.yaml", cm("g"), "bad.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n"));
    assertThatThrownBy(() -> DirectoryRenderer.create().render(bad, RenderParameters.none()))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("bad.yaml:3:11 (document 1)")
        .hasMessageContaining("metadata.name: is required");
  }

  @Test
  void duplicatesAcrossFiles_nameBothFiles() {
    FileTree dup = FileTree.ofStrings(Map.of("one.yaml", cm("x"), "two.yaml", cm("x")));
    assertThatThrownBy(() -> DirectoryRenderer.create().render(dup, RenderParameters.none()))
        .hasMessageContaining("one.yaml:1:1").hasMessageContaining("two.yaml:1:1");
  }

  @Test
  void totalBytesOfSelectedFiles_areCapped() {
    ManifestLoader small = ManifestLoader.withLimits(LoadLimits.defaults().withMaxTotalBytes(100));
    assertThatThrownBy(() -> small.load(tree, DirectoryOptions.defaults()))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("exceed the limit of 100 bytes");
  }

  @Test
  void loadDirectory_usesTheSafeSnapshot(@TempDir Path tmp) throws IOException {
    Files.writeString(tmp.resolve("a.yaml"), cm("a"));
    Files.writeString(tmp.resolve("secret"), "outside");
    Path app = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(app.resolve("ok.yaml"), cm("ok"));
    assertThat(ManifestLoader.defaults().loadDirectory(app, DirectoryOptions.defaults()).size())
        .isEqualTo(1);
    Files.createSymbolicLink(app.resolve("leak.yaml"), Path.of("../secret"));
    assertThatThrownBy(() -> ManifestLoader.defaults().loadDirectory(app, DirectoryOptions.defaults()))
        .isInstanceOf(SourceException.class).hasMessageContaining("out of bounds symlink");
    FileTree files = LocalDirectorySource.create().resolve(SourceRef.of(tmp.toString(), "")).files();
    assertThat(DirectoryRenderer.create().render(files, RenderParameters.none()).size()).isEqualTo(1);
  }
}
