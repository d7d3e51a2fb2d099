package io.gitopskit.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A {@link Clock} that moves only when told to, so simulations are deterministic. Listeners
 * (such as a {@link SimulatedCluster}'s controllers) run after every move. Thread-safe.
 *
 * @since 0.1
 */
public final class ManualClock extends Clock {

  /** The default start: 2026-01-01T00:00:00Z. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  private final Object lock = new Object();
  private final List<Consumer<Instant>> listeners = new CopyOnWriteArrayList<>();
  private final ZoneId zone;
  private Instant now;

  private ManualClock(Instant start, ZoneId zone) {
    this.now = start;
    this.zone = zone;
  }

  /**
   * A clock at {@link #DEFAULT_START}, in UTC.
   *
   * @return the clock
   */
  public static ManualClock create() {
    return new ManualClock(DEFAULT_START, ZoneOffset.UTC);
  }

  /**
   * A clock at a given instant, in UTC.
   *
   * @param start the first instant
   * @return the clock
   */
  public static ManualClock startingAt(Instant start) {
    return new ManualClock(Objects.requireNonNull(start, "start"), ZoneOffset.UTC);
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /**
   * A view of this clock in another zone: it reads the same manually moved instant.
   *
   * @param newZone the zone
   * @return this clock if the zone is the same, else a view sharing its instant
   */
  @Override
  public Clock withZone(ZoneId newZone) {
    if (newZone.equals(zone)) {
      return this;
    }
    ManualClock source = this;
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return newZone;
      }

      @Override
      public Clock withZone(ZoneId other) {
        return source.withZone(other);
      }

      @Override
      public Instant instant() {
        return source.instant();
      }
    };
  }

  @Override
  public Instant instant() {
    synchronized (lock) {
      return now;
    }
  }

  /**
   * Moves the clock forward and runs the listeners. A long move is made in steps (one second,
   * or a 600th of the move when that is longer), with the listeners run after each step, so a
   * simulation sees time pass as it would: one {@code advance(Duration.ofMinutes(5))} lets a
   * rollout go through all its waves.
   *
   * @param duration how far, not negative
   * @return the new instant
   * @throws IllegalArgumentException for a negative duration
   */
  public Instant advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a clock cannot go back: " + duration);
    }
    if (listeners.isEmpty() || duration.compareTo(Duration.ofSeconds(1)) <= 0) {
      return step(duration);
    }
    Duration step = duration.dividedBy(600);
    if (step.compareTo(Duration.ofSeconds(1)) < 0) {
      step = Duration.ofSeconds(1);
    }
    Duration remaining = duration;
    Instant t = instant();
    while (!remaining.isZero()) {
      Duration next = remaining.compareTo(step) < 0 ? remaining : step;
      t = step(next);
      remaining = remaining.minus(next);
    }
    return t;
  }

  private Instant step(Duration duration) {
    Instant t;
    synchronized (lock) {
      now = now.plus(duration);
      t = now;
    }
    for (Consumer<Instant> l : listeners) {
      l.accept(t);
    }
    return t;
  }

  /**
   * Moves the clock to an instant not before the current one, and runs the listeners.
   *
   * @param instant the new instant
   * @return the new instant
   * @throws IllegalArgumentException if it is before the current instant
   */
  public Instant set(Instant instant) {
    return advance(Duration.between(instant(), instant));
  }

  /**
   * Registers a listener called with the new instant after every move.
   *
   * @param listener the listener
   */
  public void onAdvance(Consumer<Instant> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  @Override
  public String toString() {
    return "ManualClock[" + instant() + "]";
  }
}
