package io.gitopskit.core.diff;

import io.gitopskit.core.json.JsonValue;
import java.util.Objects;
import java.util.Optional;

/**
 * One difference between the normalized live object and the predicted live object.
 *
 * <p>{@code live} empty means the field would be added; {@code desired} empty means it would be
 * removed; both present means it would change. Objects are compared field by field and arrays of
 * equal length item by item, so a change names the deepest differing value; arrays of different
 * lengths change as a whole. The root change ({@code path} {@code ""}) stands for a whole object
 * to create.
 *
 * @param path the JSON pointer of the field, e.g. {@code /spec/replicas}
 * @param live the value in the normalized live object, if any
 * @param desired the value in the predicted live object, if any
 * @since 0.1
 */
public record FieldChange(String path, Optional<JsonValue> live, Optional<JsonValue> desired) {

  /**
   * Validates.
   *
   * @throws IllegalArgumentException when both sides are empty or equal
   */
  public FieldChange {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(live, "live");
    Objects.requireNonNull(desired, "desired");
    if (live.isEmpty() && desired.isEmpty()) {
      throw new IllegalArgumentException("a change needs a live or a desired value: " + path);
    }
    if (live.equals(desired)) {
      throw new IllegalArgumentException("equal values are not a change: " + path);
    }
  }

  /**
   * Whether the field would be added (absent from live).
   *
   * @return true for an addition
   */
  public boolean isAddition() {
    return live.isEmpty();
  }

  /**
   * Whether the field would be removed (absent from the prediction).
   *
   * @return true for a removal
   */
  public boolean isRemoval() {
    return desired.isEmpty();
  }

  /**
   * The pointer and the kind of change, e.g. {@code /spec/replicas changed}; never a value, so
   * it is safe to log for Secrets.
   */
  @Override
  public String toString() {
    return (path.isEmpty() ? "/" : path) + (isAddition() ? " added"
        : isRemoval() ? " removed" : " changed");
  }
}
