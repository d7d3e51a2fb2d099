package io.gitopskit.core.appset.generator;

import io.gitopskit.core.appset.template.TemplateException;
import io.gitopskit.core.appset.template.TemplateOptions;
import io.gitopskit.core.appset.template.TemplateRenderer;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code matrix}: exactly two children; the second child's configuration is rendered with each
 * parameter set of the first (so {@code {{path.basename}}} works in its selector, paths or
 * elements) and the sets are combined: a union that refuses conflicting keys in {@code
 * {{param}}} mode, a deep merge where the first child wins in Go-template mode.
 */
final class MatrixGenerator implements Generator {

  @Override
  public String type() {
    return "matrix";
  }

  @Override
  public List<JsonObject> generate(JsonObject config, GeneratorContext context) {
    List<JsonObject> children = Children.of(config, "matrix", context);
    if (children.size() < 2) {
      throw new GeneratorException("found less than two generators, Matrix support only two");
    }
    if (children.size() > 2) {
      throw new GeneratorException("found more than two generators, Matrix support only two");
    }
    Generators generators = context.generators();
    GeneratorContext nested = context.nested();
    List<JsonObject> first;
    try {
      first = generators.generate(children.get(0), nested);
    } catch (GeneratorException e) {
      throw new GeneratorException("child generator returned an error on parameter generation: "
          + e.getMessage(), e);
    }
    JsonObject second = children.get(1);
    boolean templated = second.toJson().contains("{{");
    List<JsonObject> fixed = templated ? null : childParams(generators, second, nested);
    TemplateRenderer renderer = new TemplateRenderer(context.templateOptions());
    TemplateRenderer strict = context.goTemplate()
        ? new TemplateRenderer(new TemplateOptions(true, true)) : renderer;
    List<JsonObject> out = new ArrayList<>();
    for (JsonObject p1 : first) {
      List<JsonObject> sets = fixed != null ? fixed
          : childParams(generators, interpolate(second, p1, renderer, strict, generators), nested);
      context.checkParameterSets((long) out.size() + sets.size(), "the matrix generator");
      for (JsonObject p2 : sets) {
        out.add(context.goTemplate() ? Combine.deep(p1, p2, false) : Combine.union(p1, p2));
      }
    }
    return out;
  }

  private static List<JsonObject> childParams(Generators generators, JsonObject entry,
      GeneratorContext nested) {
    try {
      return generators.generate(entry, nested);
    } catch (GeneratorException e) {
      throw new GeneratorException("failed to get params for generator 2 in the matrix generator:"
          + " child generator returned an error on parameter generation: " + e.getMessage(), e);
    }
  }

  /**
   * Renders the second child with the first child's set. In Go-template mode the child's own
   * {@code values} are rendered with {@code missingkey=error} and left as written when they
   * need the child's own parameters, for the child to render later.
   */
  private static JsonObject interpolate(JsonObject entry, JsonObject params,
      TemplateRenderer renderer, TemplateRenderer strict, Generators generators) {
    try {
      if (!renderer.options().goTemplate()) {
        return (JsonObject) renderer.renderTree(entry, params);
      }
      String type = generators.typeOf(entry);
      JsonObject config = entry.getObject(type).orElse(JsonObject.empty());
      JsonObject values = config.getObject("values").orElse(null);
      JsonObject rest = (JsonObject) renderer.renderTree(config.without("values"), params);
      if (values != null) {
        JsonObject.Builder vb = JsonObject.builder();
        for (int i = 0; i < values.size(); i++) {
          JsonValue v = values.valueAt(i);
          if (v instanceof JsonString s) {
            try {
              v = JsonString.of(strict.render(s.value(), params));
            } catch (TemplateException e) {
              // needs the child's own parameters: render later
            }
          }
          vb.put(values.keyAt(i), v);
        }
        rest = rest.with("values", vb.build());
      }
      JsonObject out = entry.with(type, rest);
      if (entry.getOrNull("selector") instanceof JsonObject sel) {
        out = out.with("selector", renderer.renderTree(sel, params));
      }
      return out;
    } catch (TemplateException e) {
      throw new GeneratorException("failed to replace parameters in generator: " + e.getMessage(),
          e);
    }
  }

  /** Reading of the children list, shared with merge. */
  static final class Children {
    private Children() {}

    static List<JsonObject> of(JsonObject config, String kind, GeneratorContext context) {
      JsonValue raw = config.getOrNull("generators");
      if (raw != null && !(raw instanceof JsonArray)) {
        throw new GeneratorException(kind + ".generators must be a list");
      }
      JsonArray items = raw == null ? JsonArray.empty() : (JsonArray) raw;
      List<JsonObject> out = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        if (!(items.get(i) instanceof JsonObject child)) {
          throw new GeneratorException(kind + ".generators[" + i + "] must be an object");
        }
        String type;
        try {
          type = context.generators().typeOf(child);
        } catch (GeneratorException e) {
          if (e.getMessage().startsWith("found more than one")) {
            throw new GeneratorException("found more than one generator in " + kind
                + ".Generators", e);
          }
          throw new GeneratorException(kind + ".generators[" + i + "]: " + e.getMessage(), e);
        }
        if ((type.equals("matrix") || type.equals("merge")) && context.depth() >= 1) {
          throw new GeneratorException(kind + ".generators[" + i + "]: matrix and merge"
              + " generators nest at most one level");
        }
        out.add(child);
      }
      return out;
    }
  }
}
