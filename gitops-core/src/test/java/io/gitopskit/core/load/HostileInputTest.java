package io.gitopskit.core.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** One test per limit, each with an input built to break it. */
class HostileInputTest {

  private static final String HEADER = "apiVersion: v1\nkind: X\nmetadata: {name: a}\n";

  /** The classic "billion laughs": nine levels of nine aliases, 9^9 strings once expanded. */
  static String billionLaughs() {
    StringBuilder b = new StringBuilder(HEADER);
    b.append("l0: &l0 [lol]\n");
    for (int level = 1; level <= 9; level++) {
      b.append("l").append(level).append(": &l").append(level).append(" [");
      for (int i = 0; i < 9; i++) {
        b.append(i > 0 ? ", " : "").append("*l").append(level - 1);
      }
      b.append("]\n");
    }
    return b.toString();
  }

  @Test
  void yamlBomb_isStoppedByTheExpandedNodeLimit() {
    String bomb = billionLaughs();
    assertThat(bomb.length()).isLessThan(1000);
    assertThatThrownBy(() -> ManifestLoader.defaults().loadYaml(bomb, "bomb.yaml"))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("bomb.yaml:")
        .hasMessageContaining("more than 1000000 nodes");
  }

  @Test
  void aliases_areLimitedPerDocument() {
    StringBuilder b = new StringBuilder(HEADER).append("base: &b x\nlist:\n");
    for (int i = 0; i < 11; i++) {
      b.append("- *b\n");
    }
    ManifestLoader strict = ManifestLoader.withLimits(LoadLimits.defaults().withMaxAliases(10));
    assertThatThrownBy(() -> strict.loadYaml(b.toString(), "alias.yaml"))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("alias.yaml:16:3")
        .hasMessageContaining("more than 10 YAML aliases");
    assertThat(ManifestLoader.defaults().loadYaml(b.toString(), "alias.yaml").size()).isEqualTo(1);
  }

  @Test
  void deepNesting_isStoppedWithoutStackOverflow() {
    int depth = 100_000;
    String yaml = HEADER + "deep: " + "[".repeat(depth) + "]".repeat(depth) + "\n";
    assertThatThrownBy(() -> ManifestLoader.defaults().loadYaml(yaml, "deep.yaml"))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("deep.yaml:4:")
        .hasMessageContaining("nesting deeper than the limit of 128");
    String json = "{\"a\":".repeat(200) + "1" + "}".repeat(200);
    assertThatThrownBy(() -> ManifestLoader.defaults().loadJson(json, "deep.json"))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("deep.json:1:");
  }

  @Test
  void nestingWithinTheLimit_isAccepted() {
    ManifestLoader loader = ManifestLoader.withLimits(LoadLimits.defaults().withMaxDepth(8));
    assertThat(loader.loadYaml(HEADER + "a: {b: {c: [1]}}\n", "ok.yaml").size()).isEqualTo(1);
    assertThatThrownBy(() -> loader.loadYaml(HEADER + "a: {b: {c: [{d: {e: {f: {g: {h: 1}}}}}]}}\n",
        "no.yaml")).hasMessageContaining("nesting deeper than the limit of 8");
  }

  @Test
  void hugeDocument_isRefusedByTheDocumentLimit() {
    ManifestLoader loader =
        ManifestLoader.withLimits(LoadLimits.defaults().withMaxDocumentBytes(10_000));
    String big = HEADER + "data:\n" + "  k: " + "x".repeat(20_000) + "\n";
    assertThatThrownBy(() -> loader.loadYaml(big, "big.yaml"))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("big.yaml");
    String twoSmall = HEADER + "---\n" + HEADER.replace("name: a", "name: b");
    assertThat(loader.loadYaml(twoSmall, "small.yaml").size()).isEqualTo(2);
  }

  @Test
  void totalBytes_areCappedPerLoad_evenForEndlessStreams() {
    ManifestLoader loader = ManifestLoader.withLimits(LoadLimits.defaults().withMaxTotalBytes(4096));
    InputStream endless = new InputStream() {
      private long served;

      @Override
      public int read() {
        served++;
        if (served > 10_000_000) {
          throw new AssertionError("read far past the cap");
        }
        return 'a';
      }
    };
    assertThatThrownBy(() -> loader.load(endless, "endless.yaml"))
        .isInstanceOf(LoadException.class)
        .hasMessage("failed to load endless.yaml: input exceeds the limit of 4096 bytes per load");
    assertThatThrownBy(() -> loader.loadYaml("#".repeat(5000), "s.yaml"))
        .hasMessageContaining("exceeds the limit of 4096 bytes");
    assertThat(loader.load(new ByteArrayInputStream(HEADER.getBytes()), "ok.yaml").size())
        .isEqualTo(1);
  }

  @Test
  void manyNodes_areStoppedByTheNodeLimit() {
    ManifestLoader loader = ManifestLoader.withLimits(LoadLimits.defaults().withMaxNodes(1000));
    String yaml = HEADER + "list: [" + "1,".repeat(2000) + "1]\n";
    assertThatThrownBy(() -> loader.loadYaml(yaml, "wide.yaml"))
        .hasMessageContaining("more than 1000 nodes");
  }

  @Test
  void recursiveAliases_andUnknownAliases_areErrors() {
    assertThatThrownBy(() -> ManifestLoader.defaults().loadYaml(HEADER + "a: &x [*x]\n", "r.yaml"))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("unknown alias *x");
    assertThatThrownBy(() -> ManifestLoader.defaults().loadYaml(HEADER + "a: *nope\n", "r.yaml"))
        .hasMessageContaining("r.yaml:4:4").hasMessageContaining("unknown alias *nope");
  }
}
