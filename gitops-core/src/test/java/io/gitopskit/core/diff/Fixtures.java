package io.gitopskit.core.diff;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.Manifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The gitops-engine diff fixtures in {@code ../shared/conformance/diff/gitops-engine}, located
 * by walking up from the working directory, and small builders for inline objects.
 */
final class Fixtures {

  private static final String DIR = "../shared/conformance/diff/gitops-engine";

  private Fixtures() {}

  static Path dir() {
    Path d = Path.of("").toAbsolutePath();
    for (int i = 0; i < 4 && d != null; i++, d = d.getParent()) {
      Path candidate = d.resolve(DIR).normalize();
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("diff conformance fixtures not found beside the checkout: "
        + DIR);
  }

  static List<String> names() {
    try (Stream<Path> files = Files.list(dir())) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json") || n.endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonObject json(String name) {
    try {
      String text = Files.readString(dir().resolve(name), StandardCharsets.UTF_8);
      List<JsonValue> docs = ManifestLoader.defaults().readDocuments(text, name);
      return (JsonObject) docs.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Manifest manifest(String name) {
    return Manifest.of(json(name));
  }

  static Manifest yaml(String text) {
    List<JsonValue> docs = ManifestLoader.defaults().readDocuments(text, "inline.yaml");
    return Manifest.of((JsonObject) docs.get(0));
  }
}
