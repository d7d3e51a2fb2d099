package io.gitopskit.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FileTreeTest {

  private final FileTree tree = FileTree.ofStrings(Map.of(
      "base/a.yaml", "a", "base/sub/b.yml", "b", "c.json", "c", "notes.txt", "n",
      "lib.jsonnet", "j", "base/.git/x.yaml", "g"));

  @Test
  void pathsAreSortedAndNormalized_andContentsCopied() {
    assertThat(tree.paths()).isSorted();
    assertThat(FileTree.ofStrings(Map.of("./x/../y.yaml", "y")).paths()).containsExactly("y.yaml");
    byte[] bytes = tree.read("c.json");
    bytes[0] = 'z';
    assertThat(new String(tree.read("c.json"))).isEqualTo("c");
    assertThat(tree.totalSize()).isEqualTo(6);
    assertThatThrownBy(() -> tree.read("missing")).isInstanceOf(SourceException.class);
    assertThatThrownBy(() -> FileTree.ofStrings(Map.of("../x", "")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(tree.subtree("base").paths()).containsExactly(".git/x.yaml", "a.yaml", "sub/b.yml");
  }

  @Test
  void directoryOptions_followArgoCdRules() {
    FileTree t = FileTree.ofStrings(Map.of("a.yaml", "", "b.yml", "", "c.json", "", "d.txt", "",
        "sub/e.yaml", "", "sub/deeper/f.yaml", "", "env-usw2/g.yaml", "", ".git/h.yaml", ""));
    assertThat(DirectoryOptions.defaults().select(t)).containsExactly("a.yaml", "b.yml", "c.json");
    DirectoryOptions recurse = DirectoryOptions.defaults().withRecurse(true);
    assertThat(recurse.select(t)).containsExactly("a.yaml", "b.yml", "c.json",
        "env-usw2/g.yaml", "sub/deeper/f.yaml", "sub/e.yaml");
    assertThat(recurse.withInclude("*.yaml").select(t))
        .containsExactly("a.yaml", "env-usw2/g.yaml", "sub/deeper/f.yaml", "sub/e.yaml");
    assertThat(recurse.withExclude("{c.json,env-usw2/*}").select(t))
        .containsExactly("a.yaml", "b.yml", "sub/deeper/f.yaml", "sub/e.yaml");
    assertThat(recurse.withInclude("sub/*").withExclude("*deeper*").select(t))
        .as("exclude wins over include").containsExactly("sub/e.yaml");
    assertThat(DirectoryOptions.defaults().withDisableExtensionFilter(true).select(t))
        .containsExactly("a.yaml", "b.yml", "c.json", "d.txt");
  }

  @Test
  void jsonnet_isRefusedRatherThanSilentlySkipped() {
    assertThatThrownBy(() -> DirectoryOptions.defaults().select(tree))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("lib.jsonnet").hasMessageContaining("Jsonnet is not supported");
    assertThat(DirectoryOptions.defaults().withExclude("*.jsonnet").select(tree))
        .isEqualTo(List.of("c.json"));
  }
}
