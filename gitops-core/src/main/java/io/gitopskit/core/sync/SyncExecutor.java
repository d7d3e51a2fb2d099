package io.gitopskit.core.sync;

import io.gitopskit.core.cluster.ClusterTarget;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs a {@link SyncPlan} against a cluster as gitops-engine's sync context does: dry-runs every
 * apply and hook, then applies, creates hooks and prunes phase by phase and wave by wave,
 * waiting after each wave until its hooks completed and its objects are healthy; a last wave of
 * plain resources ends the sync as soon as it is applied. A failure runs the plan's SyncFail
 * hooks. Phases and messages are gitops-engine's ("successfully synced (all tasks run)", "one
 * or more objects failed to apply, reason: ...", "Operation terminated", ...).
 *
 * <p>Objects are written as their sync options say: client-side apply by default, server-side
 * apply, replace, force (delete and re-create), field validation on or off, ignored differences
 * kept; with {@link ExecutorOptions#tracking()} objects are marked as the application's, shared
 * ones reported (or, with {@code FailOnSharedResource=true}, the sync fails), and objects the
 * application does not track are never pruned. The {@linkplain io.gitopskit.core.sync package
 * documentation} has the details.
 *
 * <p>An executor runs one operation at a time (starting another while one runs, from any
 * thread, throws {@link IllegalStateException}); {@link #terminate()} may be called from any
 * thread and stops the operation between steps.
 *
 * @since 0.1
 */
public final class SyncExecutor {

  /** gitops-engine's message of an operation stopped by {@link #terminate()} (Failed). */
  public static final String TERMINATED = "Operation terminated";

  /**
   * gitops-engine's message of an operation stopped by {@link #terminate()} when a running hook
   * could not be deleted (Error).
   */
  public static final String TERMINATION_ERRORS = "Operation termination had errors";

  /**
   * Argo CD's condition type for an object another application also claims; a result whose
   * object is shared ends with {@code ". SharedResourceWarning: <Kind>/<name> is part of
   * applications <this> and <other>"}.
   */
  public static final String SHARED_RESOURCE_WARNING = "SharedResourceWarning";

  /** The start of the message of an operation failed by {@code FailOnSharedResource=true}. */
  public static final String SHARED_RESOURCE_FOUND = "Shared resource found: ";

  /**
   * The steps of one phase and wave, which run together.
   *
   * @param phase the phase
   * @param wave the wave
   * @param steps the steps, in plan order
   */
  public record Wave(SyncPhase phase, int wave, List<SyncStep> steps) {
    /** Copies. */
    public Wave {
      Objects.requireNonNull(phase, "phase");
      steps = List.copyOf(steps);
    }
  }

  private final AtomicBoolean terminate = new AtomicBoolean();
  /** Whether an operation runs: its states and termination must not mix with another's. */
  private final AtomicBoolean busy = new AtomicBoolean();
  private volatile Optional<OperationState> current = Optional.empty();
  private final Consumer<OperationState> listener;

  /** Creates an idle executor. */
  public SyncExecutor() {
    this(s -> { });
  }

  /**
   * Creates an idle executor that hands every state it publishes (after every step and poll) to
   * a listener, e.g. to persist it with a {@link StateStore} so that a crashed operation can be
   * resumed.
   *
   * @param listener called on the executing thread; should not throw
   */
  public SyncExecutor(Consumer<OperationState> listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * The waves of a plan in execution order; {@link OperationState#lastCompletedWave()} indexes
   * this list.
   *
   * @param plan the plan
   * @return consecutive steps of equal phase and wave, grouped
   */
  public static List<Wave> waves(SyncPlan plan) {
    List<Wave> out = new ArrayList<>();
    List<SyncStep> group = new ArrayList<>();
    SyncStep first = null;
    for (SyncStep s : plan.steps()) {
      if (first != null && (first.phase() != s.phase() || first.wave() != s.wave())) {
        out.add(new Wave(first.phase(), first.wave(), group));
        group = new ArrayList<>();
        first = null;
      }
      if (first == null) {
        first = s;
      }
      group.add(s);
    }
    if (first != null) {
      out.add(new Wave(first.phase(), first.wave(), group));
    }
    return List.copyOf(out);
  }

  /**
   * Runs a plan from the start.
   *
   * @param plan the plan
   * @param target the cluster
   * @param options how to run it
   * @return the final state (Succeeded, Failed or Error), or Running when a prune awaits
   *     confirmation
   */
  public OperationState run(SyncPlan plan, ClusterTarget target, ExecutorOptions options) {
    return exclusive(() -> new Execution(this, plan, target, options, Optional.empty()).run());
  }

  /** Runs an operation, refusing to start while another one runs on this executor. */
  private OperationState exclusive(Supplier<OperationState> operation) {
    if (!busy.compareAndSet(false, true)) {
      throw new IllegalStateException("this executor is already running an operation; use one"
          + " executor per concurrent operation");
    }
    try {
      return operation.get();
    } finally {
      terminate.set(false);
      busy.set(false);
    }
  }

  /**
   * Runs an operation with Argo CD's {@code syncPolicy.retry} around it: when the operation
   * ends Failed or Error (not by {@link #terminate()}), it waits {@code retry.backoff(n)} and
   * runs again from a fresh plan — the planner is asked again, so each attempt sees the live
   * state as it is then — up to {@code retry.limit()} more times. While it waits, the published
   * state is Running with Argo CD's message {@code "<message>. Retrying attempt #<n> at
   * <h:mmAM>."}; a final failure after retries ends with {@code " (retried <n> times)."}.
   * {@link ExecutorOptions#retry()} is different: it retries single cluster calls inside an
   * attempt.
   *
   * @param planner makes the plan of each attempt (e.g. a diff of desired against live now)
   * @param target the cluster
   * @param options how to run each attempt
   * @param retry the operation retry policy
   * @return the final state of the last attempt
   */
  public OperationState runWithRetry(Supplier<SyncPlan> planner, ClusterTarget target,
      ExecutorOptions options, RetryPolicy retry) {
    Objects.requireNonNull(planner, "planner");
    Objects.requireNonNull(retry, "retry");
    return exclusive(() -> retried(planner, target, options, retry));
  }

  private OperationState retried(Supplier<SyncPlan> planner, ClusterTarget target,
      ExecutorOptions options, RetryPolicy retry) {
    OperationState state = new Execution(this, planner.get(), target, options, Optional.empty())
        .run();
    int attempts = 0;
    while (isRetryable(state) && attempts < retry.limit() && !isTerminating()) {
      Duration wait = retry.backoff(attempts);
      attempts++;
      LocalTime at = LocalTime.ofInstant(options.clock().instant().plus(wait), ZoneOffset.UTC);
      publish(new OperationState(OperationPhase.RUNNING, state.message() + ". Retrying attempt #"
          + attempts + " at " + KITCHEN.format(at) + ".", state.results(),
          state.lastCompletedWave(), state.startedAt(), Optional.empty()));
      try {
        options.waiter().await(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (isTerminating()) {
        break; // terminated while waiting: no further attempt
      }
      state = new Execution(this, planner.get(), target, options, Optional.empty()).run();
    }
    if (attempts > 0 && isRetryable(state)) {
      state = new OperationState(state.phase(), state.message() + " (retried " + attempts
          + " times).", state.results(), state.lastCompletedWave(), state.startedAt(),
          state.finishedAt());
      publish(state);
    }
    return state;
  }

  private static final DateTimeFormatter KITCHEN = DateTimeFormatter.ofPattern("h:mma",
      Locale.ROOT);

  /** Failed or Error, and not because of {@link #terminate()} (the flag holds until the end). */
  private boolean isRetryable(OperationState state) {
    return (state.phase() == OperationPhase.FAILED || state.phase() == OperationPhase.ERROR)
        && !isTerminating();
  }

  /**
   * Resumes a plan from a saved state, e.g. after a crash: waves up to and including {@link
   * OperationState#lastCompletedWave()} are skipped, their results kept; the first wave not
   * completed runs again (applies and prunes are idempotent), except that a live hook this
   * operation already created (its result says so, or it has the generated name unique to
   * this operation) is waited for, not created twice. The plan must be the one the state was
   * produced from. A completed state is returned unchanged.
   *
   * @param plan the plan
   * @param target the cluster
   * @param state the saved state
   * @param options how to run it
   * @return the final state
   */
  public OperationState resume(SyncPlan plan, ClusterTarget target, OperationState state,
      ExecutorOptions options) {
    Objects.requireNonNull(state, "state");
    if (state.phase().isCompleted()) {
      return state;
    }
    return exclusive(() -> new Execution(this, plan, target, options, Optional.of(state)).run());
  }

  /**
   * Deletes an application's resources as planned by {@link DeletionPlanner}: PreDelete hooks
   * (all must complete, or nothing is deleted), the resources wave by wave (each wave gone
   * before the next), then PostDelete hooks; hooks are then deleted per their delete policies.
   * Results of PreDelete and PostDelete hooks carry those phases, resource deletions {@link
   * SyncPhase#SYNC} ({@link ResultCode#PRUNED}, or {@link ResultCode#PRUNE_SKIPPED} for a kept
   * object).
   *
   * @param plan the plan
   * @param target the cluster
   * @param options how to run it
   * @return the final state (Succeeded or Failed), or Running when an object awaits deletion
   *     confirmation (then nothing ran)
   */
  public OperationState delete(DeletionPlan plan, ClusterTarget target,
      ExecutorOptions options) {
    return exclusive(() -> new Deletion(this, plan, target, options, Optional.empty()).run());
  }

  /**
   * Resumes a deletion from a saved state, e.g. after a crash: waves up to and including {@link
   * OperationState#lastCompletedWave()} (an index into {@link DeletionPlan#waves()}) are
   * skipped; a hook this deletion already created is waited for, not created again. The plan
   * must be the one the state was produced from. A completed state is returned unchanged.
   *
   * @param plan the plan
   * @param target the cluster
   * @param state the saved state
   * @param options how to run it
   * @return the final state
   */
  public OperationState resumeDeletion(DeletionPlan plan, ClusterTarget target,
      OperationState state, ExecutorOptions options) {
    Objects.requireNonNull(state, "state");
    if (state.phase().isCompleted()) {
      return state;
    }
    return exclusive(() -> new Deletion(this, plan, target, options, Optional.of(state)).run());
  }

  /**
   * Asks the running operation (or, when none runs, the next one) to stop at the next step
   * boundary or poll; the request ends with the operation it stopped. Thread-safe.
   */
  public void terminate() {
    terminate.set(true);
  }

  /**
   * Whether termination was requested.
   *
   * @return the flag
   */
  public boolean isTerminating() {
    return terminate.get();
  }

  /**
   * The latest state of the running (or last) operation, updated after every step.
   *
   * @return the state; empty before the first operation
   */
  public Optional<OperationState> currentState() {
    return current;
  }

  void publish(OperationState state) {
    current = Optional.of(state);
    listener.accept(state);
  }
}
