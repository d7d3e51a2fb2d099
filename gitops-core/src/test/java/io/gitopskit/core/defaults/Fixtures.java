package io.gitopskit.core.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.Manifest;
import java.util.List;

/** YAML fixtures and the "defaults to exactly this" assertion. */
final class Fixtures {

  private static final ManifestLoader LOADER = ManifestLoader.defaults();

  private Fixtures() {}

  /** The single manifest in a YAML text. */
  static Manifest yaml(String text) {
    List<Manifest> all = LOADER.loadYaml(text, "fixture.yaml").asList();
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  /**
   * Asserts that defaulting {@code input} gives exactly {@code expected}, and that defaulting
   * again changes nothing.
   *
   * @return the defaulted manifest
   */
  static Manifest assertDefaults(String input, String expected) {
    Manifest out = ServerDefaults.apply(yaml(input));
    assertThat(out.root().toPrettyJson()).isEqualTo(yaml(expected).root().toPrettyJson());
    assertThat(ServerDefaults.apply(out)).isSameAs(out);
    return out;
  }
}
