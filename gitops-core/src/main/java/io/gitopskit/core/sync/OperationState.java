package io.gitopskit.core.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of a sync operation: its phase, message, per-resource results and how far it got.
 *
 * @param phase the operation phase
 * @param message why it is in that phase
 * @param results per resource and phase, sorted by {@link ResourceResult#ORDER}
 * @param lastCompletedWave the index, in {@link SyncExecutor#waves(SyncPlan)}, of the last
 *     wave that completed (applied and healthy); -1 when none did
 * @param startedAt when the operation started
 * @param finishedAt when it finished; empty while it runs
 * @since 0.1
 */
public record OperationState(OperationPhase phase, String message, List<ResourceResult> results,
    int lastCompletedWave, Instant startedAt, Optional<Instant> finishedAt) {

  /** Checks, sorts and copies. */
  public OperationState {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(message, "message");
    List<ResourceResult> sorted = new ArrayList<>(results);
    sorted.sort(ResourceResult.ORDER);
    results = List.copyOf(sorted);
    if (lastCompletedWave < -1) {
      throw new IllegalArgumentException("lastCompletedWave must be >= -1");
    }
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
  }

  /**
   * The result for a resource in a phase.
   *
   * @param key the resource key as text, e.g. {@code apps/Deployment/shop/web}
   * @param syncPhase the phase
   * @return the result, if any
   */
  public Optional<ResourceResult> result(String key, SyncPhase syncPhase) {
    for (ResourceResult r : results) {
      if (r.key().toString().equals(key) && r.syncPhase() == syncPhase) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
