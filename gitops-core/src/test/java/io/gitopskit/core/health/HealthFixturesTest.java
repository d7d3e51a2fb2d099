package io.gitopskit.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.Manifest;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our own fixtures, one per branch of every check: each file under
 * {@code src/test/resources/io/gitopskit/core/health/} starts with {@code # expect: <status>},
 * where the status is {@link HealthStatus#toString()} ({@code Code} or {@code Code: message})
 * or {@code NONE} for no health.
 */
class HealthFixturesTest {

  private static final String PREFIX = "# expect: ";

  static Stream<String> fixtures() throws IOException, URISyntaxException {
    try (Stream<Path> files = Files.list(dir())) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
          .sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void builtInChecks_giveTheExpectedStatusAndMessage(String file) throws Exception {
    String text = Files.readString(dir().resolve(file));
    assertThat(text).as(file + " declares its expectation").startsWith(PREFIX);
    String expected = text.substring(PREFIX.length(), text.indexOf('\n'));
    List<Manifest> all = ManifestLoader.defaults().loadYaml(text, file).asList();
    assertThat(all).as(file).hasSize(1);
    String actual = HealthChecks.builtIn().assess(all.get(0)).map(HealthStatus::toString)
        .orElse("NONE");
    assertThat(actual).as(file).isEqualTo(expected);
  }

  @Test
  void fixtures_coverEveryKindFamily() throws Exception {
    List<String> files = fixtures().toList();
    assertThat(files).hasSizeGreaterThan(100);
    for (String family : List.of("deployment-", "statefulset-", "daemonset-", "replicaset-",
        "pod-", "job-", "pvc-", "service-", "ingress-", "hpa-v1-", "hpa-v2-", "apiservice-",
        "workflow-", "generic-")) {
      assertThat(files).as(family).anyMatch(f -> f.startsWith(family));
    }
  }

  private static Path dir() throws URISyntaxException {
    return Path.of(HealthFixturesTest.class.getResource("deployment-healthy.yaml").toURI())
        .getParent();
  }
}
