package io.gitopskit.testkit;

import io.gitopskit.core.cluster.ClusterException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Fault injection for a {@link SimulatedCluster}, reproducible from a seed: errors by verb, kind
 * and name with a probability, added latency, and a switch that makes the whole API
 * unavailable. Thread-safe; changes take effect on the next request.
 *
 * <p>Verbs are Kubernetes' own: {@code get}, {@code list}, {@code watch}, {@code create},
 * {@code update}, {@code patch}, {@code apply} (server-side), {@code delete}; {@code *} matches
 * every verb, kind or name.
 *
 * @since 0.1
 */
public final class Faults {

  private record Rule(String verb, String kind, String name, double probability,
      Supplier<? extends ClusterException> error) {}

  private final List<Rule> rules = new ArrayList<>();
  private final Random random;
  private boolean unavailable;
  private Duration latency = Duration.ZERO;

  Faults(long seed) {
    this.random = new Random(seed);
  }

  /**
   * Makes matching requests fail with the error, each with the given probability.
   *
   * @param verb the verb or {@code *}
   * @param kind the kind (e.g. {@code Deployment}) or {@code *}
   * @param name the object name or {@code *}
   * @param probability from 0 (never) to 1 (always)
   * @param error creates the failure
   * @return this
   * @throws IllegalArgumentException for a probability outside [0, 1]
   */
  public synchronized Faults fail(String verb, String kind, String name, double probability,
      Supplier<? extends ClusterException> error) {
    if (probability < 0 || probability > 1) {
      throw new IllegalArgumentException("probability must be within [0, 1]: " + probability);
    }
    rules.add(new Rule(Objects.requireNonNull(verb), Objects.requireNonNull(kind),
        Objects.requireNonNull(name), probability, Objects.requireNonNull(error)));
    return this;
  }

  /**
   * Makes every matching request fail with the error.
   *
   * @param verb the verb or {@code *}
   * @param kind the kind or {@code *}
   * @param error creates the failure
   * @return this
   */
  public Faults fail(String verb, String kind, Supplier<? extends ClusterException> error) {
    return fail(verb, kind, "*", 1.0, error);
  }

  /**
   * Switches the whole API off (every request fails with {@code Unavailable}) or on.
   *
   * @param value true to make the cluster unreachable
   * @return this
   */
  public synchronized Faults unavailable(boolean value) {
    unavailable = value;
    return this;
  }

  /**
   * Adds real latency (a sleep) to every request, to exercise timeouts.
   *
   * @param value the delay, zero for none
   * @return this
   */
  public synchronized Faults latency(Duration value) {
    if (value.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative");
    }
    latency = value;
    return this;
  }

  /**
   * Removes every rule, the unavailability and the latency.
   *
   * @return this
   */
  public synchronized Faults clear() {
    rules.clear();
    unavailable = false;
    latency = Duration.ZERO;
    return this;
  }

  /** Applies the configured faults to one request; throws the injected failure, if any. */
  void check(String verb, String kind, @Nullable String name) {
    Duration delay;
    ClusterException failure = null;
    synchronized (this) {
      delay = latency;
      if (unavailable) {
        failure = new ClusterException.Unavailable(
            "the cluster is unavailable (simulated): " + verb + " " + kind, null);
      } else {
        for (Rule r : rules) {
          if (matches(r.verb, verb) && matches(r.kind, kind)
              && (r.name.equals("*") || r.name.equals(name))
              && (r.probability >= 1.0 || random.nextDouble() < r.probability)) {
            failure = r.error.get();
            break;
          }
        }
      }
    }
    if (!delay.isZero()) {
      try {
        Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ClusterException.Unavailable("interrupted while waiting (simulated latency)", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static boolean matches(String pattern, String value) {
    return pattern.equals("*") || pattern.equalsIgnoreCase(value);
  }
}
