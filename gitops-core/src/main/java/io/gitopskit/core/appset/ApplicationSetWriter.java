package io.gitopskit.core.appset;

import io.gitopskit.core.appset.rollout.RolloutStep;
import io.gitopskit.core.appset.rollout.RolloutStrategy;
import io.gitopskit.core.cluster.LabelSelector;
import io.gitopskit.core.internal.JsonFields;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.load.ManifestWriter;
import java.util.List;

/**
 * Writes an {@link ApplicationSet} as an {@code argoproj.io/v1alpha1} object: JSON tree or
 * deterministic YAML that {@link ApplicationSetReader} reads back to an equal value.
 *
 * @since 0.1
 */
public final class ApplicationSetWriter {

  private ApplicationSetWriter() {}

  /**
   * The ApplicationSet as a JSON object; defaults are left out.
   *
   * @param set the ApplicationSet
   * @return the object
   */
  public static JsonObject toJson(ApplicationSet set) {
    JsonObject.Builder meta = JsonObject.builder().put("name", JsonString.of(set.name()))
        .put("namespace", JsonString.of(set.namespace()));
    JsonFields.putIfSet(meta, "labels", set.labels());
    JsonFields.putIfSet(meta, "annotations", set.annotations());
    JsonObject.Builder spec = JsonObject.builder();
    spec.put("generators", JsonArray.of(set.generators()));
    spec.put("template", set.template());
    JsonFields.putIfTrue(spec, "goTemplate", set.goTemplate());
    JsonFields.putIfSet(spec, "goTemplateOptions", set.goTemplateOptions());
    JsonFields.putIfSet(spec, "templatePatch", set.templatePatch());
    JsonObject.Builder sync = JsonObject.builder();
    JsonFields.putIfTrue(sync, "preserveResourcesOnDeletion", set.preserveResourcesOnDeletion());
    if (set.applicationsSync() != null) {
      sync.put("applicationsSync", JsonString.of(set.applicationsSync().text()));
    }
    JsonObject syncObject = sync.build();
    if (!syncObject.isEmpty()) {
      spec.put("syncPolicy", syncObject);
    }
    RolloutStrategy strategy = set.strategy();
    if (strategy.isRollingSync()) {
      JsonArray.Builder steps = JsonArray.builder();
      for (RolloutStep step : strategy.steps()) {
        JsonArray.Builder exprs = JsonArray.builder();
        for (LabelSelector.Requirement r : step.matchExpressions()) {
          exprs.add(JsonObject.builder().put("key", JsonString.of(r.key()))
              .put("operator", JsonString.of(operator(r.operator())))
              .put("values", JsonFields.strings(List.copyOf(r.values()))).build());
        }
        JsonObject.Builder s = JsonObject.builder().put("matchExpressions", exprs.build());
        if (!step.maxUpdate().isEmpty()) {
          s.put("maxUpdate", step.maxUpdate().endsWith("%") ? JsonString.of(step.maxUpdate())
              : JsonValue.of(Long.parseLong(step.maxUpdate())));
        }
        steps.add(s.build());
      }
      JsonObject.Builder st = JsonObject.builder().put("type", JsonString.of("RollingSync"))
          .put("rollingSync", JsonObject.of("steps", steps.build()));
      if (strategy.reverseDeletion()) {
        st.put("deletionOrder", JsonString.of("Reverse"));
      }
      spec.put("strategy", st.build());
    }
    if (!set.preservedAnnotations().isEmpty() || !set.preservedLabels().isEmpty()) {
      JsonObject.Builder p = JsonObject.builder();
      JsonFields.putIfSet(p, "annotations", set.preservedAnnotations());
      JsonFields.putIfSet(p, "labels", set.preservedLabels());
      spec.put("preservedFields", p.build());
    }
    if (!set.ignoreApplicationDifferences().isEmpty()) {
      JsonArray.Builder a = JsonArray.builder();
      for (IgnoreDifference d : set.ignoreApplicationDifferences()) {
        JsonObject.Builder o = JsonObject.builder();
        JsonFields.putIfSet(o, "name", d.name());
        JsonFields.putIfSet(o, "jsonPointers", d.jsonPointers());
        JsonFields.putIfSet(o, "jqPathExpressions", d.jqPathExpressions());
        a.add(o.build());
      }
      spec.put("ignoreApplicationDifferences", a.build());
    }
    return JsonObject.builder().put("apiVersion", JsonString.of("argoproj.io/v1alpha1"))
        .put("kind", JsonString.of("ApplicationSet")).put("metadata", meta.build())
        .put("spec", spec.build()).build();
  }

  /**
   * The ApplicationSet as YAML.
   *
   * @param set the ApplicationSet
   * @return YAML text ending in a newline
   */
  public static String toYaml(ApplicationSet set) {
    return ManifestWriter.toYaml(toJson(set));
  }

  private static String operator(LabelSelector.Operator op) {
    return switch (op) {
      case IN, EQUALS -> "In";
      case NOT_IN, NOT_EQUALS -> "NotIn";
      case EXISTS -> "Exists";
      case DOES_NOT_EXIST -> "DoesNotExist";
    };
  }
}
