package io.gitopskit.core.appset;

import io.gitopskit.core.load.ReadResult;
import io.gitopskit.core.load.ReadWarning;
import io.gitopskit.core.appset.generator.GeneratorException;
import io.gitopskit.core.appset.generator.Generators;
import io.gitopskit.core.appset.rollout.RolloutStep;
import io.gitopskit.core.appset.rollout.RolloutStrategy;
import io.gitopskit.core.cluster.LabelSelector;
import io.gitopskit.core.internal.ArgoDocuments;
import io.gitopskit.core.internal.FieldReader;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.load.LoadException;
import io.gitopskit.core.load.ManifestLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code argoproj.io/v1alpha1} {@code ApplicationSet}s from YAML or JSON, with the same
 * rules as {@link io.gitopskit.core.app.ApplicationYaml} and {@link
 * io.gitopskit.core.project.AppProjectYaml}.
 *
 * <p>Unknown fields are {@linkplain ReadWarning warnings} (and dropped); invalid values are
 * errors: a {@link LoadException} naming the file, the line, the ApplicationSet and the field
 * path, never a field's value. A templated {@code spec.template.spec.project} is a warning:
 * whoever controls the generator's data then chooses the project. Generator entries and the
 * template stay JSON trees as written; each entry must hold exactly one known generator.
 *
 * @since 0.1
 */
public final class ApplicationSetReader {

  /** The API version. */
  public static final String API_VERSION = "argoproj.io/v1alpha1";

  /** The kind. */
  public static final String KIND = "ApplicationSet";

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
   * Reads every document of a YAML (or JSON) text; each must be an ApplicationSet.
   *
   * @param text the text
   * @param origin a file name for messages ({@code .json} selects JSON)
   * @return the ApplicationSets and the warnings ({@link ReadResult#single()} for one)
   * @throws LoadException if the text is malformed or an ApplicationSet is invalid
   */
  public ReadResult<ApplicationSet> read(String text, String origin) {
    return read(text, origin, ManifestLoader.defaults());
  }

  /**
   * Reads every document with a loader of your choosing (e.g. other limits).
   *
   * @param text the text
   * @param origin a file name for messages
   * @param loader the loader
   * @return the ApplicationSets and the warnings
   * @throws LoadException if the text is malformed, exceeds the loader's limits or an
   *     ApplicationSet is invalid
   */
  public ReadResult<ApplicationSet> read(String text, String origin, ManifestLoader loader) {
    return ArgoDocuments.read(text, origin, loader, API_VERSION, KIND, this::readApplicationSet);
  }

  /**
   * Reads an ApplicationSet already parsed into a JSON tree.
   *
   * @param root the object
   * @param origin a name for messages
   * @return the ApplicationSet and the warnings (located by origin only)
   * @throws LoadException if the ApplicationSet is invalid
   */
  public ReadResult<ApplicationSet> read(JsonObject root, String origin) {
    return ArgoDocuments.fromJson(root, origin, API_VERSION, KIND, this::readApplicationSet);
  }

  private @Nullable ApplicationSet readApplicationSet(FieldReader root) {
    ArgoDocuments.Metadata m = ArgoDocuments.metadata(root);
    root.ignore("status");
    FieldReader spec = root.object("spec");
    if (spec == null && !root.has("spec")) {
      root.error("spec", "is required");
    }
    root.finish();
    if (m == null || spec == null) {
      return null;
    }
    ApplicationSet.Builder b = ApplicationSet.builder(m.name())
        .namespace(m.namespace().isEmpty() ? "argocd" : m.namespace())
        .labels(m.labels()).annotations(m.annotations());
    readSpec(spec, b);
    return ArgoDocuments.construct(root, b::build);
  }

  private void readSpec(FieldReader r, ApplicationSet.Builder b) {
    List<FieldReader> entries = r.objects("generators");
    if (entries.isEmpty() && r.problems().errorCount() == 0) {
      r.error("generators", "at least one generator is required");
    }
    for (FieldReader entry : entries) {
      readGenerator(entry);
      b.generator(entry.object());
    }
    FieldReader template = r.object("template");
    if (template == null) {
      if (!r.has("template")) {
        r.error("template", "is required");
      }
    } else {
      b.template(readTemplate(template));
    }
    boolean go = r.bool("goTemplate");
    b.goTemplate(go).goTemplateOptions(r.strings("goTemplateOptions"));
    String patch = r.string("templatePatch");
    if (!patch.isEmpty() && !go) {
      r.error("templatePatch", "requires goTemplate: true");
    }
    b.templatePatch(patch);
    FieldReader sync = r.object("syncPolicy");
    if (sync != null) {
      b.preserveResourcesOnDeletion(sync.bool("preserveResourcesOnDeletion"));
      String policy = sync.string("applicationsSync");
      if (!policy.isEmpty()) {
        ApplicationsSyncPolicy.parse(policy).ifPresentOrElse(b::applicationsSync,
            () -> sync.error("applicationsSync",
                "must be one of create-only, create-update, create-delete, sync"));
      }
      sync.finish();
    }
    FieldReader strategy = r.object("strategy");
    if (strategy != null) {
      b.strategy(readStrategy(strategy));
    }
    FieldReader preserved = r.object("preservedFields");
    if (preserved != null) {
      b.preservedAnnotations(preserved.strings("annotations"));
      b.preservedLabels(preserved.strings("labels"));
      preserved.finish();
    }
    List<IgnoreDifference> ignores = new ArrayList<>();
    for (FieldReader i : r.objects("ignoreApplicationDifferences")) {
      String name = i.string("name");
      List<String> pointers = i.strings("jsonPointers");
      List<String> jq = i.strings("jqPathExpressions");
      i.finish();
      boolean ok = ArgoDocuments.checkPointers(i, "jsonPointers", pointers);
      IgnoreDifference d = !ok ? null : ArgoDocuments.construct(i,
          () -> new IgnoreDifference(name, pointers, jq));
      if (d != null) {
        ignores.add(d);
      }
    }
    b.ignoreApplicationDifferences(ignores);
    if (r.has("applyNestedSelectors")) {
      r.warn("applyNestedSelectors", "deprecated and always on");
    }
    r.finish();
  }

  /** Checks one generator entry: one known generator and a valid optional selector. */
  private void readGenerator(FieldReader entry) {
    try {
      String type = generators.typeOf(entry.object());
      JsonValue config = entry.object().getOrNull(type);
      if (!(config instanceof JsonObject)) {
        entry.error(type, "must be an object, not "
            + (config == null ? "null" : FieldReader.typeName(config)));
      }
    } catch (GeneratorException e) {
      entry.problems().error(entry.path(), e.getMessage());
    }
    FieldReader selector = entry.object("selector");
    if (selector != null) {
      selector(selector);
    }
    entry.ignore(entry.object().keys().toArray(String[]::new));
  }

  private static JsonObject readTemplate(FieldReader t) {
    FieldReader meta = t.object("metadata");
    if (meta != null) {
      meta.ignore("name", "namespace", "labels", "annotations", "finalizers");
      meta.finish();
    }
    FieldReader spec = t.object("spec");
    if (spec != null) {
      if (spec.object().getOrNull("project") instanceof JsonString p
          && p.value().contains("{{")) {
        spec.warn("project", "is templated: whoever controls the generators' data chooses the"
            + " project; keep it hard-coded");
      }
      spec.ignore(spec.object().keys().toArray(String[]::new));
    }
    t.finish();
    return t.object();
  }

  private static RolloutStrategy readStrategy(FieldReader s) {
    String type = s.string("type");
    String order = s.string("deletionOrder");
    if (!order.isEmpty() && !order.equals("AllAtOnce") && !order.equals("Reverse")) {
      s.error("deletionOrder", "must be AllAtOnce or Reverse");
    }
    FieldReader rolling = s.object("rollingSync");
    List<RolloutStep> steps = new ArrayList<>();
    if (rolling != null) {
      for (FieldReader step : rolling.objects("steps")) {
        steps.add(readStep(step));
      }
      rolling.finish();
    }
    s.finish();
    if (type.isEmpty() || type.equals("AllAtOnce")) {
      return RolloutStrategy.allAtOnce();
    }
    if (!type.equals("RollingSync")) {
      s.error("type", "must be AllAtOnce or RollingSync");
      return RolloutStrategy.allAtOnce();
    }
    return new RolloutStrategy(RolloutStrategy.Type.ROLLING_SYNC, steps, order.equals("Reverse"));
  }

  private static RolloutStep readStep(FieldReader step) {
    List<LabelSelector.Requirement> reqs = new ArrayList<>();
    for (FieldReader e : step.objects("matchExpressions")) {
      if (!expression(e)) {
        continue;
      }
      try {
        reqs.addAll(LabelSelector.fromJson(JsonObject.of("matchExpressions",
            JsonArray.of(e.object()))).requirements());
      } catch (IllegalArgumentException ex) {
        e.problems().error(e.path(), Objects.requireNonNullElse(ex.getMessage(), "invalid"));
      }
    }
    String maxUpdate = "";
    JsonValue mu = step.raw("maxUpdate");
    if (mu instanceof JsonNumber n && n.isLong() && n.longValue() >= 0) {
      maxUpdate = Long.toString(n.longValue());
    } else if (mu instanceof JsonString str && str.value().matches("\\d+%?")) {
      maxUpdate = str.value();
    } else if (mu != null) {
      step.error("maxUpdate", "must be a non-negative integer or a percentage");
    }
    step.finish();
    return new RolloutStep(reqs, maxUpdate);
  }

  /**
   * Checks one {@code matchExpressions} item field by field, so that errors name the field and
   * never repeat a value; returns whether it is well formed.
   */
  private static boolean expression(FieldReader e) {
    int before = e.problems().errorCount();
    if (e.string("key").isBlank()) {
      e.error("key", "is required");
    }
    String op = e.string("operator");
    if (!List.of("In", "NotIn", "Exists", "DoesNotExist").contains(op)) {
      e.error("operator", "must be In, NotIn, Exists or DoesNotExist");
    }
    e.strings("values");
    e.finish();
    return e.problems().errorCount() == before;
  }

  private static void selector(FieldReader selector) {
    selector.stringMap("matchLabels");
    boolean ok = true;
    for (FieldReader e : selector.objects("matchExpressions")) {
      ok &= expression(e);
    }
    selector.ignore(selector.object().keys().toArray(String[]::new));
    if (!ok || selector.problems().errorCount() > 0) {
      return;
    }
    try {
      LabelSelector.fromJson(selector.object());
    } catch (IllegalArgumentException e) {
      selector.problems().error(selector.path(),
          Objects.requireNonNullElse(e.getMessage(), "invalid"));
    }
  }
}
