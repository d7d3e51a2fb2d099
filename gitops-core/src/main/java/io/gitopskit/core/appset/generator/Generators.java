package io.gitopskit.core.appset.generator;

import io.gitopskit.core.GitOpsException;
import io.gitopskit.core.appset.template.TemplateException;
import io.gitopskit.core.appset.template.TemplateRenderer;
import io.gitopskit.core.cluster.LabelSelector;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable registry of generators by type, and the evaluation of one generator entry:
 * find its single generator, generate, add the rendered {@code values}, apply the post
 * selector.
 *
 * @since 0.1
 */
public final class Generators {

  private static final Generators BUILT_IN = new Generators(Map.of()).with(new ListGenerator())
      .with(new ClusterGenerator()).with(new GitGenerator()).with(new MatrixGenerator())
      .with(new MergeGenerator()).with(new PluginGenerator());

  private final Map<String, Generator> byType;

  private Generators(Map<String, Generator> byType) {
    this.byType = Collections.unmodifiableMap(new TreeMap<>(byType));
  }

  /**
   * The built-in generators: {@code list}, {@code clusters}, {@code git}, {@code matrix},
   * {@code merge} and {@code plugin}.
   *
   * @return the registry
   */
  public static Generators builtIn() {
    return BUILT_IN;
  }

  /**
   * A registry with one more generator, replacing any of the same type.
   *
   * @param generator the generator
   * @return the new registry
   */
  public Generators with(Generator generator) {
    Map<String, Generator> copy = new TreeMap<>(byType);
    copy.put(Objects.requireNonNull(generator.type(), "type"), generator);
    return new Generators(copy);
  }

  /**
   * The generator of a type.
   *
   * @param type the type key
   * @return the generator
   */
  public Optional<Generator> get(String type) {
    return Optional.ofNullable(byType.get(type));
  }

  /**
   * The type of the single generator of an entry.
   *
   * @param entry a generator entry, e.g. {@code {list: {...}, selector: {...}}}
   * @return the type key
   * @throws GeneratorException if the entry holds no generator or more than one
   */
  public String typeOf(JsonObject entry) {
    String found = null;
    for (String key : entry.keys()) {
      if (key.equals("selector")) {
        continue;
      }
      if (found != null) {
        throw new GeneratorException("found more than one generator in a generator entry: "
            + found + ", " + key);
      }
      found = key;
    }
    if (found == null) {
      throw new GeneratorException("generator entry holds no generator");
    }
    if (!byType.containsKey(found)) {
      throw new GeneratorException("unknown generator \"" + found + "\"");
    }
    return found;
  }

  /**
   * Evaluates one generator entry.
   *
   * @param entry the entry: one generator plus an optional {@code selector}
   * @param context the inputs
   * @return the parameter sets, after values and the post selector
   * @throws GeneratorException on any failure (nothing partial is returned)
   */
  public List<JsonObject> generate(JsonObject entry, GeneratorContext context) {
    String type = typeOf(entry);
    JsonValue raw = entry.getOrNull(type);
    if (!(raw instanceof JsonObject config)) {
      throw new GeneratorException(type + ": generator configuration must be an object");
    }
    List<JsonObject> sets;
    try {
      sets = byType.get(type).generate(config, context);
    } catch (GeneratorException e) {
      throw e;
    } catch (TemplateException e) {
      throw new GeneratorException(type + ": " + e.getMessage(), e);
    } catch (GitOpsException e) {
      throw new GeneratorException("failed to generate parameters with the " + type
          + " generator: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // not one of ours: its message may carry anything (a token in a plugin's request, a
      // value it failed to parse), so only its type is named; the cause keeps the rest
      throw new GeneratorException("failed to generate parameters with the " + type
          + " generator: " + e.getClass().getName(), e);
    }
    if (sets == null || sets.stream().anyMatch(Objects::isNull)) {
      throw new GeneratorException("the " + type + " generator returned no list or a null"
          + " parameter set");
    }
    context.checkParameterSets(sets.size(), "the " + type + " generator");
    if (!type.equals("list") && config.getOrNull("values") instanceof JsonObject values
        && !values.isEmpty()) {
      sets = withValues(sets, values, context);
    }
    JsonValue selector = entry.getOrNull("selector");
    if (selector instanceof JsonObject s && !s.isEmpty()) {
      LabelSelector ls;
      try {
        ls = LabelSelector.fromJson(s);
      } catch (IllegalArgumentException e) {
        throw new GeneratorException("error parsing label selector: " + e.getMessage(), e);
      }
      List<JsonObject> kept = new ArrayList<>(sets.size());
      for (JsonObject set : sets) {
        if (ls.matches(Params.flatten(set))) {
          kept.add(set);
        }
      }
      sets = kept;
    }
    return List.copyOf(sets);
  }

  /**
   * Adds {@code values}, each rendered against its own set (values never see other values):
   * as {@code values.<key>} in {@code {{param}}} mode, as a nested {@code values} map in
   * Go-template mode.
   */
  static List<JsonObject> withValues(List<JsonObject> sets, JsonObject values,
      GeneratorContext context) {
    TemplateRenderer renderer = new TemplateRenderer(context.templateOptions());
    List<JsonObject> out = new ArrayList<>(sets.size());
    for (JsonObject set : sets) {
      JsonObject.Builder rendered = JsonObject.builder();
      for (int i = 0; i < values.size(); i++) {
        String text = values.valueAt(i) instanceof JsonString s ? s.value()
            : values.valueAt(i).toJson();
        rendered.put(values.keyAt(i), JsonString.of(renderer.render(text, set)));
      }
      JsonObject r = rendered.build();
      if (context.goTemplate()) {
        out.add(set.with("values", r));
      } else {
        JsonObject.Builder b = set.toBuilder();
        for (int i = 0; i < r.size(); i++) {
          b.put("values." + r.keyAt(i), r.valueAt(i));
        }
        out.add(b.build());
      }
    }
    return out;
  }
}
