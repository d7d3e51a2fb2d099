package io.gitopskit.core.appset.rollout;

import io.gitopskit.core.cluster.LabelSelector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The RollingSync planner: given the steps and the applications' current status, decides which
 * applications may sync now. Pure.
 *
 * <ul>
 *   <li>An application belongs to the first step whose {@code matchExpressions} all hold
 *       against its labels ({@code In} with the label absent does not hold, {@code NotIn} with
 *       it absent does). Applications in no step are never synced by the rollout.
 *   <li>Step k is eligible only when every application of steps 1..k−1 is Synced and Healthy
 *       at the target revision. Empty steps are skipped (and reported).
 *   <li>Within an eligible step at most {@code maxUpdate} applications are in flight: an
 *       integer, or a percentage of the step rounded down but at least 1 unless it is {@code
 *       0%}; {@code 0} is a manual gate. Progressing applications count against it.
 *   <li>Only {@code In} and {@code NotIn} are valid; other operators, a bad {@code maxUpdate}
 *       or no steps make the configuration invalid and nothing is synced.
 * </ul>
 *
 * <p>This is the dev → staging → prod path: steps {@code env In (dev)}, {@code env In
 * (staging)}, {@code env In (prod)}.
 *
 * @since 0.1
 */
public final class RollingSyncPlanner {

  private RollingSyncPlanner() {}

  /**
   * The 0-based index of the first step selecting the labels.
   *
   * @param steps the steps
   * @param labels an application's labels
   * @return the index, or -1 when no step selects it
   */
  public static int stepOf(List<RolloutStep> steps, Map<String, String> labels) {
    for (int i = 0; i < steps.size(); i++) {
      if (selects(steps.get(i), labels)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean selects(RolloutStep step, Map<String, String> labels) {
    for (LabelSelector.Requirement r : step.matchExpressions()) {
      if (!r.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Plans one round of the rollout.
   *
   * @param steps the RollingSync steps
   * @param apps the generated applications and their status
   * @return the decision
   */
  public static RolloutDecision plan(List<RolloutStep> steps, List<RolloutApp> apps) {
    String invalid = validate(steps);
    if (!invalid.isEmpty()) {
      return new RolloutDecision(List.of(), Map.of(), 0, invalid, List.of());
    }
    List<String> warnings = new ArrayList<>();
    List<List<RolloutApp>> members = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      members.add(new ArrayList<>());
    }
    List<RolloutApp> sorted = new ArrayList<>(apps);
    sorted.sort(Comparator.comparing(RolloutApp::name));
    for (RolloutApp app : sorted) {
      int first = -1;
      int count = 0;
      for (int i = 0; i < steps.size(); i++) {
        if (selects(steps.get(i), app.labels())) {
          count++;
          if (first < 0) {
            first = i;
          }
        }
      }
      if (first < 0) {
        warnings.add("application " + app.name() + " is in no step and is not synced by the"
            + " rollout");
        continue;
      }
      if (count > 1) {
        warnings.add("application " + app.name() + " is selected by " + count
            + " steps; it uses step " + (first + 1));
      }
      members.get(first).add(app);
    }
    Map<String, RolloutDecision.AppStatus> statuses = new TreeMap<>();
    List<String> syncNow = new ArrayList<>();
    boolean previousDone = true;
    int current = 0;
    for (int i = 0; i < steps.size(); i++) {
      List<RolloutApp> step = members.get(i);
      if (step.isEmpty()) {
        warnings.add("step " + (i + 1) + " selects no application");
      }
      int limit = limit(steps.get(i).maxUpdate(), step.size());
      int inFlight = 0;
      for (RolloutApp app : step) {
        if (app.isProgressing()) {
          inFlight++;
        }
      }
      boolean stepDone = true;
      for (RolloutApp app : step) {
        RolloutDecision.State state;
        if (app.isDone()) {
          state = RolloutDecision.State.HEALTHY;
        } else if (app.isProgressing()) {
          state = RolloutDecision.State.PROGRESSING;
          stepDone = false;
        } else if (previousDone && inFlight < limit) {
          state = RolloutDecision.State.PENDING;
          syncNow.add(app.name());
          inFlight++;
          stepDone = false;
        } else {
          state = RolloutDecision.State.WAITING;
          stepDone = false;
        }
        statuses.put(app.name(), new RolloutDecision.AppStatus(state, i + 1));
      }
      if (previousDone && !stepDone && current == 0) {
        current = i + 1;
      }
      previousDone = previousDone && stepDone;
    }
    return new RolloutDecision(syncNow, statuses, current, "", warnings);
  }

  private static String validate(List<RolloutStep> steps) {
    if (steps.isEmpty()) {
      return "No steps defined for rollout";
    }
    for (int i = 0; i < steps.size(); i++) {
      for (LabelSelector.Requirement r : steps.get(i).matchExpressions()) {
        if (r.operator() != LabelSelector.Operator.IN
            && r.operator() != LabelSelector.Operator.NOT_IN) {
          return "step " + (i + 1) + ": operator of key " + r.key()
              + " is not supported; only In and NotIn are";
        }
      }
      String mu = steps.get(i).maxUpdate();
      if (!mu.isEmpty() && !mu.matches("\\d+%?")) {
        return "step " + (i + 1) + ": maxUpdate must be an integer or a percentage";
      }
    }
    return "";
  }

  /** The in-flight limit of a step: maxUpdate as count or percentage of the step's size. */
  static int limit(String maxUpdate, int size) {
    if (maxUpdate.isEmpty()) {
      return size;
    }
    if (maxUpdate.endsWith("%")) {
      // a share above 100% allows the whole step, however many digits it has
      long pct = Math.min(100, saturated(maxUpdate.substring(0, maxUpdate.length() - 1)));
      if (pct == 0) {
        return 0;
      }
      return Math.max(1, (int) (size * pct / 100));
    }
    return (int) Math.min(Integer.MAX_VALUE, saturated(maxUpdate));
  }

  /** Decimal digits as a number, {@link Long#MAX_VALUE} when there are too many to fit. */
  private static long saturated(String digits) {
    String d = digits.replaceFirst("^0+(?=.)", "");
    return d.length() > 18 ? Long.MAX_VALUE : Long.parseLong(d);
  }
}
