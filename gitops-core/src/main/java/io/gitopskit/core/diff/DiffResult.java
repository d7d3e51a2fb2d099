package io.gitopskit.core.diff;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.model.ResourceKey;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The comparison of one desired object with its live counterpart.
 *
 * <p>{@code modified} is exactly {@code !Objects.equals(normalizedLive, predictedLive)} for
 * compared objects, and {@code changes} lists every difference between the two; so an
 * unmodified result has no changes. A missing live object is a creation ({@link
 * DiffMethod#CREATE}: modified, one root change); a missing desired object is {@linkplain
 * DiffMethod#LIVE_ONLY not a difference} (pruning is the planner's decision).
 *
 * @param key the object's identity: the desired object's key, or live's when there is no desired
 *     object
 * @param method which path of the decision flow produced this result
 * @param modified whether applying the desired object would change the live one
 * @param normalizedLive the live object after normalization; null when there is none
 * @param predictedLive the live object as applying the desired one would leave it, normalized
 *     the same way; null when there is no desired object
 * @param changes the differences, in document order of their paths (object fields by name,
 *     array items by index)
 * @since 0.1
 */
public record DiffResult(ResourceKey key, DiffMethod method, boolean modified,
    @Nullable JsonObject normalizedLive, @Nullable JsonObject predictedLive,
    List<FieldChange> changes) {

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException when both objects are missing, or {@code modified} and
   *     {@code changes} disagree
   */
  public DiffResult {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(method, "method");
    changes = List.copyOf(changes);
    if (normalizedLive == null && predictedLive == null) {
      throw new IllegalArgumentException("a diff result needs a live or a predicted object");
    }
    if (modified == changes.isEmpty()) {
      throw new IllegalArgumentException("modified must be true exactly when there are changes");
    }
  }

  /**
   * A unified text diff of the normalized live object against the predicted one, as {@code
   * kubectl diff} shows it (Secret values already masked).
   *
   * @return the diff text; empty when not modified
   */
  public String text() {
    if (!modified) {
      return "";
    }
    return io.gitopskit.core.diff.text.UnifiedDiff.ofYaml(key, normalizedLive, predictedLive)
        .text();
  }
}
