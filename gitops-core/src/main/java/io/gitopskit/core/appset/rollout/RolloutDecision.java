package io.gitopskit.core.appset.rollout;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the RollingSync planner decided.
 *
 * @param syncNow the applications to sync now (they become Pending), in step then name order
 * @param statuses every selected application's rollout status and step
 * @param currentStep the 1-based step being rolled out, or 0 when the rollout is done (or
 *     invalid)
 * @param invalid why the configuration is invalid ({@code InvalidRolloutConfig}), or {@code ""}
 * @param warnings empty steps, applications selected by several steps, applications in no step
 * @since 0.1
 */
public record RolloutDecision(List<String> syncNow, Map<String, AppStatus> statuses,
    int currentStep, String invalid, List<String> warnings) {

  /** Copies the components. */
  public RolloutDecision {
    syncNow = List.copyOf(syncNow);
    statuses = Collections.unmodifiableMap(new TreeMap<>(statuses));
    Objects.requireNonNull(invalid, "invalid");
    warnings = List.copyOf(warnings);
  }

  /** Per-application rollout states, as in the ApplicationSet's {@code applicationStatus}. */
  public enum State {
    /** Needs a sync; its step is not eligible yet or has no room. */
    WAITING,
    /** Selected to sync now. */
    PENDING,
    /** Syncing, or synced but not yet healthy. */
    PROGRESSING,
    /** Synced and Healthy at the target revision. */
    HEALTHY
  }

  /**
   * One application's rollout status.
   *
   * @param state the state
   * @param step the 1-based step the application belongs to
   * @since 0.1
   */
  public record AppStatus(State state, int step) {}
}
