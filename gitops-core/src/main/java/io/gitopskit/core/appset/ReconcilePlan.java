package io.gitopskit.core.appset;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one reconcile of an ApplicationSet decided: applications to create, update and delete,
 * and the status conditions to report. Applying it is the caller's job.
 *
 * @param desired every application rendered from the generators (valid or not), in generator
 *     order; empty when {@code error} is set
 * @param creates applications to create
 * @param updates existing applications to replace with these documents (live status and
 *     preserved fields kept)
 * @param deletes names of owned applications to delete, in deletion order
 * @param finalizersToRemove those of {@code deletes} whose destination cluster no longer
 *     exists (checked only with {@link ReconcileOptions#withClusters}): remove their resources
 *     finalizer ({@code resources-finalizer.argocd.argoproj.io} and its {@code /foreground} and
 *     {@code /background} forms) before deleting them, or the delete would hang on a cluster
 *     that cannot be reached, as Argo CD does
 * @param unchanged names of existing applications already as desired, or left alone by policy
 * @param invalid names of rendered applications that failed validation (not written, not
 *     deleted)
 * @param conditions status conditions, in the order they arose
 * @param error why nothing at all may change (a generator or template failure, duplicate
 *     names), or {@code ""}
 * @since 0.1
 */
public record ReconcilePlan(List<GeneratedApplication> desired,
    List<GeneratedApplication> creates, List<GeneratedApplication> updates, List<String> deletes,
    List<String> finalizersToRemove, List<String> unchanged, List<String> invalid, List<Condition> conditions, String error) {

  /** Copies the lists. */
  public ReconcilePlan {
    desired = List.copyOf(desired);
    creates = List.copyOf(creates);
    updates = List.copyOf(updates);
    deletes = List.copyOf(deletes);
    finalizersToRemove = List.copyOf(finalizersToRemove);
    unchanged = List.copyOf(unchanged);
    invalid = List.copyOf(invalid);
    conditions = List.copyOf(conditions);
    Objects.requireNonNull(error, "error");
  }

  /**
   * A plan that changes nothing because of an error.
   *
   * @param reason the condition reason
   * @param message what failed
   * @return the plan
   */
  public static ReconcilePlan failed(String reason, String message) {
    return new ReconcilePlan(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of(), List.of(new Condition(Condition.ERROR_OCCURRED, reason, message)), message);
  }

  /**
   * Why nothing may change, if so.
   *
   * @return the error message
   */
  public Optional<String> failure() {
    return error.isEmpty() ? Optional.empty() : Optional.of(error);
  }

  /**
   * Whether the plan writes nothing.
   *
   * @return true when there is nothing to create, update or delete
   */
  public boolean isEmpty() {
    return creates.isEmpty() && updates.isEmpty() && deletes.isEmpty();
  }

  /**
   * An ApplicationSet status condition.
   *
   * @param type e.g. {@value #ERROR_OCCURRED}
   * @param reason a CamelCase reason
   * @param message a human-readable message (never a parameter value)
   * @since 0.1
   */
  public record Condition(String type, String reason, String message) {

    /** Something stopped or limited the reconcile. */
    public static final String ERROR_OCCURRED = "ErrorOccurred";
    /** The generators produced their parameters. */
    public static final String PARAMETERS_GENERATED = "ParametersGenerated";
    /** The owned applications are as desired. */
    public static final String RESOURCES_UP_TO_DATE = "ResourcesUpToDate";

    /** Validates the components. */
    public Condition {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }
  }
}
