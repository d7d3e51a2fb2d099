package io.gitopskit.core.load;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared/corpus beside the project checkout, from any module directory. */
final class Corpus {

  private Corpus() {}

  static Path file(String relative) {
    Path dir = Path.of("").toAbsolutePath();
    for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
      Path candidate = dir.resolve("../shared/corpus").resolve(relative).normalize();
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("corpus file not found beside the checkout: " + relative);
  }
}
