package io.gitopskit.testkit.assertions;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.Manifest;
import java.util.Objects;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one {@link Manifest}.
 *
 * @since 0.1
 */
public final class ManifestAssert extends AbstractAssert<ManifestAssert, Manifest> {

  ManifestAssert(Manifest actual) {
    super(actual, ManifestAssert.class);
  }

  /**
   * Verifies a label.
   *
   * @param key the label key
   * @param value the expected value
   * @return this
   */
  public ManifestAssert hasLabel(String key, String value) {
    isNotNull();
    Optional<String> v = actual.label(key);
    if (!v.equals(Optional.of(value))) {
      failWithMessage("Expected <%s> to have label %s=%s but it was %s", actual, key, value,
          v.orElse("<absent>"));
    }
    return this;
  }

  /**
   * Verifies an annotation.
   *
   * @param key the annotation key
   * @param value the expected value
   * @return this
   */
  public ManifestAssert hasAnnotation(String key, String value) {
    isNotNull();
    Optional<String> v = actual.annotation(key);
    if (!v.equals(Optional.of(value))) {
      failWithMessage("Expected <%s> to have annotation %s=%s but it was %s", actual, key,
          value, v.orElse("<absent>"));
    }
    return this;
  }

  /**
   * Verifies a field's value.
   *
   * @param pointer a JSON pointer, e.g. {@code /spec/replicas}
   * @param expected the value as Java data (string, number, boolean, map, list) or a JsonValue
   * @return this
   */
  public ManifestAssert hasField(String pointer, Object expected) {
    isNotNull();
    JsonValue want = JsonValue.of(expected);
    Optional<JsonValue> got = actual.at(pointer);
    if (!got.equals(Optional.of(want))) {
      failWithMessage("Expected <%s> to have %s = %s but it was %s", actual, pointer,
          want.toJson(), got.map(JsonValue::toJson).orElse("<absent>"));
    }
    return this;
  }

  /**
   * Verifies a field is absent.
   *
   * @param pointer a JSON pointer
   * @return this
   */
  public ManifestAssert doesNotHaveField(String pointer) {
    isNotNull();
    if (actual.at(pointer).isPresent()) {
      failWithMessage("Expected <%s> not to have %s but it was %s", actual, pointer,
          actual.at(pointer).get().toJson());
    }
    return this;
  }

  /**
   * Verifies a {@code status.conditions} entry's status.
   *
   * @param type the condition type, e.g. {@code Available}
   * @param status {@code True}, {@code False} or {@code Unknown}
   * @return this
   */
  public ManifestAssert hasCondition(String type, String status) {
    isNotNull();
    Optional<String> got = condition(type).flatMap(c -> c.getString("status"));
    if (!got.equals(Optional.of(status))) {
      failWithMessage("Expected <%s> to have condition %s=%s but it was %s", actual, type,
          status, got.orElse("<absent>"));
    }
    return this;
  }

  /**
   * Verifies a condition's reason.
   *
   * @param type the condition type
   * @param reason the expected reason, e.g. {@code ProgressDeadlineExceeded}
   * @return this
   */
  public ManifestAssert hasConditionReason(String type, String reason) {
    isNotNull();
    Optional<String> got = condition(type).flatMap(c -> c.getString("reason"));
    if (!got.equals(Optional.of(reason))) {
      failWithMessage("Expected <%s> condition %s to have reason %s but it was %s", actual, type,
          reason, got.orElse("<absent>"));
    }
    return this;
  }

  /**
   * Verifies the object is being deleted (has a deletionTimestamp).
   *
   * @return this
   */
  public ManifestAssert isBeingDeleted() {
    isNotNull();
    if (!actual.metadata().has("deletionTimestamp")) {
      failWithMessage("Expected <%s> to be marked for deletion but it is not", actual);
    }
    return this;
  }

  private Optional<JsonObject> condition(String type) {
    return actual.root().getObject("status").flatMap(s -> s.getArray("conditions"))
        .flatMap(a -> a.items().stream()
            .filter(c -> c instanceof JsonObject o
                && Objects.equals(o.getString("type").orElse(null), type))
            .map(c -> (JsonObject) c).findFirst());
  }
}
