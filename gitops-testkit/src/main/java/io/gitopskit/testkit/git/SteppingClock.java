package io.gitopskit.testkit.git;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A deterministic clock that starts at a fixed instant and advances by a fixed step each time it
 * is read: the n-th call to {@link #instant()} (counting from 0) returns {@code start + n * step}.
 * {@link TestGitRepo} reads its clock once per commit and once per annotated tag, so the default
 * clock gives each commit its own second.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class SteppingClock extends Clock {

  /** The instant {@link #defaults()} starts at: 2026-01-01T00:00:00Z. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  private final Instant start;
  private final Duration step;
  private final ZoneId zone;
  private final AtomicLong reads;

  private SteppingClock(Instant start, Duration step, ZoneId zone, long reads) {
    this.start = start;
    this.step = step;
    this.zone = zone;
    this.reads = new AtomicLong(reads);
  }

  /**
   * A clock starting at {@link #DEFAULT_START} that advances one second per read, in UTC.
   *
   * @return a new clock
   */
  public static SteppingClock defaults() {
    return startingAt(DEFAULT_START, Duration.ofSeconds(1));
  }

  /**
   * A clock starting at {@code start} that advances by {@code step} per read, in UTC.
   *
   * @param start the first instant returned
   * @param step the advance per read; not negative
   * @return a new clock
   */
  public static SteppingClock startingAt(Instant start, Duration step) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(step, "step");
    if (step.isNegative()) {
      throw new IllegalArgumentException("step must not be negative");
    }
    return new SteppingClock(start, step, ZoneOffset.UTC, 0);
  }

  /**
   * Returns the current instant and advances the clock by one step.
   *
   * @return {@code start + n * step} for the n-th read
   */
  @Override
  public Instant instant() {
    return start.plus(step.multipliedBy(reads.getAndIncrement()));
  }

  /**
   * The instant the next {@link #instant()} call will return, without advancing.
   *
   * @return the next instant
   */
  public Instant peek() {
    return start.plus(step.multipliedBy(reads.get()));
  }

  /** The zone, UTC unless changed with {@link #withZone(ZoneId)}. */
  @Override
  public ZoneId getZone() {
    return zone;
  }

  /**
   * An independent copy in another zone, continuing from this clock's current position.
   *
   * @param zone the zone
   * @return the copy
   */
  @Override
  public Clock withZone(ZoneId zone) {
    return new SteppingClock(start, step, Objects.requireNonNull(zone, "zone"), reads.get());
  }

  /** {@code SteppingClock[next=..., step=..., zone=...]}. */
  @Override
  public String toString() {
    return "SteppingClock[next=" + peek() + ", step=" + step + ", zone=" + zone + "]";
  }
}
