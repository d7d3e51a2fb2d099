package io.gitopskit.core.sync;

import io.gitopskit.core.cluster.WriteOptions;
import io.gitopskit.core.diff.ignore.IgnoreRules;
import io.gitopskit.core.health.HealthChecks;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link SyncExecutor} runs a plan.
 *
 * @param fieldManager the field manager of every write (client-side apply, replace, create and
 *     server-side apply)
 * @param waveTimeout how long a wave may take to become healthy (hooks: to complete)
 * @param pollInterval the time between health polls
 * @param retry the retry policy around retryable cluster failures, per step
 * @param health the health checks deciding when a wave is done
 * @param clock the clock timeouts are measured with
 * @param waiter lets time pass between polls and retries
 * @param tracking how the application marks and recognises its objects; when present, desired
 *     objects are marked before they are written, objects claimed by another application are
 *     reported ({@code SharedResourceWarning}) or fail the sync ({@code
 *     FailOnSharedResource=true}), and a prune of an object this application does not track is
 *     refused. Empty: objects are written as planned and the plan's prune candidates are trusted
 * @param ignoreRules the application's {@code ignoreDifferences}, honoured when writing objects
 *     with {@code RespectIgnoreDifferences=true}
 * @param syncOptions the application's sync options ({@code syncPolicy.syncOptions}, or the
 *     operation's): as in gitops-engine they apply to hooks too, each hook's {@code
 *     argocd.argoproj.io/sync-options} annotation overriding them (a plan carries the effective
 *     options of every apply, not of hooks); their {@code PrunePropagationPolicy} is also how
 *     hooks are deleted (delete policies, BeforeHookCreation, termination)
 * @since 0.1
 */
public record ExecutorOptions(String fieldManager, Duration waveTimeout, Duration pollInterval,
    RetryPolicy retry, HealthChecks health, Clock clock, Waiter waiter,
    Optional<ResourceTracking> tracking, IgnoreRules ignoreRules, SyncOptions syncOptions) {

  /** Checks for nulls and positive durations. */
  public ExecutorOptions {
    Objects.requireNonNull(fieldManager, "fieldManager");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(waiter, "waiter");
    Objects.requireNonNull(tracking, "tracking");
    Objects.requireNonNull(ignoreRules, "ignoreRules");
    Objects.requireNonNull(syncOptions, "syncOptions");
    if (waveTimeout.isNegative() || pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("waveTimeout >= 0 and pollInterval > 0");
    }
  }

  /**
   * Options with the default application sync options.
   *
   * @param fieldManager the field manager of every write
   * @param waveTimeout how long a wave may take to become healthy
   * @param pollInterval the time between health polls
   * @param retry the retry policy
   * @param health the health checks
   * @param clock the clock
   * @param waiter lets time pass
   * @param tracking the application's tracking, if any
   * @param ignoreRules the application's ignore rules
   */
  public ExecutorOptions(String fieldManager, Duration waveTimeout, Duration pollInterval,
      RetryPolicy retry, HealthChecks health, Clock clock, Waiter waiter,
      Optional<ResourceTracking> tracking, IgnoreRules ignoreRules) {
    this(fieldManager, waveTimeout, pollInterval, retry, health, clock, waiter, tracking,
        ignoreRules, SyncOptions.defaults());
  }

  /**
   * Options without resource tracking and without ignore rules.
   *
   * @param fieldManager the field manager of every write
   * @param waveTimeout how long a wave may take to become healthy
   * @param pollInterval the time between health polls
   * @param retry the retry policy
   * @param health the health checks
   * @param clock the clock
   * @param waiter lets time pass
   */
  public ExecutorOptions(String fieldManager, Duration waveTimeout, Duration pollInterval,
      RetryPolicy retry, HealthChecks health, Clock clock, Waiter waiter) {
    this(fieldManager, waveTimeout, pollInterval, retry, health, clock, waiter,
        Optional.empty(), IgnoreRules.empty(), SyncOptions.defaults());
  }

  /**
   * Manager {@code gitopskit}, 5 min wave timeout, 1 s polls, {@link RetryPolicy#defaults()},
   * built-in health checks, the system clock and a sleeping waiter; no tracking, no ignore rules.
   *
   * @return the defaults
   */
  public static ExecutorOptions defaults() {
    return new ExecutorOptions(WriteOptions.DEFAULT_MANAGER, Duration.ofMinutes(5),
        Duration.ofSeconds(1), RetryPolicy.defaults(), HealthChecks.builtIn(),
        Clock.systemUTC(), Waiter.sleeping());
  }

  /**
   * A copy with another clock and waiter (tests: a manual clock advanced by the waiter).
   *
   * @param newClock the clock
   * @param newWaiter the waiter
   * @return the copy
   */
  public ExecutorOptions withTime(Clock newClock, Waiter newWaiter) {
    return new ExecutorOptions(fieldManager, waveTimeout, pollInterval, retry, health, newClock,
        newWaiter, tracking, ignoreRules, syncOptions);
  }

  /**
   * A copy with another retry policy.
   *
   * @param value the policy
   * @return the copy
   */
  public ExecutorOptions withRetry(RetryPolicy value) {
    return new ExecutorOptions(fieldManager, waveTimeout, pollInterval, value, health, clock,
        waiter, tracking, ignoreRules, syncOptions);
  }

  /**
   * A copy with another wave timeout.
   *
   * @param value the timeout
   * @return the copy
   */
  public ExecutorOptions withWaveTimeout(Duration value) {
    return new ExecutorOptions(fieldManager, value, pollInterval, retry, health, clock, waiter,
        tracking, ignoreRules, syncOptions);
  }

  /**
   * A copy with another field manager.
   *
   * @param value the manager
   * @return the copy
   */
  public ExecutorOptions withFieldManager(String value) {
    return new ExecutorOptions(value, waveTimeout, pollInterval, retry, health, clock, waiter,
        tracking, ignoreRules, syncOptions);
  }

  /**
   * A copy that tracks objects for an application.
   *
   * @param value the application's tracking
   * @return the copy
   */
  public ExecutorOptions withTracking(ResourceTracking value) {
    return new ExecutorOptions(fieldManager, waveTimeout, pollInterval, retry, health, clock,
        waiter, Optional.of(value), ignoreRules, syncOptions);
  }

  /**
   * A copy with the application's ignore rules (for {@code RespectIgnoreDifferences=true}).
   *
   * @param value the rules
   * @return the copy
   */
  public ExecutorOptions withIgnoreRules(IgnoreRules value) {
    return new ExecutorOptions(fieldManager, waveTimeout, pollInterval, retry, health, clock,
        waiter, tracking, value, syncOptions);
  }

  /**
   * A copy with the application's sync options (for hooks, and how hooks are deleted).
   *
   * @param value e.g. {@code SyncOptions.parse(app.syncPolicy().syncOptions())}
   * @return the copy
   */
  public ExecutorOptions withSyncOptions(SyncOptions value) {
    return new ExecutorOptions(fieldManager, waveTimeout, pollInterval, retry, health, clock,
        waiter, tracking, ignoreRules, value);
  }
}
