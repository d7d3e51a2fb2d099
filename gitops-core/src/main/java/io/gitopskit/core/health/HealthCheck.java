package io.gitopskit.core.health;

import io.gitopskit.core.model.Manifest;
import java.util.Optional;

/**
 * Judges the health of one live object. Pure: no I/O, no logging, no mutation; implementations
 * must be thread-safe.
 *
 * <p>An empty result means "no opinion": the next check in line (a built-in check, then the
 * generic condition check) decides, and with none the object has no health, as in Argo CD.
 * Throwing is allowed: the registry turns the exception into {@link HealthCode#UNKNOWN} with the
 * exception's message.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface HealthCheck {

  /**
   * Assesses a live object.
   *
   * @param live the object as the cluster returned it, with status
   * @return the health, or empty for no opinion
   */
  Optional<HealthStatus> assess(Manifest live);
}
