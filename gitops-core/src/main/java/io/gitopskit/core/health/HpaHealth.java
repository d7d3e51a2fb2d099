package io.gitopskit.core.health;

import static io.gitopskit.core.health.Fields.array;
import static io.gitopskit.core.health.Fields.element;
import static io.gitopskit.core.health.Fields.object;
import static io.gitopskit.core.health.Fields.string;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.load.LoadException;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.Manifest;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Argo CD's HorizontalPodAutoscaler rule ({@code health_hpa.go}). {@code autoscaling/v1} keeps
 * its conditions as JSON in the annotation {@code autoscaling.alpha.kubernetes.io/conditions};
 * v2beta1, v2beta2 and v2 in {@code status.conditions}. The conditions are scanned in order and
 * the first match wins: a failure to get or update the scale, to get a resource metric, or an
 * invalid selector is Degraded (whatever the condition's status); {@code AbleToScale} or
 * {@code ScalingLimited} True is Healthy; no match is Progressing "Waiting to Autoscale".
 */
final class HpaHealth {

  static final String CONDITIONS_ANNOTATION = "autoscaling.alpha.kubernetes.io/conditions";
  static final HealthStatus WAITING = HealthStatus.progressing("Waiting to Autoscale");

  private static final ManifestLoader JSON = ManifestLoader.defaults();

  private HpaHealth() {}

  /** {@code autoscaling/v1}: the annotation. */
  static HealthStatus v1(Manifest hpa) {
    String text = hpa.annotation(CONDITIONS_ANNOTATION).orElse(null);
    if (text == null) {
      return WAITING;
    }
    JsonArray conditions = parseAnnotation(text);
    return conditions.isEmpty() ? WAITING : scan(conditions, true);
  }

  /** {@code autoscaling/v2beta1}, {@code v2beta2} and {@code v2}: {@code status.conditions}. */
  static HealthStatus v2(Manifest hpa) {
    JsonObject status = object(hpa.root(), "", "status");
    return scan(array(status, "status", "conditions"), false);
  }

  private static HealthStatus scan(JsonArray conditions, boolean annotation) {
    for (int i = 0; i < conditions.size(); i++) {
      JsonObject c;
      if (!annotation) {
        c = element(conditions, i, "status.conditions");
      } else if (conditions.get(i) instanceof JsonObject o) {
        c = o;
      } else if (conditions.get(i) instanceof JsonNull) {
        c = JsonObject.empty();
      } else {
        throw annotationError("a condition is not a JSON object");
      }
      String type = field(c, "type", annotation);
      String reason = field(c, "reason", annotation);
      if (degraded(type, reason)) {
        return HealthStatus.degraded(field(c, "message", annotation));
      }
      if ((type.equals("AbleToScale") || type.equals("ScalingLimited"))
          && field(c, "status", annotation).equals("True")) {
        return HealthStatus.healthy(field(c, "message", annotation));
      }
    }
    return WAITING;
  }

  private static boolean degraded(String type, String reason) {
    switch (type) {
      case "AbleToScale":
        return reason.equals("FailedGetScale") || reason.equals("FailedUpdateScale");
      case "ScalingActive":
        return reason.equals("FailedGetResourceMetric") || reason.equals("InvalidSelector");
      default:
        return false;
    }
  }

  /**
   * A condition field. Typed conditions use the exact key; the annotation is decoded as Go's
   * {@code encoding/json} does, which matches keys case-insensitively.
   */
  private static String field(JsonObject condition, String key, boolean annotation) {
    if (!annotation) {
      return key.equals("status") ? Fields.conditionStatus(condition)
          : string(condition, "status.conditions[]", key);
    }
    JsonValue v = condition.getOrNull(key);
    if (v == null) {
      for (int i = 0; i < condition.size(); i++) {
        if (condition.keyAt(i).equalsIgnoreCase(key)) {
          v = condition.valueAt(i);
          break;
        }
      }
    }
    if (v == null || v instanceof JsonNull) {
      return "";
    }
    if (v instanceof JsonString s) {
      return s.value();
    }
    throw annotationError("field " + key + " is not a string");
  }

  private static JsonArray parseAnnotation(String text) {
    List<JsonValue> docs;
    try {
      docs = JSON.readDocuments(text, "conditions.json");
    } catch (LoadException e) {
      throw annotationError(e.problem());
    }
    if (docs.isEmpty()) {
      if (text.strip().equals("null")) {
        return JsonArray.empty();
      }
      throw annotationError("unexpected end of JSON input");
    }
    if (docs.size() > 1) {
      throw annotationError("invalid character after top-level value");
    }
    JsonValue v = docs.get(0);
    if (v instanceof JsonArray a) {
      return a;
    }
    throw annotationError("the annotation is not a JSON array");
  }

  private static Fields.TypeMismatch annotationError(@Nullable String problem) {
    return new Fields.TypeMismatch("failed to convert conditions annotation to typed: "
        + problem, true);
  }
}
