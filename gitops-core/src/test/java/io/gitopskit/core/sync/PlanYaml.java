package io.gitopskit.core.sync;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.load.ManifestWriter;
import io.gitopskit.core.model.ManifestSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Renders plans as YAML for golden files, and reads fixtures. */
final class PlanYaml {

  private PlanYaml() {
  }

  static String resource(String name) {
    try (InputStream in = PlanYaml.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static ManifestSet load(String name) {
    return ManifestLoader.defaults().loadYaml(resource(name), name);
  }

  static String render(SyncPlan plan) {
    JsonObject.Builder root = JsonObject.builder();
    plan.refusal().ifPresent(r -> root.put("refusal", r));
    root.put("steps", steps(plan.steps()));
    root.put("syncFailHooks", steps(List.copyOf(plan.syncFailHooks())));
    return ManifestWriter.toYaml(root.build());
  }

  private static JsonArray steps(List<? extends SyncStep> steps) {
    JsonArray.Builder out = JsonArray.builder();
    int i = 0;
    for (SyncStep s : steps) {
      out.add(step(i++, s));
    }
    return out.build();
  }

  private static JsonValue step(int index, SyncStep s) {
    JsonObject.Builder b = JsonObject.builder()
        .put("_", JsonNumber.of(index))
        .put("key", s.key().toString())
        .put("phase", s.phase().wireName())
        .put("wave", JsonNumber.of(s.wave()));
    if (s instanceof SyncStep.Apply a) {
      b.put("step", "Apply");
      if (!a.options().explicit().isEmpty()) {
        b.put("options", strings(a.options().toStrings()));
      }
    } else if (s instanceof SyncStep.Hook h) {
      b.put("step", "Hook").put("type", h.type().wireName());
      JsonArray.Builder p = JsonArray.builder();
      h.deletePolicies().forEach(d -> p.add(JsonString.of(d.wireName())));
      b.put("deletePolicies", p.build());
      if (h.generatedName()) {
        b.put("generatedName", "true");
      }
    } else if (s instanceof SyncStep.Prune p) {
      b.put("step", "Prune").put("propagation", p.propagationPolicy().wireName());
      if (p.pruneLast()) {
        b.put("pruneLast", "true");
      }
    } else if (s instanceof SyncStep.PruneSkipped p) {
      b.put("step", "PruneSkipped").put("reason", p.reason());
    } else if (s instanceof SyncStep.PruneAwaitingConfirmation p) {
      b.put("step", "PruneAwaitingConfirmation");
    }
    return b.build();
  }

  private static JsonArray strings(List<String> values) {
    JsonArray.Builder b = JsonArray.builder();
    values.forEach(v -> b.add(JsonString.of(v)));
    return b.build();
  }
}
