package io.gitopskit.core.patch.ssa;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.load.ManifestLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The gitops-engine fixtures copied into this package's test resources. */
final class Fixtures {

  static final List<String> WITH_MANAGED_FIELDS = List.of(
      "endpoints-live.json", "smd-deploy-live.yaml", "smd-deploy2-live.yaml",
      "smd-deploy2-predicted-live.json", "smd-service-live-with-type.yaml",
      "smd-service-live.yaml", "ssd-deploy-composite-key-live.yaml",
      "ssd-deploy-composite-key-predicted-live.json", "ssd-deploy-nested-live.yaml",
      "ssd-deploy-nested-predicted-live.json", "ssd-deploy-with-manual-apply-live.yaml",
      "ssd-deploy-with-manual-apply-predicted-live.json", "ssd-service-live.yaml",
      "ssd-service-predicted-live.json", "ssd-svc-label-live.yaml",
      "ssd-svc-no-label-predicted-live.json");

  private Fixtures() {}

  static JsonObject load(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("gitops-engine/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return (JsonObject) ManifestLoader.defaults().readDocuments(text, name).get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
