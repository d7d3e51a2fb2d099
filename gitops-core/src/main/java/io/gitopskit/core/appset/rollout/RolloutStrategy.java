package io.gitopskit.core.appset.rollout;

import java.util.List;
import java.util.Objects;

/**
 * An ApplicationSet's {@code spec.strategy}.
 *
 * @param type AllAtOnce or RollingSync
 * @param steps the RollingSync steps, in order
 * @param reverseDeletion {@code deletionOrder: Reverse}: delete the last step's apps first
 * @since 0.1
 */
public record RolloutStrategy(Type type, List<RolloutStep> steps, boolean reverseDeletion) {

  private static final RolloutStrategy ALL_AT_ONCE = new RolloutStrategy(Type.ALL_AT_ONCE,
      List.of(), false);

  /** The strategy types. */
  public enum Type {
    /** Every application syncs on its own schedule (the default). */
    ALL_AT_ONCE,
    /** Steps selected by labels, each gated on the previous one being healthy. */
    ROLLING_SYNC
  }

  /** Copies the steps. */
  public RolloutStrategy {
    Objects.requireNonNull(type, "type");
    steps = List.copyOf(steps);
  }

  /**
   * The default strategy.
   *
   * @return AllAtOnce
   */
  public static RolloutStrategy allAtOnce() {
    return ALL_AT_ONCE;
  }

  /**
   * A RollingSync strategy.
   *
   * @param steps the steps
   * @return the strategy
   */
  public static RolloutStrategy rollingSync(List<RolloutStep> steps) {
    return new RolloutStrategy(Type.ROLLING_SYNC, steps, false);
  }

  /**
   * Whether this is RollingSync.
   *
   * @return true for RollingSync
   */
  public boolean isRollingSync() {
    return type == Type.ROLLING_SYNC;
  }
}
