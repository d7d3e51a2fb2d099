package io.gitopskit.core.sync;

import io.gitopskit.core.model.ResourceKey;
import java.util.Comparator;
import java.util.Objects;

/**
 * What happened to one resource (or hook) of a sync.
 *
 * @param key the resource
 * @param syncPhase the phase its step ran in
 * @param status the result code
 * @param message a human-readable message, e.g. {@code serverside-applied} or an API error
 * @param hookPhase the resource's own phase: a hook's completion, or a resource's health wait
 * @param hook whether the resource is a hook
 * @since 0.1
 */
public record ResourceResult(ResourceKey key, SyncPhase syncPhase, ResultCode status,
    String message, OperationPhase hookPhase, boolean hook) {

  /** The order of results in an {@link OperationState}: by key, then phase. */
  public static final Comparator<ResourceResult> ORDER =
      Comparator.comparing(ResourceResult::key).thenComparing(ResourceResult::syncPhase);

  /** Checks for nulls. */
  public ResourceResult {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(syncPhase, "syncPhase");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(hookPhase, "hookPhase");
  }

  /**
   * A copy with another resource phase and message.
   *
   * @param phase the phase
   * @param newMessage the message
   * @return the copy
   */
  public ResourceResult withHookPhase(OperationPhase phase, String newMessage) {
    return new ResourceResult(key, syncPhase, status, newMessage, phase, hook);
  }
}
