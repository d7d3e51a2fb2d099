package io.gitopskit.core.appset;

import io.gitopskit.core.app.Application;
import io.gitopskit.core.appset.generator.GeneratorContext;
import io.gitopskit.core.appset.generator.GeneratorException;
import io.gitopskit.core.appset.template.TemplateException;
import io.gitopskit.core.appset.template.TemplateRenderer;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.load.LoadException;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.patch.JsonMergePatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Expands an ApplicationSet into its applications: every generator entry's parameter sets,
 * each rendered through the template (merged with the entry's own {@code template}), the
 * {@code templatePatch}, and Argo CD's post-processing.
 *
 * <p>Post-processing: the application's namespace is forced to the ApplicationSet's (the
 * "apps in any namespace" boundary); {@code resources-finalizer.argocd.argoproj.io} is added
 * when the template has no finalizers and {@code preserveResourcesOnDeletion} is off; with
 * RollingSync, {@code spec.syncPolicy.automated.enabled} is forced to false. A template patch
 * is applied as a merge patch ({@code null}, and an empty {@code spec:}, clear fields) and can
 * never change {@code spec.project}.
 *
 * <p>Pure; throws instead of returning a partial result.
 *
 * @since 0.1
 */
public final class ApplicationSetRenderer {

  private ApplicationSetRenderer() {}

  /**
   * Generates and renders every application, in generator order.
   *
   * @param set the ApplicationSet
   * @param context the generators' inputs; its template mode must be the ApplicationSet's
   * @return the applications (names are not checked here; see {@link ApplicationSetReconciler})
   * @throws GeneratorException if a generator fails
   * @throws TemplateException if a template cannot be rendered
   * @throws IllegalArgumentException if the context's template mode differs from the set's
   */
  public static List<GeneratedApplication> render(ApplicationSet set, GeneratorContext context) {
    Objects.requireNonNull(set, "set");
    if (!context.templateOptions().equals(set.templateOptions())) {
      throw new IllegalArgumentException("the generator context's template mode differs from"
          + " the ApplicationSet's; build it with ApplicationSet.generatorContext()");
    }
    TemplateRenderer renderer = new TemplateRenderer(set.templateOptions());
    List<GeneratedApplication> out = new ArrayList<>();
    for (int i = 0; i < set.generators().size(); i++) {
      JsonObject entry = set.generators().get(i);
      List<JsonObject> params;
      try {
        params = context.generators().generate(entry, context);
      } catch (GeneratorException e) {
        throw new GeneratorException("spec.generators[" + i + "]: " + e.getMessage(), e);
      }
      context.checkParameterSets((long) out.size() + params.size(), "the ApplicationSet "
          + set.name());
      JsonObject template = templateFor(set.template(), entry, context);
      for (JsonObject p : params) {
        out.add(renderOne(set, template, p, renderer));
      }
    }
    return List.copyOf(out);
  }

  private static JsonObject templateFor(JsonObject base, JsonObject entry,
      GeneratorContext context) {
    String type = context.generators().typeOf(entry);
    if (type.equals("matrix") || type.equals("merge")) {
      return base;
    }
    return entry.getObject(type).flatMap(c -> c.getObject("template"))
        .map(t -> overlay(t, base)).orElse(base);
  }

  /** The generator's template over the ApplicationSet's: non-empty generator fields win. */
  static JsonObject overlay(JsonObject over, JsonObject base) {
    JsonObject.Builder out = base.toBuilder();
    for (int i = 0; i < over.size(); i++) {
      String k = over.keyAt(i);
      JsonValue o = over.valueAt(i);
      JsonValue b = base.getOrNull(k);
      if (b instanceof JsonObject bo && o instanceof JsonObject oo) {
        out.put(k, overlay(oo, bo));
      } else if (!isEmpty(o) || b == null) {
        out.put(k, o);
      }
    }
    return out.build();
  }

  private static boolean isEmpty(JsonValue v) {
    return v instanceof JsonNull || (v instanceof JsonString s && s.value().isEmpty())
        || (v instanceof JsonObject o && o.isEmpty()) || (v instanceof JsonArray a && a.isEmpty());
  }

  static GeneratedApplication renderOne(ApplicationSet set, JsonObject template, JsonObject params,
      TemplateRenderer renderer) {
    JsonObject rendered = (JsonObject) renderer.renderTree(template, params);
    if (!set.templatePatch().isEmpty()) {
      rendered = patch(set, rendered, params, renderer);
    }
    JsonObject metadata = rendered.getObject("metadata").orElse(JsonObject.empty());
    JsonObject spec = rendered.getObject("spec").orElse(JsonObject.empty());
    metadata = metadata.with("namespace", JsonString.of(set.namespace()));
    JsonValue finalizers = metadata.getOrNull("finalizers");
    boolean none = finalizers == null || finalizers instanceof JsonNull
        || (finalizers instanceof JsonArray a && a.isEmpty());
    if (none) {
      metadata = set.preserveResourcesOnDeletion() ? metadata.without("finalizers")
          : metadata.with("finalizers", JsonArray.of(JsonString.of(Application.RESOURCES_FINALIZER)));
    }
    if (set.strategy().isRollingSync()) {
      JsonObject policy = spec.getObject("syncPolicy").orElse(null);
      JsonObject automated = policy == null ? null : policy.getObject("automated").orElse(null);
      if (automated != null) {
        spec = spec.with("syncPolicy",
            policy.with("automated", automated.with("enabled", JsonBoolean.FALSE)));
      }
    }
    JsonObject document = JsonObject.builder()
        .put("apiVersion", JsonString.of("argoproj.io/v1alpha1"))
        .put("kind", JsonString.of("Application"))
        .put("metadata", metadata).put("spec", spec).build();
    return GeneratedApplication.of(document);
  }

  private static JsonObject patch(ApplicationSet set, JsonObject rendered, JsonObject params,
      TemplateRenderer renderer) {
    String text = renderer.render(set.templatePatch(), params);
    List<JsonValue> docs;
    try {
      docs = ManifestLoader.defaults().readDocuments(text, "templatePatch");
    } catch (LoadException e) {
      throw new TemplateException("failed to read the rendered templatePatch: " + e.problem(), e);
    }
    if (docs.isEmpty()) {
      return rendered;
    }
    if (!(docs.get(0) instanceof JsonObject patch)) {
      throw new TemplateException("the rendered templatePatch must be an object");
    }
    for (String k : patch.keys()) {
      if (!k.equals("metadata") && !k.equals("spec")) {
        throw new TemplateException("the rendered templatePatch may only patch metadata and"
            + " spec, not " + k);
      }
    }
    JsonObject out = (JsonObject) JsonMergePatch.apply(rendered, patch);
    // a patch can never change the project
    JsonValue project = rendered.getObject("spec").map(s -> s.getOrNull("project")).orElse(null);
    JsonObject spec = out.getObject("spec").orElse(JsonObject.empty());
    spec = project == null ? spec.without("project") : spec.with("project", project);
    return out.with("spec", spec);
  }
}
