package io.gitopskit.examples;

import io.gitopskit.core.app.Application;
import io.gitopskit.core.app.ApplicationSource;
import io.gitopskit.core.cluster.ApiResource;
import io.gitopskit.core.cluster.ListOptions;
import io.gitopskit.core.diff.DiffMethod;
import io.gitopskit.core.diff.DiffOptions;
import io.gitopskit.core.diff.DiffResult;
import io.gitopskit.core.diff.Differ;
import io.gitopskit.core.health.ApplicationHealth;
import io.gitopskit.core.health.HealthChecks;
import io.gitopskit.core.health.HealthCode;
import io.gitopskit.core.load.DirectoryRenderer;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ManifestSet;
import io.gitopskit.core.model.ResourceKey;
import io.gitopskit.core.project.Decision;
import io.gitopskit.core.project.ProjectPolicy;
import io.gitopskit.core.source.RenderParameters;
import io.gitopskit.core.source.ResolvedSource;
import io.gitopskit.core.source.SourceRef;
import io.gitopskit.core.sync.ExecutorOptions;
import io.gitopskit.core.sync.OperationState;
import io.gitopskit.core.sync.ResourceTracking;
import io.gitopskit.core.sync.SyncExecutor;
import io.gitopskit.core.sync.SyncPlan;
import io.gitopskit.core.sync.SyncPlanner;
import io.gitopskit.git.GitSource;
import io.gitopskit.testkit.SimulatedCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stages of one application's reconcile, sequenced by hand: resolve (Git) → render → diff
 * against the tracked live objects → plan → execute → health. This is the glue a {@code
 * Reconciler} in gitops-core will own; the demo keeps it small and package-private.
 */
final class AppController {

  /** Argo CD's control-plane namespace, where Applications live. */
  static final String CONTROL_PLANE = ProjectPolicy.DEFAULT_CONTROL_PLANE_NAMESPACE;

  private static final String HOOK = "argocd.argoproj.io/hook";
  private static final String HELM_HOOK = "helm.sh/hook";

  private final GitSource git;
  private final DemoRepo repo;
  private final SimulatedCluster cluster;
  private final HealthChecks health = HealthChecks.builtIn();

  AppController(GitSource git, DemoRepo repo, SimulatedCluster cluster) {
    this.git = git;
    this.repo = repo;
    this.cluster = cluster;
  }

  /**
   * One application compared with the cluster.
   *
   * @param app the application
   * @param source the resolved source (pinned commit, files)
   * @param rendered everything rendered, hooks included, as written in Git
   * @param resources the desired resources (no hooks), marked with the application's tracking
   * @param hooks the hooks
   * @param live the live objects the application tracks (no hooks)
   * @param diffs one result per desired resource and per tracked live object no longer desired
   * @param health the application's health
   */
  record Comparison(Application app, ResolvedSource source, ManifestSet rendered,
      ManifestSet resources, ManifestSet hooks, List<Manifest> live, List<DiffResult> diffs,
      ApplicationHealth health) {

    /** @return the commit the comparison is pinned to */
    String revision() {
      return source.revision();
    }

    /** @return the resources that differ (to apply) or are no longer desired (to prune) */
    List<DiffResult> outOfSync() {
      return diffs.stream().filter(d -> d.modified() || d.method() == DiffMethod.LIVE_ONLY)
          .toList();
    }

    /** @return Argo CD's sync status: Synced when nothing differs */
    boolean synced() {
      return outOfSync().isEmpty();
    }

    /** @return whether the application is Healthy */
    boolean healthy() {
      return health.code() == HealthCode.HEALTHY;
    }

    /**
     * The diff of one resource.
     *
     * @param key the resource
     * @return its diff
     */
    DiffResult diff(ResourceKey key) {
      return diffs.stream().filter(d -> d.key().equals(key)).findFirst().orElseThrow();
    }
  }

  /**
   * Resolves, renders and compares an application with the cluster.
   *
   * @param app the application
   * @return the comparison
   */
  Comparison compare(Application app) {
    ApplicationSource src = app.sources().get(0);
    SourceRef ref = src.toSourceRef();
    ResolvedSource source = git.resolve(new SourceRef(repo.local(ref.repoUrl()), ref.path(),
        ref.targetRevision()), src.directory() == null ? null
        : src.directory().toDirectoryOptions());
    ManifestSet rendered = DirectoryRenderer.create().render(source.files(),
        RenderParameters.none());
    ResourceTracking tracking = tracking(app);
    // desired objects carry the tracking id, as the executor writes them, so that the
    // three-way diff does not see the annotation as drift
    ManifestSet resources = ManifestSet.of(rendered.stream().filter(m -> !isHook(m))
        .map(tracking::mark).toList());
    ManifestSet hooks = rendered.filter(AppController::isHook);
    List<Manifest> live = tracked(tracking);
    Differ differ = Differ.create(DiffOptions.defaults().withIgnoreRules(app.ignoreRules()));
    List<DiffResult> diffs = differ.diff(resources, live);
    ApplicationHealth appHealth = ApplicationHealth.builder().desired(resources.keys())
        .live(live).hooks(hooks.keys()).assess(health);
    return new Comparison(app, source, rendered, resources, hooks, live, diffs, appHealth);
  }

  /**
   * Checks every resource of a comparison against the project (kinds, namespaces).
   *
   * @param policy the project policy
   * @param c the comparison
   * @return allowed, or the first refusal
   */
  Decision checkResources(ProjectPolicy policy, Comparison c) {
    for (Manifest m : c.rendered()) {
      boolean namespaced = cluster.apiResource(m.gvk()).map(ApiResource::namespaced)
          .orElse(true);
      String ns = m.namespace().isEmpty() ? c.app().destination().namespace() : m.namespace();
      Decision d = policy.evaluateResource(m.groupKind(), m.name(), namespaced, ns,
          c.app().destination());
      if (!d.isAllowed()) {
        return d;
      }
    }
    return Decision.allowed(c.rendered().size() + " resources permitted");
  }

  /**
   * Plans a manual sync of a comparison (pruning on).
   *
   * @param c the comparison
   * @return the plan
   */
  SyncPlan plan(Comparison c) {
    Map<ResourceKey, DiffResult> byKey = new TreeMap<>();
    c.diffs().forEach(d -> byKey.put(d.key(), d));
    return SyncPlanner.plan(c.app().syncRequest(c.rendered(), false)
        .live(c.live())
        .diffs(byKey)
        .prune(true)
        .operation(c.revision(), cluster.clock().instant().getEpochSecond())
        .build());
  }

  /**
   * Runs a plan: simulated time passes while the executor waits for waves to become healthy.
   *
   * @param c the comparison the plan came from
   * @param plan the plan
   * @return the final operation state
   */
  OperationState execute(Comparison c, SyncPlan plan) {
    ExecutorOptions options = ExecutorOptions.defaults()
        .withTime(cluster.clock(), cluster.clock()::advance)
        .withTracking(tracking(c.app()))
        .withIgnoreRules(c.app().ignoreRules());
    return new SyncExecutor().run(plan, cluster, options);
  }

  /**
   * Whether a desired object is a sync hook.
   *
   * @param m the object
   * @return true when it has an Argo CD or Helm hook annotation
   */
  static boolean isHook(Manifest m) {
    return m.annotation(HOOK).isPresent() || m.annotation(HELM_HOOK).isPresent();
  }

  private static ResourceTracking tracking(Application app) {
    return ResourceTracking.annotation(app.instanceName(CONTROL_PLANE),
        app.destination().namespace());
  }

  /** Every live object the application tracks, hooks left out, one per key. */
  private List<Manifest> tracked(ResourceTracking tracking) {
    Map<ResourceKey, Manifest> out = new TreeMap<>();
    for (ApiResource r : cluster.apiResources()) {
      if (!r.supports("list")) {
        continue;
      }
      for (Manifest m : cluster.list(r.gvk(), ListOptions.all()).items()) {
        if (tracking.tracks(m) && !isHook(m)) {
          out.putIfAbsent(m.key(), m);
        }
      }
    }
    return new ArrayList<>(out.values());
  }
}
