/**
 * Argo CD's {@code AppProject} and its policy.
 *
 * <ul>
 *   <li>{@link io.gitopskit.core.project.AppProject} (read and written by {@link
 *       io.gitopskit.core.project.AppProjectYaml}): source repositories, destinations,
 *       cluster- and namespace-scoped resource allow/deny lists ({@link
 *       io.gitopskit.core.project.ResourceRule}), {@link io.gitopskit.core.project.SyncWindow}s,
 *       source namespaces, orphaned-resource settings.
 *   <li>{@link io.gitopskit.core.project.ProjectPolicy} evaluates an application, a resource or
 *       a sync against the project with Argo CD's exact rules and returns a sealed {@link
 *       io.gitopskit.core.project.Decision}: {@code Allowed}, or {@code Refused} naming the
 *       rule ({@code spec.sourceRepos[2]}, {@code spec.syncWindows[0]}, ...).
 *   <li>{@link io.gitopskit.core.project.SyncWindows} is the sync-window decision as a pure
 *       function of the windows, the application, the time and whether the sync is manual.
 * </ul>
 *
 * <h2>Patterns</h2>
 *
 * <p>Three dialects, as in Argo CD: source repositories are globs with {@code /} as separator
 * ({@code *} within a segment, {@code **} across; exactly {@code *} matches every URL);
 * destinations and sync-window selectors are globs without separators; resource group, kind and
 * name use Go's {@code filepath.Match}. A leading {@code !} negates in source repositories and
 * destinations only. A malformed pattern matches nothing (and is a warning when read).
 *
 * <h2>Schedules</h2>
 *
 * <p>Sync-window schedules are cron expressions as robfig/cron reads them: five fields
 * (minute, hour, day of month, month, day of week) with {@code *}, {@code ?}, ranges, steps,
 * lists and names ({@code JAN}, {@code MON}); descriptors ({@code @daily}, {@code @every 2h})
 * and a {@code TZ=} prefix are accepted too, although Argo CD's own parser refuses descriptors
 * (a warning when read). Durations are Go durations ({@code 1h30m}).
 */
@NullMarked
package io.gitopskit.core.project;

import org.jspecify.annotations.NullMarked;
