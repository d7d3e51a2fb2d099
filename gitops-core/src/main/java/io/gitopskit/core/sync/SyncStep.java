package io.gitopskit.core.sync;

import io.gitopskit.core.cluster.PropagationPolicy;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ResourceKey;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One step of a {@link SyncPlan}: apply a desired object, run a hook, or prune (or decline to
 * prune) a live object.
 *
 * @since 0.1
 */
public sealed interface SyncStep
    permits SyncStep.Apply, SyncStep.Hook, SyncStep.Prune, SyncStep.PruneSkipped,
        SyncStep.PruneAwaitingConfirmation {

  /**
   * The object this step acts on.
   *
   * @return the desired object (apply, hook) or the live one (prune steps)
   */
  Manifest manifest();

  /**
   * The phase the step runs in.
   *
   * @return the phase
   */
  SyncPhase phase();

  /**
   * The wave the step runs in, after dependency bubbling and prune mirroring.
   *
   * @return the wave
   */
  int wave();

  /**
   * The identity of the object this step acts on.
   *
   * @return the manifest's key
   */
  default ResourceKey key() {
    return manifest().key();
  }

  /**
   * Apply a desired object (create or update it).
   *
   * @param manifest the desired object
   * @param phase the phase (Sync, or PreSync for an auto-created namespace, or the phase a
   *     Namespace or CRD adopted from the first object that needs it)
   * @param wave the wave
   * @param options the effective options (application overridden by the annotation)
   */
  record Apply(Manifest manifest, SyncPhase phase, int wave, SyncOptions options)
      implements SyncStep {
    /** Checks for nulls. */
    public Apply {
      Objects.requireNonNull(manifest, "manifest");
      Objects.requireNonNull(phase, "phase");
      Objects.requireNonNull(options, "options");
    }
  }

  /**
   * Create a hook object and wait for it to finish.
   *
   * @param manifest the hook, with a generated name already filled in
   * @param phase the phase it runs in
   * @param type the hook type that put it in that phase
   * @param wave the wave
   * @param deletePolicies when to delete it; never empty
   * @param generatedName whether the name was generated from {@code metadata.generateName}
   */
  record Hook(Manifest manifest, SyncPhase phase, HookType type, int wave,
      Set<HookDeletePolicy> deletePolicies, boolean generatedName) implements SyncStep {
    /**
     * Checks and copies.
     *
     * @throws IllegalArgumentException when the policies are empty or the type is Skip
     */
    public Hook {
      Objects.requireNonNull(manifest, "manifest");
      Objects.requireNonNull(phase, "phase");
      Objects.requireNonNull(type, "type");
      if (deletePolicies.isEmpty() || type == HookType.SKIP) {
        throw new IllegalArgumentException("a hook needs a phase type and a delete policy");
      }
      deletePolicies = Collections.unmodifiableSet(EnumSet.copyOf(deletePolicies));
    }
  }

  /**
   * Delete a live object that is no longer desired.
   *
   * @param manifest the live object
   * @param wave the mirrored wave (or the last Sync wave + 1 with PruneLast)
   * @param propagationPolicy how dependents are treated
   * @param pruneLast whether PruneLast moved it to the end
   */
  record Prune(Manifest manifest, int wave, PropagationPolicy propagationPolicy,
      boolean pruneLast) implements SyncStep {
    /** Checks for nulls. */
    public Prune {
      Objects.requireNonNull(manifest, "manifest");
      Objects.requireNonNull(propagationPolicy, "propagationPolicy");
    }

    /** @return always {@link SyncPhase#SYNC} */
    @Override
    public SyncPhase phase() {
      return SyncPhase.SYNC;
    }
  }

  /**
   * A live object that is no longer desired but stays: pruning is off for the sync, or the
   * object says {@code Prune=false}.
   *
   * @param manifest the live object
   * @param wave the wave it would have been pruned in
   * @param reason Argo CD's message: {@code ignored (requires pruning)} or {@code ignored (no
   *     prune)}
   */
  record PruneSkipped(Manifest manifest, int wave, String reason) implements SyncStep {
    /** Argo CD's message when pruning is off for the sync. */
    public static final String REQUIRES_PRUNING = "ignored (requires pruning)";
    /** Argo CD's message for {@code Prune=false}. */
    public static final String NO_PRUNE = "ignored (no prune)";

    /** Checks for nulls. */
    public PruneSkipped {
      Objects.requireNonNull(manifest, "manifest");
      Objects.requireNonNull(reason, "reason");
    }

    /** @return always {@link SyncPhase#SYNC} */
    @Override
    public SyncPhase phase() {
      return SyncPhase.SYNC;
    }
  }

  /**
   * A live object with {@code Prune=confirm} that will be pruned only once the sync is
   * confirmed ({@link SyncRequest#pruneConfirmed()}).
   *
   * @param manifest the live object
   * @param wave the wave it will be pruned in
   * @param propagationPolicy how dependents will be treated
   */
  record PruneAwaitingConfirmation(Manifest manifest, int wave,
      PropagationPolicy propagationPolicy) implements SyncStep {
    /** Checks for nulls. */
    public PruneAwaitingConfirmation {
      Objects.requireNonNull(manifest, "manifest");
      Objects.requireNonNull(propagationPolicy, "propagationPolicy");
    }

    /** @return always {@link SyncPhase#SYNC} */
    @Override
    public SyncPhase phase() {
      return SyncPhase.SYNC;
    }
  }
}
