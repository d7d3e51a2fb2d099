package io.gitopskit.core.appset;

import io.gitopskit.core.appset.generator.GeneratorException;
import io.gitopskit.core.appset.generator.Generators;
import io.gitopskit.core.appset.rollout.RolloutStep;
import io.gitopskit.core.appset.rollout.RolloutStrategy;
import io.gitopskit.core.cluster.LabelSelector;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.load.LoadException;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads an {@code argoproj.io/v1alpha1} {@code ApplicationSet} from YAML or JSON.
 *
 * <p>Unknown fields are reported as warnings (and dropped); invalid values are errors: a
 * {@link LoadException} naming the file, the (approximate) line, the ApplicationSet and the
 * field path, never a field's value. A templated {@code spec.template.spec.project} is a
 * warning: whoever controls the generator's data then chooses the project.
 *
 * @since 0.1
 */
public final class ApplicationSetReader {

  private static final Set<String> TOP = Set.of("apiVersion", "kind", "metadata", "spec",
      "status");
  private static final Set<String> METADATA = Set.of("name", "namespace", "labels",
      "annotations", "uid", "resourceVersion", "generation", "creationTimestamp",
      "deletionTimestamp", "finalizers", "ownerReferences", "managedFields", "generateName");
  private static final Set<String> SPEC = Set.of("generators", "template", "goTemplate",
      "goTemplateOptions", "templatePatch", "syncPolicy", "strategy", "preservedFields",
      "ignoreApplicationDifferences", "applyNestedSelectors");
  private static final Set<String> TEMPLATE = Set.of("metadata", "spec");
  private static final Set<String> TEMPLATE_METADATA = Set.of("name", "namespace", "labels",
      "annotations", "finalizers");
  private static final Set<String> SYNC_POLICY = Set.of("preserveResourcesOnDeletion",
      "applicationsSync");
  private static final Set<String> STRATEGY = Set.of("type", "rollingSync", "deletionOrder");

  private final Generators generators;

  private ApplicationSetReader(Generators generators) {
    this.generators = generators;
  }

  /**
   * A reader accepting the built-in generators.
   *
   * @return the reader
   */
  public static ApplicationSetReader defaults() {
    return new ApplicationSetReader(Generators.builtIn());
  }

  /**
   * A reader accepting the generators of a registry (for custom generator types).
   *
   * @param registry the registry
   * @return the reader
   */
  public static ApplicationSetReader withGenerators(Generators registry) {
    return new ApplicationSetReader(Objects.requireNonNull(registry, "registry"));
  }

  /**
   * What was read.
   *
   * @param applicationSet the ApplicationSet
   * @param warnings unknown or deprecated fields and risky settings, each naming its field
   * @since 0.1
   */
  public record Result(ApplicationSet applicationSet, List<String> warnings) {

    /** Copies the warnings. */
    public Result {
      Objects.requireNonNull(applicationSet, "applicationSet");
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Reads one ApplicationSet document.
   *
   * @param text the YAML or JSON text
   * @param origin a file name for messages ({@code .json} selects JSON)
   * @return the ApplicationSet and the warnings
   * @throws LoadException if the text is malformed or the ApplicationSet is invalid
   */
  public Result read(String text, String origin) {
    List<JsonValue> docs = ManifestLoader.defaults().readDocuments(text, origin);
    if (docs.size() != 1) {
      throw new LoadException(SourceLocation.ofFile(origin), null, null,
          "expected exactly one ApplicationSet document, found " + docs.size(), null);
    }
    if (!(docs.get(0) instanceof JsonObject root)) {
      throw new LoadException(SourceLocation.ofFile(origin), null, null,
          "document must be an object", null);
    }
    return new Parse(text, origin, root, generators).run();
  }

  /**
   * Reads an ApplicationSet already parsed into a JSON tree.
   *
   * @param root the object
   * @param origin a name for messages
   * @return the ApplicationSet and the warnings
   * @throws LoadException if the ApplicationSet is invalid
   */
  public Result read(JsonObject root, String origin) {
    return new Parse("", origin, root, generators).run();
  }

  private static final class Parse {
    private final String text;
    private final String origin;
    private final JsonObject root;
    private final Generators generators;
    private final List<String> warnings = new ArrayList<>();
    private @Nullable String object;

    Parse(String text, String origin, JsonObject root, Generators generators) {
      this.text = text;
      this.origin = origin;
      this.root = root;
      this.generators = generators;
    }

    Result run() {
      unknown(root, TOP, "");
      String apiVersion = root.getString("apiVersion").orElse("");
      String kind = root.getString("kind").orElse("");
      JsonObject metadata = object(root, "metadata", "metadata", true);
      String name = metadata.getString("name").orElse("");
      object = "argoproj.io/v1alpha1 ApplicationSet" + (name.isEmpty() ? "" : " " + name);
      if (!apiVersion.equals("argoproj.io/v1alpha1")) {
        throw error("apiVersion", "must be argoproj.io/v1alpha1");
      }
      if (!kind.equals("ApplicationSet")) {
        throw error("kind", "must be ApplicationSet");
      }
      if (name.isBlank()) {
        throw error("metadata.name", "is required");
      }
      unknown(metadata, METADATA, "metadata");
      ApplicationSet.Builder b = ApplicationSet.builder(name)
          .namespace(string(metadata, "namespace", "metadata.namespace", "argocd"))
          .labels(stringMap(metadata, "labels", "metadata.labels"))
          .annotations(stringMap(metadata, "annotations", "metadata.annotations"));
      JsonObject spec = object(root, "spec", "spec", true);
      unknown(spec, SPEC, "spec");
      if (spec.has("applyNestedSelectors")) {
        warnings.add("spec.applyNestedSelectors is deprecated and always on");
      }
      JsonArray gens = array(spec, "generators", "spec.generators");
      if (gens.isEmpty()) {
        throw error("spec.generators", "at least one generator is required");
      }
      for (int i = 0; i < gens.size(); i++) {
        String field = "spec.generators[" + i + "]";
        if (!(gens.get(i) instanceof JsonObject entry)) {
          throw error(field, "must be an object");
        }
        try {
          generators.typeOf(entry);
        } catch (GeneratorException e) {
          throw error(field, e.getMessage());
        }
        JsonValue sel = entry.getOrNull("selector");
        if (sel != null) {
          selector(sel, field + ".selector");
        }
        b.generator(entry);
      }
      JsonObject template = object(spec, "template", "spec.template", true);
      unknown(template, TEMPLATE, "spec.template");
      JsonObject tmeta = object(template, "metadata", "spec.template.metadata", false);
      unknown(tmeta, TEMPLATE_METADATA, "spec.template.metadata");
      object(template, "spec", "spec.template.spec", false);
      template.getObject("spec").flatMap(s -> s.getString("project")).ifPresent(p -> {
        if (p.contains("{{")) {
          warnings.add("spec.template.spec.project is templated: whoever controls the"
              + " generators' data chooses the project; keep it hard-coded");
        }
      });
      b.template(template);
      boolean go = bool(spec, "goTemplate", "spec.goTemplate");
      b.goTemplate(go);
      b.goTemplateOptions(strings(spec, "goTemplateOptions", "spec.goTemplateOptions"));
      String patch = string(spec, "templatePatch", "spec.templatePatch", "");
      if (!patch.isEmpty() && !go) {
        throw error("spec.templatePatch", "requires goTemplate: true");
      }
      b.templatePatch(patch);
      JsonObject sync = object(spec, "syncPolicy", "spec.syncPolicy", false);
      unknown(sync, SYNC_POLICY, "spec.syncPolicy");
      b.preserveResourcesOnDeletion(bool(sync, "preserveResourcesOnDeletion",
          "spec.syncPolicy.preserveResourcesOnDeletion"));
      String policy = string(sync, "applicationsSync", "spec.syncPolicy.applicationsSync", "");
      if (!policy.isEmpty()) {
        b.applicationsSync(ApplicationsSyncPolicy.parse(policy).orElseThrow(() ->
            error("spec.syncPolicy.applicationsSync",
                "must be one of create-only, create-update, create-delete, sync")));
      }
      b.strategy(strategy(object(spec, "strategy", "spec.strategy", false)));
      JsonObject preserved = object(spec, "preservedFields", "spec.preservedFields", false);
      unknown(preserved, Set.of("annotations", "labels"), "spec.preservedFields");
      b.preservedAnnotations(strings(preserved, "annotations", "spec.preservedFields.annotations"));
      b.preservedLabels(strings(preserved, "labels", "spec.preservedFields.labels"));
      JsonArray ignores = array(spec, "ignoreApplicationDifferences",
          "spec.ignoreApplicationDifferences");
      List<IgnoreDifference> ignoreList = new ArrayList<>();
      for (int i = 0; i < ignores.size(); i++) {
        String field = "spec.ignoreApplicationDifferences[" + i + "]";
        if (!(ignores.get(i) instanceof JsonObject o)) {
          throw error(field, "must be an object");
        }
        unknown(o, Set.of("name", "jsonPointers", "jqPathExpressions"), field);
        List<String> pointers = strings(o, "jsonPointers", field + ".jsonPointers");
        for (int k = 0; k < pointers.size(); k++) {
          if (!pointers.get(k).startsWith("/")) {
            throw error(field + ".jsonPointers[" + k + "]", "must start with /");
          }
        }
        ignoreList.add(new IgnoreDifference(string(o, "name", field + ".name", ""), pointers,
            strings(o, "jqPathExpressions", field + ".jqPathExpressions")));
      }
      b.ignoreApplicationDifferences(ignoreList);
      return new Result(b.build(), warnings);
    }

    private RolloutStrategy strategy(JsonObject s) {
      unknown(s, STRATEGY, "spec.strategy");
      String type = string(s, "type", "spec.strategy.type", "AllAtOnce");
      String order = string(s, "deletionOrder", "spec.strategy.deletionOrder", "AllAtOnce");
      if (!order.equals("AllAtOnce") && !order.equals("Reverse")) {
        throw error("spec.strategy.deletionOrder", "must be AllAtOnce or Reverse");
      }
      if (type.equals("AllAtOnce") || type.isEmpty()) {
        return new RolloutStrategy(RolloutStrategy.Type.ALL_AT_ONCE, List.of(), false);
      }
      if (!type.equals("RollingSync")) {
        throw error("spec.strategy.type", "must be AllAtOnce or RollingSync");
      }
      JsonObject rolling = object(s, "rollingSync", "spec.strategy.rollingSync", false);
      unknown(rolling, Set.of("steps"), "spec.strategy.rollingSync");
      JsonArray steps = array(rolling, "steps", "spec.strategy.rollingSync.steps");
      List<RolloutStep> out = new ArrayList<>();
      for (int i = 0; i < steps.size(); i++) {
        String field = "spec.strategy.rollingSync.steps[" + i + "]";
        if (!(steps.get(i) instanceof JsonObject step)) {
          throw error(field, "must be an object");
        }
        unknown(step, Set.of("matchExpressions", "maxUpdate"), field);
        JsonArray exprs = array(step, "matchExpressions", field + ".matchExpressions");
        List<LabelSelector.Requirement> reqs = new ArrayList<>();
        for (int k = 0; k < exprs.size(); k++) {
          String ef = field + ".matchExpressions[" + k + "]";
          if (!(exprs.get(k) instanceof JsonObject e)) {
            throw error(ef, "must be an object");
          }
          try {
            reqs.addAll(LabelSelector.fromJson(JsonObject.of("matchExpressions", JsonArray.of(e)))
                .requirements());
          } catch (IllegalArgumentException ex) {
            throw error(ef, ex.getMessage());
          }
        }
        String maxUpdate = "";
        JsonValue mu = step.getOrNull("maxUpdate");
        if (mu instanceof JsonNumber n && n.isLong() && n.longValue() >= 0) {
          maxUpdate = Long.toString(n.longValue());
        } else if (mu instanceof JsonString str && str.value().matches("\\d+%?")) {
          maxUpdate = str.value();
        } else if (mu != null && !(mu instanceof JsonNull)) {
          throw error(field + ".maxUpdate", "must be a non-negative integer or a percentage");
        }
        out.add(new RolloutStep(reqs, maxUpdate));
      }
      return new RolloutStrategy(RolloutStrategy.Type.ROLLING_SYNC, out, order.equals("Reverse"));
    }

    private void selector(JsonValue v, String field) {
      if (!(v instanceof JsonObject o)) {
        throw error(field, "must be an object");
      }
      try {
        LabelSelector.fromJson(o);
      } catch (IllegalArgumentException e) {
        throw error(field, e.getMessage());
      }
    }

    private void unknown(JsonObject o, Set<String> known, String path) {
      for (String k : o.keys()) {
        if (!known.contains(k)) {
          warnings.add("unknown field " + (path.isEmpty() ? k : path + "." + k) + " (ignored)");
        }
      }
    }

    private JsonObject object(JsonObject parent, String key, String field, boolean required) {
      JsonValue v = parent.getOrNull(key);
      if (v == null || v instanceof JsonNull) {
        if (required) {
          throw error(field, "is required");
        }
        return JsonObject.empty();
      }
      if (!(v instanceof JsonObject o)) {
        throw error(field, "must be an object");
      }
      return o;
    }

    private JsonArray array(JsonObject parent, String key, String field) {
      JsonValue v = parent.getOrNull(key);
      if (v == null || v instanceof JsonNull) {
        return JsonArray.empty();
      }
      if (!(v instanceof JsonArray a)) {
        throw error(field, "must be a list");
      }
      return a;
    }

    private String string(JsonObject parent, String key, String field, String dflt) {
      JsonValue v = parent.getOrNull(key);
      if (v == null || v instanceof JsonNull) {
        return dflt;
      }
      if (!(v instanceof JsonString s)) {
        throw error(field, "must be a string");
      }
      return s.value();
    }

    private boolean bool(JsonObject parent, String key, String field) {
      JsonValue v = parent.getOrNull(key);
      if (v == null || v instanceof JsonNull) {
        return false;
      }
      if (!(v instanceof JsonBoolean b)) {
        throw error(field, "must be a boolean");
      }
      return b.value();
    }

    private List<String> strings(JsonObject parent, String key, String field) {
      JsonArray a = array(parent, key, field);
      List<String> out = new ArrayList<>(a.size());
      for (int i = 0; i < a.size(); i++) {
        if (!(a.get(i) instanceof JsonString s)) {
          throw error(field + "[" + i + "]", "must be a string");
        }
        out.add(s.value());
      }
      return out;
    }

    private Map<String, String> stringMap(JsonObject parent, String key, String field) {
      JsonObject o = object(parent, key, field, false);
      Map<String, String> out = new TreeMap<>();
      for (int i = 0; i < o.size(); i++) {
        if (!(o.valueAt(i) instanceof JsonString s)) {
          throw error(field + "." + o.keyAt(i), "must be a string");
        }
        out.put(o.keyAt(i), s.value());
      }
      return out;
    }

    private LoadException error(String field, String problem) {
      return new LoadException(new SourceLocation(origin, lineOf(text, field), 0, 0), object,
          field, problem, null);
    }
  }

  /**
   * The line where a dotted field path ({@code spec.generators[1].list}) is written in YAML
   * text, found by following the keys and list items in order; 0 when it cannot be found.
   */
  static int lineOf(String text, String field) {
    if (text.isEmpty()) {
      return 0;
    }
    String[] lines = text.split("\n", -1);
    int line = 0;
    int found = 0;
    for (String part : field.split("\\.")) {
      String key = part;
      List<Integer> indexes = new ArrayList<>();
      int br = part.indexOf('[');
      if (br >= 0) {
        key = part.substring(0, br);
        for (String idx : part.substring(br + 1, part.length() - 1).split("\\]\\[")) {
          indexes.add(Integer.parseInt(idx));
        }
      }
      int at = findKey(lines, line, key);
      if (at < 0) {
        return found;
      }
      line = at;
      found = at + 1;
      for (int index : indexes) {
        int item = findItem(lines, line + 1, index);
        if (item < 0) {
          return found;
        }
        // the item line itself may hold the next key ("- list:")
        line = item;
        found = item + 1;
      }
    }
    return found;
  }

  private static int findKey(String[] lines, int from, String key) {
    for (int i = Math.max(from, 0); i < lines.length; i++) {
      String t = lines[i].strip();
      if (t.startsWith("- ")) {
        t = t.substring(2).strip();
      }
      if (t.startsWith(key + ":") || t.startsWith("\"" + key + "\":")) {
        return i;
      }
    }
    return -1;
  }

  private static int findItem(String[] lines, int from, int index) {
    int indent = -1;
    int count = -1;
    for (int i = from; i < lines.length; i++) {
      String l = lines[i];
      String t = l.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      int ind = l.length() - l.stripLeading().length();
      if (indent < 0) {
        if (!t.startsWith("-")) {
          return -1;
        }
        indent = ind;
      }
      if (ind < indent) {
        return -1;
      }
      if (ind == indent && t.startsWith("-")) {
        count++;
        if (count == index) {
          return i;
        }
      }
    }
    return -1;
  }
}
