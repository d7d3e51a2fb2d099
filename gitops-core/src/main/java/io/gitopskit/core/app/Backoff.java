package io.gitopskit.core.app;

import io.gitopskit.core.internal.GoDuration;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code syncPolicy.retry.backoff}. Durations are kept as written: a bare integer is seconds,
 * anything else a Go duration ({@code 5s}, {@code 3m}). The wait before retry {@code n} (from
 * 0) is {@code duration × factor^n}, capped at {@code maxDuration} when that is positive.
 *
 * @param duration the first wait, {@code ""} for the default 5s
 * @param factor the multiplier (at least 1), or null for the default 2
 * @param maxDuration the cap, {@code ""} for the default 3m
 * @since 0.1
 */
public record Backoff(String duration, @Nullable Long factor, String maxDuration) {

  /** Argo CD's default first wait. */
  public static final Duration DEFAULT_DURATION = Duration.ofSeconds(5);

  /** Argo CD's default factor. */
  public static final long DEFAULT_FACTOR = 2;

  /** Argo CD's default cap. */
  public static final Duration DEFAULT_MAX_DURATION = Duration.ofMinutes(3);

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if a duration cannot be parsed or is negative, or the
   *     factor is below 1
   */
  public Backoff {
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(maxDuration, "maxDuration");
    if (factor != null && factor < 1) {
      throw new IllegalArgumentException("factor must be at least 1");
    }
    parse(duration, DEFAULT_DURATION, "duration");
    parse(maxDuration, DEFAULT_MAX_DURATION, "maxDuration");
  }

  /** @return the first wait, the default when not written */
  public Duration effectiveDuration() {
    return parse(duration, DEFAULT_DURATION, "duration");
  }

  /** @return the factor, the default when not written */
  public long effectiveFactor() {
    return factor == null ? DEFAULT_FACTOR : factor;
  }

  /** @return the cap, the default when not written; zero means no cap */
  public Duration effectiveMaxDuration() {
    return parse(maxDuration, DEFAULT_MAX_DURATION, "maxDuration");
  }

  private static Duration parse(String text, Duration fallback, String field) {
    if (text.isEmpty()) {
      return fallback;
    }
    Duration d;
    try {
      d = GoDuration.parseSecondsOrDuration(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
    }
    if (d.isNegative()) {
      throw new IllegalArgumentException(field + " must not be negative");
    }
    return d;
  }
}
