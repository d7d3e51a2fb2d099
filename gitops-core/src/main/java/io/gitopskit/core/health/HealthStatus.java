package io.gitopskit.core.health;

import java.util.Objects;

/**
 * The health of one resource: a code and a message for people (possibly empty).
 *
 * @param code the health code
 * @param message why, e.g. {@code Deployment "web" exceeded its progress deadline}; never null
 * @since 0.1
 */
public record HealthStatus(HealthCode code, String message) {

  /**
   * Validates.
   *
   * @param code the health code
   * @param message the message, possibly empty
   */
  public HealthStatus {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  /**
   * A status.
   *
   * @param code the code
   * @param message the message
   * @return the status
   */
  public static HealthStatus of(HealthCode code, String message) {
    return new HealthStatus(code, message);
  }

  /**
   * Healthy, without a message.
   *
   * @return the status
   */
  public static HealthStatus healthy() {
    return new HealthStatus(HealthCode.HEALTHY, "");
  }

  /**
   * Healthy with a message.
   *
   * @param message the message
   * @return the status
   */
  public static HealthStatus healthy(String message) {
    return new HealthStatus(HealthCode.HEALTHY, message);
  }

  /**
   * Progressing with a message.
   *
   * @param message the message
   * @return the status
   */
  public static HealthStatus progressing(String message) {
    return new HealthStatus(HealthCode.PROGRESSING, message);
  }

  /**
   * Degraded with a message.
   *
   * @param message the message
   * @return the status
   */
  public static HealthStatus degraded(String message) {
    return new HealthStatus(HealthCode.DEGRADED, message);
  }

  /**
   * Suspended with a message.
   *
   * @param message the message
   * @return the status
   */
  public static HealthStatus suspended(String message) {
    return new HealthStatus(HealthCode.SUSPENDED, message);
  }

  /**
   * Unknown with a message (typically an error text).
   *
   * @param message the message
   * @return the status
   */
  public static HealthStatus unknown(String message) {
    return new HealthStatus(HealthCode.UNKNOWN, message);
  }

  /**
   * Missing: desired but absent from the cluster.
   *
   * @return the status
   */
  public static HealthStatus missing() {
    return new HealthStatus(HealthCode.MISSING, "");
  }

  /** {@code Code} or {@code Code: message}. */
  @Override
  public String toString() {
    return message.isEmpty() ? code.toString() : code + ": " + message;
  }
}
