package io.gitopskit.testkit;

import io.gitopskit.core.cluster.FieldCause;
import io.gitopskit.core.model.Manifest;
import java.util.List;
import java.util.Optional;

/**
 * User-supplied admission control for a {@link SimulatedCluster}, run on every create and update
 * (also in dry-run), as the API server runs admission webhooks.
 *
 * @since 0.1
 */
public final class Admission {

  private Admission() {}

  /**
   * A mutating hook: returns the object to store, e.g. with a sidecar container or a label
   * added. Runs after defaulting, before validation.
   *
   * @since 0.1
   */
  @FunctionalInterface
  public interface Mutator {
    /**
     * Mutates an incoming object.
     *
     * @param object the object being written
     * @param old the stored object for an update, or empty for a create
     * @return the object to continue with
     */
    Manifest mutate(Manifest object, Optional<Manifest> old);
  }

  /**
   * A validating hook: returns the reasons to refuse the write (empty to allow). A non-empty
   * result fails the request with {@code ClusterException.Invalid} carrying the causes.
   *
   * @since 0.1
   */
  @FunctionalInterface
  public interface Validator {
    /**
     * Validates an incoming object.
     *
     * @param object the object being written, after mutation
     * @param old the stored object for an update, or empty for a create
     * @return the field causes of a refusal, or empty to allow
     */
    List<FieldCause> validate(Manifest object, Optional<Manifest> old);
  }
}
