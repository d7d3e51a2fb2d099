package io.gitopskit.core.health;

import java.util.Optional;

/**
 * Argo CD's health codes, declared from best to worst: Healthy, Suspended, Progressing, Missing,
 * Degraded, Unknown. Aggregation takes the worst.
 *
 * @since 0.1
 */
public enum HealthCode {
  /** The resource is as it should be. */
  HEALTHY("Healthy"),
  /** Paused or suspended on purpose (a paused Deployment, a suspended Job or CronJob). */
  SUSPENDED("Suspended"),
  /** Not yet healthy, but still moving towards it. */
  PROGRESSING("Progressing"),
  /** Desired but absent from the cluster. */
  MISSING("Missing"),
  /** Failed, or not able to become healthy without intervention. */
  DEGRADED("Degraded"),
  /** Health could not be determined (e.g. a health script failed). */
  UNKNOWN("Unknown");

  private final String wireName;

  HealthCode(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The spelling Argo CD uses, e.g. {@code Healthy}.
   *
   * @return the wire name
   */
  public String wireName() {
    return wireName;
  }

  /**
   * Whether this code is worse than another (Argo CD's {@code IsWorse}).
   *
   * @param other the other code
   * @return true when this one is worse
   */
  public boolean isWorseThan(HealthCode other) {
    return compareTo(other) > 0;
  }

  /**
   * The worse of two codes.
   *
   * @param a one code
   * @param b another
   * @return the worse one
   */
  public static HealthCode worst(HealthCode a, HealthCode b) {
    return a.isWorseThan(b) ? a : b;
  }

  /**
   * Parses Argo CD's spelling, exactly.
   *
   * @param text e.g. {@code Degraded}
   * @return the code, or empty for an unknown text
   */
  public static Optional<HealthCode> parse(String text) {
    for (HealthCode c : values()) {
      if (c.wireName.equals(text)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return wireName;
  }
}
