package io.gitopskit.core.sync;

import java.time.Duration;
import java.util.Objects;

/**
 * How often, and after which backoff, a step is retried after a retryable cluster failure
 * (Conflict, Unavailable).
 *
 * @param limit the number of retries after the first attempt; 0 for none
 * @param duration the first backoff
 * @param factor what each further backoff is multiplied by (at least 1)
 * @param maxDuration the upper bound of any backoff
 * @since 0.1
 */
public record RetryPolicy(int limit, Duration duration, int factor, Duration maxDuration) {

  /** Checks the values. */
  public RetryPolicy {
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(maxDuration, "maxDuration");
    if (limit < 0 || factor < 1 || duration.isNegative() || maxDuration.isNegative()) {
      throw new IllegalArgumentException("limit >= 0, factor >= 1 and non-negative durations");
    }
  }

  /**
   * No retries.
   *
   * @return the policy
   */
  public static RetryPolicy none() {
    return new RetryPolicy(0, Duration.ZERO, 1, Duration.ZERO);
  }

  /**
   * Argo CD's defaults: 5 retries, 5 s doubling up to 3 min.
   *
   * @return the policy
   */
  public static RetryPolicy defaults() {
    return new RetryPolicy(5, Duration.ofSeconds(5), 2, Duration.ofMinutes(3));
  }

  /**
   * The backoff before a retry.
   *
   * @param retry the retry number, from 0
   * @return {@code min(duration * factor^retry, maxDuration)}
   */
  public Duration backoff(int retry) {
    Duration d = duration;
    for (int i = 0; i < retry && d.compareTo(maxDuration) < 0; i++) {
      try {
        d = d.multipliedBy(factor);
      } catch (ArithmeticException beyondAnyCap) {
        return maxDuration;
      }
    }
    return d.compareTo(maxDuration) > 0 ? maxDuration : d;
  }
}
