package io.gitopskit.core.sync;

import io.gitopskit.core.cluster.WriteOptions;
import io.gitopskit.core.health.HealthChecks;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SyncExecutor} runs a plan.
 *
 * @param fieldManager the server-side apply field manager
 * @param waveTimeout how long a wave may take to become healthy (hooks: to complete)
 * @param pollInterval the time between health polls
 * @param retry the retry policy around retryable cluster failures, per step
 * @param health the health checks deciding when a wave is done
 * @param clock the clock timeouts are measured with
 * @param waiter lets time pass between polls and retries
 * @since 0.1
 */
public record ExecutorOptions(String fieldManager, Duration waveTimeout, Duration pollInterval,
    RetryPolicy retry, HealthChecks health, Clock clock, Waiter waiter) {

  /** Checks for nulls and positive durations. */
  public ExecutorOptions {
    Objects.requireNonNull(fieldManager, "fieldManager");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(waiter, "waiter");
    if (waveTimeout.isNegative() || pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("waveTimeout >= 0 and pollInterval > 0");
    }
  }

  /**
   * Manager {@code gitopskit}, 5 min wave timeout, 1 s polls, {@link RetryPolicy#defaults()},
   * built-in health checks, the system clock and a sleeping waiter.
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
        newWaiter);
  }

  /**
   * A copy with another retry policy.
   *
   * @param value the policy
   * @return the copy
   */
  public ExecutorOptions withRetry(RetryPolicy value) {
    return new ExecutorOptions(fieldManager, waveTimeout, pollInterval, value, health, clock,
        waiter);
  }

  /**
   * A copy with another wave timeout.
   *
   * @param value the timeout
   * @return the copy
   */
  public ExecutorOptions withWaveTimeout(Duration value) {
    return new ExecutorOptions(fieldManager, value, pollInterval, retry, health, clock, waiter);
  }

  /**
   * A copy with another field manager.
   *
   * @param value the manager
   * @return the copy
   */
  public ExecutorOptions withFieldManager(String value) {
    return new ExecutorOptions(value, waveTimeout, pollInterval, retry, health, clock, waiter);
  }
}
