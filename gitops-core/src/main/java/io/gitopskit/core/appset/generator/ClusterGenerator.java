package io.gitopskit.core.appset.generator;

import io.gitopskit.core.appset.template.TemplateRenderer;
import io.gitopskit.core.cluster.LabelSelector;
import io.gitopskit.core.internal.JsonFields;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code clusters}: one set per registered cluster whose labels match {@code selector}, plus
 * the implicit {@code in-cluster} when the selector is empty and no registered cluster has its
 * server. Sets are ordered by cluster name (Argo CD leaves the order undefined).
 */
final class ClusterGenerator implements Generator {

  @Override
  public String type() {
    return "clusters";
  }

  @Override
  public List<JsonObject> generate(JsonObject config, GeneratorContext context) {
    LabelSelector selector = LabelSelector.everything();
    if (config.getOrNull("selector") instanceof JsonObject s) {
      try {
        selector = LabelSelector.fromJson(s);
      } catch (IllegalArgumentException e) {
        throw new GeneratorException("clusters.selector: " + e.getMessage(), e);
      }
    }
    List<ClusterInfo> clusters = new ArrayList<>();
    boolean hasLocal = false;
    for (ClusterInfo c : context.clusters().clusters()) {
      hasLocal |= c.server().equals(ClusterInfo.IN_CLUSTER_SERVER);
      if (selector.matches(c.labels())) {
        clusters.add(c);
      }
    }
    List<JsonObject> out = new ArrayList<>();
    if (!hasLocal && selector.isEverything()) {
      out.add(JsonObject.builder().put("name", JsonString.of("in-cluster"))
          .put("nameNormalized", JsonString.of("in-cluster"))
          .put("server", JsonString.of(ClusterInfo.IN_CLUSTER_SERVER))
          .put("project", JsonString.of("")).build());
    }
    clusters.sort(Comparator.comparing(ClusterInfo::name).thenComparing(ClusterInfo::server));
    boolean go = context.goTemplate();
    for (ClusterInfo c : clusters) {
      JsonObject.Builder b = JsonObject.builder();
      b.put("name", JsonString.of(c.name()));
      b.put("nameNormalized", JsonString.of(TemplateRenderer.normalize(c.name())));
      b.put("server", JsonString.of(c.server()));
      b.put("project", JsonString.of(c.project()));
      if (go) {
        b.put("metadata", JsonObject.builder().put("labels", JsonFields.stringMap(c.labels()))
            .put("annotations", JsonFields.stringMap(c.annotations())).build());
      } else {
        c.labels().forEach((k, v) -> b.put("metadata.labels." + k, JsonString.of(v)));
        c.annotations().forEach((k, v) -> b.put("metadata.annotations." + k, JsonString.of(v)));
      }
      out.add(b.build());
    }
    out.sort(Comparator.comparing(o -> o.getString("name").orElse("")));
    if (Params.bool(config, "flatList")) {
      JsonArray.Builder all = JsonArray.builder();
      out.forEach(all::add);
      return List.of(JsonObject.of("clusters", all.build()));
    }
    return out;
  }
}
