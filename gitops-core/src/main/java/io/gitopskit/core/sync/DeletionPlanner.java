package io.gitopskit.core.sync;

import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ResourceKey;
import io.gitopskit.core.sync.Ordering.Tasks;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Plans the deletion of an application, as Argo CD's controller does when the application
 * carries {@code resources-finalizer.argocd.argoproj.io}: PreDelete hooks first (they must
 * complete before anything is deleted), then the tracked resources, highest sync wave first,
 * then PostDelete hooks. Pure and deterministic: the same request always gives the same plan.
 *
 * <ul>
 *   <li><b>Hooks</b> are the desired objects whose {@code argocd.argoproj.io/hook} lists {@code
 *       PreDelete} or {@code PostDelete}, or whose {@code helm.sh/hook} lists {@code pre-delete}
 *       or {@code post-delete}. They never run during a sync. Within a phase they run by sync
 *       wave, then kind and name (Argo CD creates them all at once; with no wave annotations
 *       that is the same). A hook without a name gets {@code generateName} + lowercase({@code
 *       <rev[0:7]>-<phase>-<start secs>}), like a sync hook. Without a delete policy a deletion
 *       hook gets {@code BeforeHookCreation} and {@code HookSucceeded} (Argo CD deletes a
 *       deletion hook without a policy once it succeeded).
 *   <li><b>Resources</b> are exactly the tracked live objects of the request (never an object
 *       the application does not track), minus the planned hooks themselves. Kept, and
 *       reported as {@link SyncStep.PruneSkipped}: CRDs, {@code Delete=false}, {@code
 *       helm.sh/resource-policy: keep}. {@code Delete=confirm} without confirmation gives
 *       {@link SyncStep.PruneAwaitingConfirmation}, which holds the whole deletion back.
 *   <li><b>Order</b>: waves (as created, after dependency bubbling) from highest to lowest
 *       (Argo CD's {@code FilterObjectsForDeletion});
 *       within a wave the reverse of the creation order (kind order, then name).
 * </ul>
 *
 * @since 0.1
 */
public final class DeletionPlanner {

  private static final String HELM_RESOURCE_POLICY = "helm.sh/resource-policy";
  /** Argo CD deletes a deletion hook without a policy once it succeeded. */
  private static final Set<HookDeletePolicy> DELETION_HOOK_DEFAULT_POLICIES = Set.copyOf(
      EnumSet.of(HookDeletePolicy.BEFORE_HOOK_CREATION, HookDeletePolicy.HOOK_SUCCEEDED));

  private DeletionPlanner() {
  }

  /**
   * Plans a deletion.
   *
   * @param request the tracked live objects, the desired hooks and options
   * @return the plan
   */
  public static DeletionPlan plan(DeletionRequest request) {
    Tasks pre = new Tasks(4);
    Tasks post = new Tasks(4);
    List<SyncStep.Hook> preHooks = new ArrayList<>();
    List<SyncStep.Hook> postHooks = new ArrayList<>();
    Set<ResourceKey> hookKeys = new HashSet<>();
    if (!request.skipHooks()) {
      for (Manifest m : request.desired()) {
        for (HookType type : deletionHookTypes(m)) {
          SyncPhase phase = type.phase().orElseThrow();
          Manifest named = m.hasGeneratedName() ? m.withName(generatedName(m, phase, request))
              : m;
          int wave = Annotations.wave(m);
          SyncStep.Hook hook = new SyncStep.Hook(named, phase, type, wave,
              Annotations.deletePolicies(m, DELETION_HOOK_DEFAULT_POLICIES),
              m.hasGeneratedName());
          if (type == HookType.PRE_DELETE) {
            pre.add(named, phase, wave);
            preHooks.add(hook);
          } else {
            post.add(named, phase, wave);
            postHooks.add(hook);
          }
          hookKeys.add(named.key());
        }
      }
    }
    Tasks resources = new Tasks(request.live().size());
    for (Manifest live : request.live()) {
      if (!hookKeys.contains(live.key())) {
        resources.add(live, SyncPhase.SYNC, Annotations.wave(live));
      }
    }

    List<SyncStep> steps = new ArrayList<>();
    addHooks(pre, preHooks, steps);
    int[] order = Ordering.sort(resources);
    for (int k = order.length - 1; k >= 0; k--) {
      int i = order[k];
      steps.add(resourceStep(resources.manifest(i), resources.wave(i), request));
    }
    addHooks(post, postHooks, steps);
    return new DeletionPlan(steps);
  }

  /** The hooks in order, each with the wave the ordering gave its task. */
  private static void addHooks(Tasks tasks, List<SyncStep.Hook> hooks, List<SyncStep> steps) {
    for (int i : Ordering.sort(tasks)) {
      SyncStep.Hook h = hooks.get(i);
      int wave = tasks.wave(i);
      steps.add(wave == h.wave() ? h : new SyncStep.Hook(h.manifest(), h.phase(), h.type(), wave,
          h.deletePolicies(), h.generatedName()));
    }
  }

  private static SyncStep resourceStep(Manifest live, int wave, DeletionRequest request) {
    SyncOptions eff = request.options().forResource(live);
    if (live.kind().equals("CustomResourceDefinition")
        && live.group().equals("apiextensions.k8s.io")) {
      return new SyncStep.PruneSkipped(live, wave, DeletionPlan.KEPT_CRD);
    }
    if (eff.delete() == Consent.REFUSED) {
      return new SyncStep.PruneSkipped(live, wave, DeletionPlan.KEPT_DELETE_FALSE);
    }
    if (live.annotation(HELM_RESOURCE_POLICY).map(v -> csvContains(v, "keep")).orElse(false)) {
      return new SyncStep.PruneSkipped(live, wave, DeletionPlan.KEPT_RESOURCE_POLICY);
    }
    if (eff.delete() == Consent.CONFIRM && !request.deletionConfirmed()) {
      return new SyncStep.PruneAwaitingConfirmation(live, wave, request.propagationPolicy());
    }
    return new SyncStep.Prune(live, wave, request.propagationPolicy(), false);
  }

  /**
   * The deletion hook types of an object: Argo CD's {@code PreDelete}/{@code PostDelete} or
   * Helm's {@code pre-delete}/{@code post-delete}, read independently.
   */
  static Set<HookType> deletionHookTypes(Manifest m) {
    EnumSet<HookType> out = EnumSet.noneOf(HookType.class);
    Optional<String> argo = m.annotation(Annotations.HOOK);
    Optional<String> helm = m.annotation(Annotations.HELM_HOOK);
    if (argo.map(v -> csvContains(v, HookType.PRE_DELETE.wireName())).orElse(false)
        || helm.map(v -> csvContains(v, "pre-delete")).orElse(false)) {
      out.add(HookType.PRE_DELETE);
    }
    if (argo.map(v -> csvContains(v, HookType.POST_DELETE.wireName())).orElse(false)
        || helm.map(v -> csvContains(v, "post-delete")).orElse(false)) {
      out.add(HookType.POST_DELETE);
    }
    return out;
  }

  private static boolean csvContains(String csv, String value) {
    for (String part : csv.split(",", -1)) {
      if (part.trim().equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static String generatedName(Manifest m, SyncPhase phase, DeletionRequest request) {
    String rev = request.revision();
    String suffix = rev.substring(0, Math.min(7, rev.length())) + "-" + phase.wireName() + "-"
        + request.startedAtEpochSeconds();
    return m.name() + suffix.toLowerCase(Locale.ROOT);
  }
}
