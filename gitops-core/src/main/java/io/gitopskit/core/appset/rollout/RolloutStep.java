package io.gitopskit.core.appset.rollout;

import io.gitopskit.core.cluster.LabelSelector;
import java.util.List;
import java.util.Objects;

/**
 * One RollingSync step: the applications whose labels satisfy every expression, updated at
 * most {@code maxUpdate} at a time.
 *
 * @param matchExpressions the expressions over Application labels; only {@code In} and {@code
 *     NotIn} are valid (others make the rollout configuration invalid)
 * @param maxUpdate an integer ({@code "2"}) or a percentage of the step ({@code "25%"}); {@code
 *     ""} means 100%; {@code "0"} is a manual gate
 * @since 0.1
 */
public record RolloutStep(List<LabelSelector.Requirement> matchExpressions, String maxUpdate) {

  /** Copies the expressions. */
  public RolloutStep {
    matchExpressions = List.copyOf(matchExpressions);
    Objects.requireNonNull(maxUpdate, "maxUpdate");
  }
}
