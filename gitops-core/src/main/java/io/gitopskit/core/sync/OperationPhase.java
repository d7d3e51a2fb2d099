package io.gitopskit.core.sync;

/**
 * The phase of a sync operation, or of one resource or hook within it.
 *
 * @since 0.1
 */
public enum OperationPhase {
  /** Still in progress. */
  RUNNING("Running"),
  /** Termination was requested and is in progress. */
  TERMINATING("Terminating"),
  /** Finished unsuccessfully. */
  FAILED("Failed"),
  /** Could not run (e.g. the plan was refused). */
  ERROR("Error"),
  /** Finished successfully. */
  SUCCEEDED("Succeeded");

  private final String wireName;

  OperationPhase(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The Argo CD spelling, e.g. {@code Running}.
   *
   * @return the wire name
   */
  public String wireName() {
    return wireName;
  }

  /**
   * Whether the phase is final.
   *
   * @return true for Failed, Error and Succeeded
   */
  public boolean isCompleted() {
    return this == FAILED || this == ERROR || this == SUCCEEDED;
  }
}
