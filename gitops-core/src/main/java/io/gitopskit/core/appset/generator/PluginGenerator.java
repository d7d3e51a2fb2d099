package io.gitopskit.core.appset.generator;

import io.gitopskit.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code plugin}: asks the {@link ParameterPlugin} registered under {@code configMapRef.name}.
 * Each returned object is a set (flattened in {@code {{param}}} mode), with the generator's
 * {@code input.parameters} added as {@code generator.input.parameters}.
 */
final class PluginGenerator implements Generator {

  @Override
  public String type() {
    return "plugin";
  }

  @Override
  public List<JsonObject> generate(JsonObject config, GeneratorContext context) {
    String name = config.getObject("configMapRef").flatMap(r -> r.getString("name")).orElse("");
    if (name.isEmpty()) {
      throw new GeneratorException("plugin.configMapRef.name is required");
    }
    ParameterPlugin plugin = context.plugin(name).orElseThrow(() ->
        new GeneratorException("no plugin registered for configMapRef \"" + name + "\""));
    JsonObject input = config.getObject("input").flatMap(i -> i.getObject("parameters"))
        .orElse(JsonObject.empty());
    List<JsonObject> returned = plugin.parameters(context.applicationSetName(), input);
    if (returned == null) {
      throw new GeneratorException("plugin \"" + name + "\" returned no parameter list");
    }
    JsonObject generatorParam = JsonObject.of("input", JsonObject.of("parameters", input));
    context.checkParameterSets(returned.size(), "plugin \"" + name + "\"");
    List<JsonObject> out = new ArrayList<>(returned.size());
    for (JsonObject set : returned) {
      if (set == null) {
        throw new GeneratorException("plugin \"" + name + "\" returned a null parameter set");
      }
      JsonObject withInput = set.with("generator", generatorParam);
      out.add(context.goTemplate() ? withInput : Params.flatObject(withInput));
    }
    return out;
  }
}
