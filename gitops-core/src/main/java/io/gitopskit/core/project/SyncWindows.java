package io.gitopskit.core.project;

import io.gitopskit.core.app.Application;
import io.gitopskit.core.project.Decision.Check;
import io.gitopskit.core.project.Decision.Refused;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Argo CD's sync-window decision ({@code SyncWindows.CanSync}) over a project's windows, as a
 * pure function of the windows, the application, the time and whether the sync is manual:
 *
 * <ol>
 *   <li>No window applies to the application: allowed.
 *   <li>Some active deny window: refused, unless the sync is manual and <em>every</em> active
 *       deny window has {@code manualSync}. Deny beats allow.
 *   <li>Else some active allow window: allowed.
 *   <li>Else allow windows apply but none is active: refused, unless the sync is manual and
 *       every one of them has {@code manualSync}.
 *   <li>Else (only inactive deny windows): allowed.
 * </ol>
 *
 * <p>For an operation already running ({@code operationStartedAt} given), a refusal in step 2
 * is lifted when every active deny window has {@code syncOverrun} and the sync was allowed when
 * it started; a refusal in step 4 when every inactive allow window has {@code syncOverrun} and
 * the sync was allowed when it started.
 *
 * @since 0.1
 */
public final class SyncWindows {

  /** Argo CD's message for a sync a window blocks. */
  public static final String BLOCKED = "Sync operation blocked by sync window";

  private SyncWindows() {}

  /**
   * The windows that apply to an application, with their indices in the project.
   *
   * @param windows the project's windows
   * @param app the application
   * @return the indices of the matching windows, in order
   */
  public static List<Integer> matching(List<SyncWindow> windows, Application app) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < windows.size(); i++) {
      if (windows.get(i).matches(app)) {
        out.add(i);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Whether a sync may run.
   *
   * @param windows the project's windows
   * @param app the application
   * @param now the current time
   * @param manual whether the sync is manual
   * @param operationStartedAt when a running operation started, or null for a new sync
   * @return the decision; a refusal names the window ({@code spec.syncWindows[i]})
   */
  public static Decision canSync(List<SyncWindow> windows, Application app, Instant now,
      boolean manual, @Nullable Instant operationStartedAt) {
    List<Integer> matching = matching(windows, app);
    if (matching.isEmpty()) {
      return Decision.allowed("no sync window applies");
    }
    Decision d = decide(windows, matching, now, now, manual);
    if (d.isAllowed() || operationStartedAt == null) {
      return d;
    }
    List<Integer> blocking = blockingWindows(windows, matching, now, now);
    boolean allOverrun = !blocking.isEmpty();
    for (int i : blocking) {
      allOverrun &= windows.get(i).syncOverrun();
    }
    if (allOverrun && decide(windows, matching, operationStartedAt, now, manual).isAllowed()) {
      return Decision.allowed("the operation was allowed when it started and every blocking"
          + " window allows overrun");
    }
    return d;
  }

  /** The active deny windows, or when there are none, the inactive allow windows. */
  private static List<Integer> blockingWindows(List<SyncWindow> windows, List<Integer> matching,
      Instant at, Instant offsetAt) {
    List<Integer> activeDeny = new ArrayList<>();
    List<Integer> inactiveAllow = new ArrayList<>();
    boolean activeAllow = false;
    for (int i : matching) {
      SyncWindow w = windows.get(i);
      boolean active = w.isActive(at, offsetAt);
      if (active && w.kind() == SyncWindow.Kind.DENY) {
        activeDeny.add(i);
      } else if (w.kind() == SyncWindow.Kind.ALLOW) {
        if (active) {
          activeAllow = true;
        } else {
          inactiveAllow.add(i);
        }
      }
    }
    if (!activeDeny.isEmpty()) {
      return activeDeny;
    }
    return activeAllow ? List.of() : inactiveAllow;
  }

  private static Decision decide(List<SyncWindow> windows, List<Integer> matching, Instant at,
      Instant offsetAt, boolean manual) {
    List<Integer> activeDeny = new ArrayList<>();
    List<Integer> activeAllow = new ArrayList<>();
    List<Integer> inactiveAllow = new ArrayList<>();
    for (int i : matching) {
      SyncWindow w = windows.get(i);
      boolean active = w.isActive(at, offsetAt);
      if (w.kind() == SyncWindow.Kind.DENY) {
        if (active) {
          activeDeny.add(i);
        }
      } else if (active) {
        activeAllow.add(i);
      } else {
        inactiveAllow.add(i);
      }
    }
    if (!activeDeny.isEmpty()) {
      Integer refusing = firstWithoutManualSync(windows, activeDeny);
      if (manual && refusing == null) {
        return Decision.allowed("manual sync permitted by every active deny window");
      }
      int i = refusing == null ? activeDeny.get(0) : refusing;
      return new Refused(Check.SYNC_WINDOW, "spec.syncWindows[" + i + "]", BLOCKED
          + ": deny window " + windows.get(i) + " is active"
          + (manual ? " and does not allow manual sync" : ""));
    }
    if (!activeAllow.isEmpty()) {
      return Decision.allowed("allow window spec.syncWindows[" + activeAllow.get(0)
          + "] is active");
    }
    if (!inactiveAllow.isEmpty()) {
      Integer refusing = firstWithoutManualSync(windows, inactiveAllow);
      if (manual && refusing == null) {
        return Decision.allowed("manual sync permitted by every inactive allow window");
      }
      int i = refusing == null ? inactiveAllow.get(0) : refusing;
      return new Refused(Check.SYNC_WINDOW, "spec.syncWindows[" + i + "]", BLOCKED
          + ": no allow window is active (" + windows.get(i) + " is not"
          + (manual ? " and does not allow manual sync" : "") + ")");
    }
    return Decision.allowed("only inactive deny windows apply");
  }

  private static @Nullable Integer firstWithoutManualSync(List<SyncWindow> windows,
      List<Integer> indices) {
    for (int i : indices) {
      if (!windows.get(i).manualSync()) {
        return i;
      }
    }
    return null;
  }
}
