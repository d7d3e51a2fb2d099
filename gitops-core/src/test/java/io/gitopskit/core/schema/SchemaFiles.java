package io.gitopskit.core.schema;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the OpenAPI document in ../shared/schemas and the committed compact resource. */
final class SchemaFiles {

  static final String OPENAPI = "kubernetes-1.35.0.json";
  static final String RESOURCE = "src/main/resources/io/gitopskit/core/schema/"
      + KubernetesSchema.RESOURCE;

  private SchemaFiles() {}

  /** {@code ../shared/schemas/kubernetes-1.35.0.json} beside the checkout, from any module. */
  static Path openApi() {
    Path dir = Path.of("").toAbsolutePath();
    for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
      Path candidate = dir.resolve("../shared/schemas").resolve(OPENAPI).normalize();
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("../shared/schemas/" + OPENAPI
        + " not found beside the checkout");
  }

  /** The committed resource in gitops-core's sources, from the module or the repository root. */
  static Path committedResource() {
    Path dir = Path.of("").toAbsolutePath();
    for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
      for (Path candidate : new Path[] {dir.resolve(RESOURCE),
          dir.resolve("gitops-core").resolve(RESOURCE)}) {
        if (Files.isRegularFile(candidate)) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException(RESOURCE + " not found");
  }
}
