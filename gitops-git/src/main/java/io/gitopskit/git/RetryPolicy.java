package io.gitopskit.git;

import java.time.Duration;
import java.util.Objects;

/**
 * How transient Git failures (network, authentication, a revision not found yet) are retried:
 * up to {@code maxAttempts} tries with exponential backoff, doubling from {@code initialDelay}
 * up to {@code maxDelay}. After the last try the typed {@link GitException} is thrown.
 *
 * @param maxAttempts total tries, at least 1
 * @param initialDelay the wait before the second try
 * @param maxDelay the longest wait between tries
 * @since 0.1
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {

  private static final RetryPolicy DEFAULTS =
      new RetryPolicy(3, Duration.ofMillis(250), Duration.ofSeconds(5));

  /** Validates the components. */
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay");
    }
  }

  /**
   * Three tries, waiting 250 ms then 500 ms.
   *
   * @return the defaults
   */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * One try, no retry.
   *
   * @return the policy
   */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
  }

  /**
   * The wait after a failed try.
   *
   * @param attempt the try that failed, from 1
   * @return the delay before the next try
   */
  public Duration delayAfter(int attempt) {
    Duration d = initialDelay;
    for (int i = 1; i < attempt && d.compareTo(maxDelay) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxDelay) > 0 ? maxDelay : d;
  }
}
