package io.gitopskit.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.load.LoadException;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.Manifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * gitops-engine's own health fixtures ({@code ../shared/conformance/health/gitops-engine}),
 * read in place, against the statuses its {@code health_test.go} asserts ({@code EXPECTED.tsv})
 * and the messages derived from its code ({@code reference/gitops-engine.md} §3.5, copied to
 * {@code gitops-engine-messages.tsv}).
 */
class HealthConformanceTest {

  private static final Path DIR = locate();

  static Stream<Arguments> expected() throws IOException {
    List<Arguments> rows = new ArrayList<>();
    List<String> lines = Files.readAllLines(DIR.resolve("EXPECTED.tsv"));
    assertThat(lines.get(0)).isEqualTo("file\texpected_status\texpected_message");
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] cols = line.split("\t", -1);
      rows.add(Arguments.of(cols[0], cols[1], cols.length > 2 ? cols[2] : ""));
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0} is {1}")
  @MethodSource("expected")
  void builtInChecks_giveTheAssertedStatus(String file, String status, String message) {
    Optional<HealthStatus> health = HealthChecks.builtIn().assess(load(file));
    if (status.equals("NONE")) {
      assertThat(health).as(file).isEmpty();
      return;
    }
    assertThat(health).as(file).isPresent();
    assertThat(health.get().code().wireName()).as(file).isEqualTo(status);
    if (!message.isEmpty()) {
      assertThat(health.get().message()).as(file).isEqualTo(message);
    }
  }

  @Test
  void expectations_coverEveryFixture() throws IOException {
    List<String> listed = expected().map(a -> (String) a.get()[0]).toList();
    List<String> files;
    try (Stream<Path> s = Files.list(DIR)) {
      files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted()
          .toList();
    }
    assertThat(listed).hasSize(49).containsExactlyInAnyOrderElementsOf(files);
  }

  static Stream<Arguments> derivedMessages() throws IOException {
    List<Arguments> rows = new ArrayList<>();
    try (var in = HealthConformanceTest.class.getResourceAsStream("gitops-engine-messages.tsv")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String line : text.lines().toList()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] cols = line.split("\t", -1);
          rows.add(Arguments.of(cols[0], cols[1]));
        }
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("derivedMessages")
  void builtInChecks_giveTheMessagesDerivedFromTheCode(String file, String message) {
    assertThat(HealthChecks.builtIn().assess(load(file)).orElseThrow().message()).as(file)
        .isEqualTo(message);
  }

  @Test
  void derivedMessages_coverEveryFixtureWithHealth() throws IOException {
    assertThat(derivedMessages().map(a -> (String) a.get()[0]))
        .containsExactlyInAnyOrderElementsOf(expected().filter(a -> !a.get()[1].equals("NONE"))
            .map(a -> (String) a.get()[0]).toList());
  }

  /**
   * Loads a fixture with our strict loader. Three upstream files are not valid for it, and are
   * read as Go's non-strict {@code yaml.Unmarshal} reads them: {@code statefulset-ondelete.yaml}
   * repeats {@code spec.updateStrategy} (twice the same value; the last wins), and the two
   * {@code application-*.yaml} have no {@code metadata} (a {@link Manifest} needs a name, so
   * the file's stem is used; no rule reads it).
   */
  private static Manifest load(String file) {
    Path path = DIR.resolve(file);
    try {
      List<Manifest> all = ManifestLoader.defaults().loadFile(path).asList();
      assertThat(all).as(file).hasSize(1);
      return all.get(0);
    } catch (LoadException e) {
      assertThat(file).as("only the known non-strict fixtures fall back: " + e.getMessage())
          .isIn("statefulset-ondelete.yaml", "application-degraded.yaml",
              "application-healthy.yaml");
      JsonObject root = (JsonObject) LenientYaml.read(path);
      if (!root.has("metadata")) {
        root = root.with("metadata",
            JsonObject.of("name", JsonString.of(file.replace(".yaml", ""))));
      }
      return Manifest.of(root);
    }
  }

  /** ../shared/conformance/health/gitops-engine beside the checkout, from any module. */
  private static Path locate() {
    Path dir = Path.of("").toAbsolutePath();
    for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
      Path candidate = dir.resolve("../shared/conformance/health/gitops-engine").normalize();
      if (Files.isRegularFile(candidate.resolve("EXPECTED.tsv"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("conformance/health/gitops-engine not found beside the "
        + "checkout");
  }
}
