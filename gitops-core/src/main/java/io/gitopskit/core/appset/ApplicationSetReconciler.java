package io.gitopskit.core.appset;

import io.gitopskit.core.app.Application;
import io.gitopskit.core.app.ApplicationDestination;
import io.gitopskit.core.appset.generator.ClusterInfo;
import io.gitopskit.core.appset.generator.ClusterRegistry;
import io.gitopskit.core.appset.generator.GeneratorContext;
import io.gitopskit.core.appset.generator.GeneratorException;
import io.gitopskit.core.appset.rollout.RollingSyncPlanner;
import io.gitopskit.core.appset.template.TemplateException;
import io.gitopskit.core.diff.ignore.IgnoreRule;
import io.gitopskit.core.diff.ignore.IgnoreRuleException;
import io.gitopskit.core.diff.ignore.IgnoreRules;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.load.LoadException;
import io.gitopskit.core.model.Manifest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One reconcile of an ApplicationSet, as a pure function: the applications the generators and
 * the template call for, against the applications the ApplicationSet owns now, give a {@link
 * ReconcilePlan}.
 *
 * <p>Safety rules, in order:
 *
 * <ol>
 *   <li>Any generator or template error, or two applications with one name, changes
 *       <b>nothing</b>: no create, no update, no delete ({@code ErrorOccurred}). A source that
 *       cannot be read is an error, never an empty list.
 *   <li>An application that fails validation (empty name, project not allowed or missing, no
 *       destination) is neither created nor updated, but still counts as desired, so it is not
 *       deleted either.
 *   <li>The policy ({@code create-only}, {@code create-update}, {@code create-delete}, {@code
 *       sync}) gates updates and deletes; the ApplicationSet's own policy counts only when the
 *       options allow overrides.
 *   <li>The delete guard refuses every delete of a reconcile that would delete more than the
 *       configured share of the existing applications (an empty generator result without an
 *       error would otherwise delete them all).
 * </ol>
 *
 * <p>Updates keep from the live application: its status and other metadata, the annotations
 * and labels of {@code preservedFields} plus {@code notified.notifications.argoproj.io} and
 * {@code argocd.argoproj.io/refresh}, its deletion finalizers, and the fields (JSON pointers or
 * jq paths) of {@code ignoreApplicationDifferences}. With RollingSync and {@code deletionOrder: Reverse}, the last
 * step's applications are deleted first.
 *
 * @since 0.1
 */
public final class ApplicationSetReconciler {

  private static final List<String> ALWAYS_PRESERVED_ANNOTATIONS = List.of(
      "notified.notifications.argoproj.io", "argocd.argoproj.io/refresh");

  private ApplicationSetReconciler() {}

  /**
   * Plans one reconcile.
   *
   * @param set the ApplicationSet
   * @param context the generators' inputs, from {@link ApplicationSet#generatorContext()}
   * @param existing the applications the ApplicationSet owns now
   * @param options controller-wide settings
   * @return the plan
   */
  public static ReconcilePlan reconcile(ApplicationSet set, GeneratorContext context,
      List<GeneratedApplication> existing, ReconcileOptions options) {
    List<GeneratedApplication> desired;
    try {
      desired = ApplicationSetRenderer.render(set, context);
    } catch (GeneratorException e) {
      return ReconcilePlan.failed("ApplicationGenerationFromParamsError", e.getMessage());
    } catch (TemplateException e) {
      return ReconcilePlan.failed("RenderTemplateParamsError", e.getMessage());
    }
    Set<String> names = new HashSet<>();
    for (GeneratedApplication app : desired) {
      if (!app.name().isEmpty() && !names.add(app.name())) {
        return ReconcilePlan.failed("ApplicationValidationError", "ApplicationSet " + set.name()
            + " contains applications with duplicate name: " + app.name());
      }
    }
    List<ClusterInfo> clusters = null;
    if (options.clusters() != null) {
      try {
        clusters = knownClusters(options.clusters());
      } catch (RuntimeException e) {
        return ReconcilePlan.failed("ApplicationValidationError",
            "error listing the clusters: " + e.getMessage());
      }
    }
    List<ReconcilePlan.Condition> conditions = new ArrayList<>();
    conditions.add(new ReconcilePlan.Condition(ReconcilePlan.Condition.PARAMETERS_GENERATED,
        "ParametersGenerated", "Successfully generated parameters for all Applications"));
    List<String> invalid = new ArrayList<>();
    for (GeneratedApplication app : desired) {
      Optional<String> problem = validate(app, options, clusters);
      if (problem.isPresent()) {
        invalid.add(app.name());
        conditions.add(new ReconcilePlan.Condition(ReconcilePlan.Condition.ERROR_OCCURRED,
            "ApplicationValidationError", "application " + (app.name().isEmpty() ? "(unnamed)"
                : app.name()) + ": " + problem.get()));
      }
    }
    ApplicationsSyncPolicy policy = options.allowPolicyOverride() && set.applicationsSync() != null
        ? set.applicationsSync() : options.policy();
    Map<String, GeneratedApplication> live = new LinkedHashMap<>();
    existing.forEach(a -> live.put(a.name(), a));
    Set<String> invalidNames = new HashSet<>(invalid);
    List<GeneratedApplication> creates = new ArrayList<>();
    List<GeneratedApplication> updates = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    // compiled once for all applications; a jq expression that does not compile fails each update
    IgnoreRules ignore = null;
    IgnoreRuleException badIgnore = null;
    if (!set.ignoreApplicationDifferences().isEmpty()) {
      try {
        ignore = ignoreRules(set);
      } catch (IgnoreRuleException e) {
        badIgnore = e;
      }
    }
    for (GeneratedApplication app : desired) {
      if (invalidNames.contains(app.name())) {
        continue;
      }
      GeneratedApplication current = live.get(app.name());
      if (current == null) {
        creates.add(app);
        continue;
      }
      JsonObject candidate;
      try {
        if (badIgnore != null) {
          throw badIgnore;
        }
        candidate = updated(set, ignore, app, current);
      } catch (IgnoreRuleException e) {
        invalid.add(app.name());
        conditions.add(new ReconcilePlan.Condition(ReconcilePlan.Condition.ERROR_OCCURRED,
            "CreateApplicationError", "application " + app.name()
                + ": ignoreApplicationDifferences failed: " + e.getMessage()));
        continue;
      }
      if (candidate.equals(current.document()) || !policy.allowsUpdate()) {
        unchanged.add(app.name());
      } else {
        updates.add(new GeneratedApplication(app.name(), candidate));
      }
    }
    List<String> deletes = new ArrayList<>();
    for (GeneratedApplication app : existing) {
      if (!names.contains(app.name())) {
        if (policy.allowsDelete()) {
          deletes.add(app.name());
        } else {
          unchanged.add(app.name());
        }
      }
    }
    if (!deletes.isEmpty() && options.maxDeleteShare() < 1.0) {
      long allowed = (long) Math.floor(options.maxDeleteShare() * existing.size());
      if (deletes.size() > allowed) {
        conditions.add(new ReconcilePlan.Condition(ReconcilePlan.Condition.ERROR_OCCURRED,
            "DeletionGuardTripped", "refusing to delete " + deletes.size() + " of "
                + existing.size() + " applications at once (the limit is " + allowed + ")"));
        unchanged.addAll(deletes);
        deletes.clear();
      }
    }
    if (set.strategy().isRollingSync() && set.strategy().reverseDeletion()) {
      Map<String, Integer> step = new HashMap<>();
      for (String name : deletes) {
        step.put(name, RollingSyncPlanner.stepOf(set.strategy().steps(), live.get(name).labels()));
      }
      deletes.sort(Comparator.comparing((String n) -> -step.get(n)));
    }
    List<String> finalizersToRemove = new ArrayList<>();
    if (clusters != null) {
      for (String name : deletes) {
        GeneratedApplication app = live.get(name);
        if (hasResourcesFinalizer(app) && !destinationExists(app, clusters)) {
          finalizersToRemove.add(name);
        }
      }
    }
    boolean upToDate = creates.isEmpty() && updates.isEmpty() && deletes.isEmpty()
        && invalid.isEmpty();
    conditions.add(new ReconcilePlan.Condition(ReconcilePlan.Condition.RESOURCES_UP_TO_DATE,
        upToDate ? "ApplicationSetUpToDate" : "ApplicationSetModified",
        upToDate ? "All applications have been generated successfully"
            : creates.size() + " to create, " + updates.size() + " to update, " + deletes.size()
                + " to delete"));
    return new ReconcilePlan(desired, creates, updates, deletes, finalizersToRemove, unchanged,
        invalid, conditions, "");
  }

  /** The registered clusters plus the implied {@code in-cluster}, as Argo CD lists them. */
  private static List<ClusterInfo> knownClusters(ClusterRegistry registry) {
    List<ClusterInfo> out = new ArrayList<>(registry.clusters());
    if (out.stream().noneMatch(c -> c.server().equals(ClusterInfo.IN_CLUSTER_SERVER))) {
      out.add(ClusterInfo.of("in-cluster", ClusterInfo.IN_CLUSTER_SERVER));
    }
    return out;
  }

  private static boolean hasResourcesFinalizer(GeneratedApplication app) {
    return app.document().getObject("metadata").flatMap(m -> m.getArray("finalizers"))
        .map(a -> a.items().stream().anyMatch(f -> f instanceof JsonString s
            && isResourcesFinalizer(s.value())))
        .orElse(false);
  }

  static boolean isResourcesFinalizer(String finalizer) {
    return finalizer.equals(Application.RESOURCES_FINALIZER)
        || finalizer.startsWith(Application.RESOURCES_FINALIZER + "/");
  }

  /**
   * Argo CD's {@code removeFinalizerOnInvalidDestination} test: the destination is valid (a
   * name resolves to exactly one cluster) and some known cluster has its server. A live
   * application that does not even read as an Application has no valid destination.
   */
  private static boolean destinationExists(GeneratedApplication app, List<ClusterInfo> clusters) {
    ApplicationDestination dest;
    try {
      dest = app.application().spec().destination();
    } catch (LoadException e) {
      return false;
    }
    Optional<String> server = resolve(dest, clusters);
    return server.isPresent()
        && clusters.stream().anyMatch(c -> c.server().equals(server.get()));
  }

  /** The server a destination names: its {@code server}, or the one cluster called {@code name}. */
  private static Optional<String> resolve(ApplicationDestination dest, List<ClusterInfo> clusters) {
    if (dest.name().isEmpty()) {
      return Optional.of(dest.server());
    }
    List<ClusterInfo> named = clusters.stream().filter(c -> c.name().equals(dest.name())).toList();
    return named.size() == 1 ? Optional.of(named.get(0).server()) : Optional.empty();
  }

  private static Optional<String> validate(GeneratedApplication app, ReconcileOptions options,
      @Nullable List<ClusterInfo> clusters) {
    if (app.name().isEmpty()) {
      return Optional.of("application name must not be empty");
    }
    String project = app.project();
    if (project.isEmpty()) {
      return Optional.of("spec.project must not be empty");
    }
    if (!options.allowedProjects().isEmpty() && !options.allowedProjects().contains(project)) {
      return Optional.of("project " + project + " is not allowed for this ApplicationSet");
    }
    if (!options.projectExists().test(project)) {
      return Optional.of("application references project " + project + " which does not exist");
    }
    Application typed;
    try {
      typed = app.application();
    } catch (LoadException e) {
      return Optional.of(e.getMessage());
    }
    ApplicationDestination dest = typed.spec().destination();
    if (clusters != null && !dest.name().isEmpty()) {
      long matches = clusters.stream().filter(c -> c.name().equals(dest.name())).count();
      if (matches != 1) {
        return Optional.of("application destination spec is invalid: unable to find destination"
            + " server: " + (matches == 0 ? "there are no clusters with this name: "
            : "there are " + matches + " clusters with the same name: ") + dest.name());
      }
    }
    return Optional.empty();
  }

  /** The compiled Application ignore rules of the ApplicationSet. */
  private static IgnoreRules ignoreRules(ApplicationSet set) {
    List<IgnoreRule> rules = new ArrayList<>();
    set.ignoreApplicationDifferences().forEach(d -> rules.add(d.toIgnoreRule()));
    return IgnoreRules.of(rules);
  }

  /**
   * The live application with the desired managed fields, keeping what must be kept. The
   * {@code ignoreApplicationDifferences} entries, compiled into {@code ignore} (as Argo CD's
   * {@code ToApplicationIgnoreDifferences}), select fields that keep the live value, or
   * stay absent when live has none. Unlike Argo CD's JSON merge patch (issue #15975), a change
   * elsewhere in a list does not reset the ignored fields inside it.
   *
   * @throws IgnoreRuleException when a jq expression fails or times out
   */
  private static JsonObject updated(ApplicationSet set, @Nullable IgnoreRules ignore,
      GeneratedApplication desired, GeneratedApplication current) {
    JsonObject live = current.document();
    JsonObject liveMeta = live.getObject("metadata").orElse(JsonObject.empty());
    JsonObject want = desired.document();
    JsonObject wantMeta = want.getObject("metadata").orElse(JsonObject.empty());

    JsonObject labels = keep(wantMeta.getObject("labels").orElse(JsonObject.empty()),
        liveMeta.getObject("labels").orElse(JsonObject.empty()), set.preservedLabels());
    List<String> preservedAnnotations = new ArrayList<>(set.preservedAnnotations());
    preservedAnnotations.addAll(ALWAYS_PRESERVED_ANNOTATIONS);
    JsonObject annotations = keep(wantMeta.getObject("annotations").orElse(JsonObject.empty()),
        liveMeta.getObject("annotations").orElse(JsonObject.empty()), preservedAnnotations);
    JsonArray.Builder finalizers = JsonArray.builder();
    Set<JsonValue> seen = new HashSet<>();
    for (JsonValue f : wantMeta.getArray("finalizers").orElse(JsonArray.empty()).items()) {
      if (seen.add(f)) {
        finalizers.add(f);
      }
    }
    for (JsonValue f : liveMeta.getArray("finalizers").orElse(JsonArray.empty()).items()) {
      if (f instanceof JsonString s && (isResourcesFinalizer(s.value())
          || s.value().startsWith("post-delete-finalizer.argocd.argoproj.io"))
          && seen.add(f)) {
        finalizers.add(f);
      }
    }
    JsonArray fin = finalizers.build();
    JsonObject meta = put(put(put(liveMeta, "labels", labels), "annotations", annotations),
        "finalizers", fin);
    JsonObject out = live.with("metadata", meta)
        .with("spec", want.getObject("spec").orElse(JsonObject.empty()));
    if (ignore == null) {
      return out;
    }
    Manifest wanted;
    Manifest liveManifest;
    try {
      wanted = Manifest.of(out);
      liveManifest = Manifest.of(live);
    } catch (IllegalArgumentException e) {
      return out; // not an object the ignore rules can address: nothing to keep
    }
    return ignore.respectIgnoreDifferences(wanted, liveManifest).root();
  }

  private static JsonObject keep(JsonObject want, JsonObject live, List<String> keys) {
    JsonObject out = want;
    for (String k : keys) {
      JsonValue v = live.getOrNull(k);
      if (v != null) {
        out = out.with(k, v);
      }
    }
    return out;
  }

  private static JsonObject put(JsonObject o, String key, JsonValue value) {
    boolean empty = (value instanceof JsonObject x && x.isEmpty())
        || (value instanceof JsonArray a && a.isEmpty());
    return empty ? o.without(key) : o.with(key, value);
  }
}
