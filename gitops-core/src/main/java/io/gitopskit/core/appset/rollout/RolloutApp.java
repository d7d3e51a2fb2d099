package io.gitopskit.core.appset.rollout;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the RollingSync planner knows about one generated application.
 *
 * @param name the application name
 * @param labels the application's labels (steps select on these, not on parameters)
 * @param synced whether the application's sync status is Synced
 * @param healthy whether the application's health is Healthy
 * @param syncedRevision the revision the application is synced to, or {@code ""}
 * @param targetRevision the revision the rollout brings it to
 * @param operationRunning whether a sync operation is in progress
 * @since 0.1
 */
public record RolloutApp(String name, Map<String, String> labels, boolean synced,
    boolean healthy, String syncedRevision, String targetRevision, boolean operationRunning) {

  /** Validates and copies. */
  public RolloutApp {
    Objects.requireNonNull(name, "name");
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    Objects.requireNonNull(syncedRevision, "syncedRevision");
    Objects.requireNonNull(targetRevision, "targetRevision");
  }

  /**
   * Whether the application is done: Synced and Healthy at the target revision.
   *
   * @return true when done
   */
  public boolean isDone() {
    return synced && healthy && syncedRevision.equals(targetRevision) && !operationRunning;
  }

  /**
   * Whether the application is on its way: an operation runs, or it reached the target
   * revision but is not yet Synced and Healthy.
   *
   * @return true when progressing
   */
  public boolean isProgressing() {
    return !isDone() && (operationRunning || syncedRevision.equals(targetRevision) && synced);
  }
}
