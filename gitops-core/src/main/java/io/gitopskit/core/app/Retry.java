package io.gitopskit.core.app;

import io.gitopskit.core.sync.RetryPolicy;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * {@code syncPolicy.retry}: how a failed sync operation is retried.
 *
 * @param limit the number of retries: negative for unlimited, 0 for none
 * @param backoff the backoff, or null for the defaults (5s, ×2, 3m)
 * @param refresh whether a retry uses the latest revision rather than the failed one
 * @since 0.1
 */
public record Retry(long limit, @Nullable Backoff backoff, boolean refresh) {

  /** A cap standing for "no cap" (a non-positive {@code maxDuration}). */
  private static final Duration UNCAPPED = Duration.ofDays(36_500);

  /**
   * This retry as the sync executor's policy. A negative limit (unlimited) becomes {@link
   * Integer#MAX_VALUE}, as does a factor beyond an {@code int}; a non-positive {@code
   * maxDuration} means no cap.
   *
   * @return the policy
   */
  public RetryPolicy toRetryPolicy() {
    Backoff b = backoff == null ? new Backoff("", null, "") : backoff;
    int lim = limit < 0 || limit > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) limit;
    int factor = (int) Math.min(Integer.MAX_VALUE, b.effectiveFactor());
    Duration max = b.effectiveMaxDuration();
    if (max.isZero() || max.isNegative()) {
      max = UNCAPPED;
    }
    Duration first = b.effectiveDuration();
    return new RetryPolicy(lim, first.compareTo(max) > 0 ? max : first, factor, max);
  }
}
