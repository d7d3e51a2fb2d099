package io.gitopskit.core.health;

import static io.gitopskit.core.health.Fields.array;
import static io.gitopskit.core.health.Fields.element;
import static io.gitopskit.core.health.Fields.object;
import static io.gitopskit.core.health.Fields.string;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.model.Manifest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

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

  private static final JsonFactory JSON = JsonFactory.builder()
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();
  private static final String WHERE = "status.conditions[]";
  private static final String[] FIELD_NAMES = {"type", "reason", "message", "status"};
  private static final int TYPE = 0;
  private static final int REASON = 1;
  private static final int MESSAGE = 2;
  private static final int STATUS = 3;

  private HpaHealth() {}

  /** {@code autoscaling/v1}: the annotation. */
  static HealthStatus v1(Manifest hpa) {
    String text = hpa.annotation(CONDITIONS_ANNOTATION).orElse(null);
    if (text == null) {
      return WAITING;
    }
    List<String[]> conditions = parseAnnotation(text);
    for (String[] c : conditions) {
      if (degraded(c[TYPE], c[REASON])) {
        return HealthStatus.degraded(c[MESSAGE]);
      }
      if ((c[TYPE].equals("AbleToScale") || c[TYPE].equals("ScalingLimited"))
          && c[STATUS].equals("True")) {
        return HealthStatus.healthy(c[MESSAGE]);
      }
    }
    return WAITING;
  }

  /** {@code autoscaling/v2beta1}, {@code v2beta2} and {@code v2}: {@code status.conditions}. */
  static HealthStatus v2(Manifest hpa) {
    JsonObject status = object(hpa.root(), "", "status");
    return scan(array(status, "status", "conditions"));
  }

  private static HealthStatus scan(JsonArray conditions) {
    for (int i = 0; i < conditions.size(); i++) {
      JsonObject c = element(conditions, i, "status.conditions");
      String type = string(c, WHERE, "type");
      if (degraded(type, string(c, WHERE, "reason"))) {
        return HealthStatus.degraded(string(c, WHERE, "message"));
      }
      if ((type.equals("AbleToScale") || type.equals("ScalingLimited"))
          && Fields.conditionStatus(c).equals("True")) {
        return HealthStatus.healthy(string(c, WHERE, "message"));
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
   * Decodes the annotation as Go's {@code encoding/json} decodes it into a slice of condition
   * structs: {@code null} is no conditions, {@code null} elements are empty conditions, keys
   * match case-insensitively (an exact match first), other keys are ignored, and the four
   * fields must be strings or null.
   */
  private static List<String[]> parseAnnotation(String text) {
    List<String[]> out = new ArrayList<>();
    try (JsonParser p = JSON.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw annotationError("unexpected end of JSON input");
      }
      if (t == JsonToken.VALUE_NULL) {
        expectEnd(p);
        return out;
      }
      if (t != JsonToken.START_ARRAY) {
        throw annotationError("the annotation is not a JSON array");
      }
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t == JsonToken.VALUE_NULL) {
          out.add(new String[] {"", "", "", ""});
          continue;
        }
        if (t != JsonToken.START_OBJECT) {
          throw annotationError("a condition is not a JSON object");
        }
        out.add(condition(p));
      }
      expectEnd(p);
      return out;
    } catch (JsonProcessingException e) {
      String m = e.getOriginalMessage();
      throw annotationError("malformed JSON: " + (m == null ? "" : m.lines().findFirst()
          .orElse("")));
    } catch (IOException e) {
      throw annotationError("malformed JSON: " + e.getClass().getSimpleName());
    }
  }

  private static String[] condition(JsonParser p) throws IOException {
    String[] c = {"", "", "", ""};
    boolean[] exact = new boolean[4];
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken value = p.nextToken();
      int field = -1;
      for (int i = 0; i < FIELD_NAMES.length; i++) {
        if (FIELD_NAMES[i].equalsIgnoreCase(key)) {
          field = i;
        }
      }
      if (field < 0) {
        p.skipChildren();
        continue;
      }
      boolean isExact = FIELD_NAMES[field].equals(key);
      if (value == JsonToken.VALUE_STRING) {
        if (isExact || !exact[field]) {
          c[field] = p.getText();
          exact[field] |= isExact;
        }
      } else if (value != JsonToken.VALUE_NULL) {
        throw annotationError("field " + FIELD_NAMES[field] + " is not a string");
      }
    }
    return c;
  }

  private static void expectEnd(JsonParser p) throws IOException {
    if (p.nextToken() != null) {
      throw annotationError("invalid character after top-level value");
    }
  }

  private static Fields.TypeMismatch annotationError(String problem) {
    return new Fields.TypeMismatch("failed to convert conditions annotation to typed: "
        + problem, true);
  }
}
