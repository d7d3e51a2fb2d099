package io.gitopskit.core.cluster;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Options of a delete.
 *
 * @param propagation how dependents are treated; null means the server's default for the kind
 *     (background for most, orphan for {@code batch/v1} Jobs)
 * @param dryRun run the delete's checks but remove nothing
 * @param preconditionUid delete only if the object still has this uid, or null
 * @param preconditionResourceVersion delete only if the object still has this resourceVersion,
 *     or null
 * @since 0.1
 */
public record DeleteOptions(@Nullable PropagationPolicy propagation, boolean dryRun,
    @Nullable String preconditionUid, @Nullable String preconditionResourceVersion) {

  private static final DeleteOptions DEFAULTS = new DeleteOptions(null, false, null, null);

  /**
   * The server's default propagation, not a dry run, no preconditions.
   *
   * @return the defaults
   */
  public static DeleteOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Options with a propagation policy.
   *
   * @param policy the policy
   * @return the options
   */
  public static DeleteOptions propagation(PropagationPolicy policy) {
    return new DeleteOptions(Objects.requireNonNull(policy, "policy"), false, null, null);
  }

  /**
   * The propagation policy, if one was given.
   *
   * @return the policy
   */
  public Optional<PropagationPolicy> propagationPolicy() {
    return Optional.ofNullable(propagation);
  }

  /**
   * A copy with dry-run set.
   *
   * @param value true for a dry run
   * @return the new options
   */
  public DeleteOptions withDryRun(boolean value) {
    return new DeleteOptions(propagation, value, preconditionUid, preconditionResourceVersion);
  }

  /**
   * A copy with a uid precondition.
   *
   * @param uid the uid the object must still have
   * @return the new options
   */
  public DeleteOptions withPreconditionUid(String uid) {
    return new DeleteOptions(propagation, dryRun, uid, preconditionResourceVersion);
  }

  /**
   * A copy with a resourceVersion precondition.
   *
   * @param resourceVersion the version the object must still have
   * @return the new options
   */
  public DeleteOptions withPreconditionResourceVersion(String resourceVersion) {
    return new DeleteOptions(propagation, dryRun, preconditionUid, resourceVersion);
  }
}
