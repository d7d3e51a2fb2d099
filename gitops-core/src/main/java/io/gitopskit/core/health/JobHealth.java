package io.gitopskit.core.health;

import static io.gitopskit.core.health.Fields.array;
import static io.gitopskit.core.health.Fields.conditionStatus;
import static io.gitopskit.core.health.Fields.element;
import static io.gitopskit.core.health.Fields.object;
import static io.gitopskit.core.health.Fields.string;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.model.Manifest;

/**
 * Argo CD's Job rule ({@code health_job.go}). Conditions are read by type only: {@code Failed}
 * makes the Job failed and complete, {@code Complete} complete, {@code Suspended} complete (and
 * suspended when True). Two quirks are kept on purpose: a suspended Job carries the (usually
 * empty) failure message, and a resumed Job (Suspended False) reads as Healthy.
 */
final class JobHealth {

  private static final String WHERE = "status.conditions[]";

  private JobHealth() {}

  static HealthStatus assess(Manifest job) {
    JsonObject status = object(job.root(), "", "status");
    JsonArray conditions = array(status, "status", "conditions");
    boolean failed = false;
    boolean complete = false;
    boolean suspended = false;
    String failMessage = "";
    String message = "";
    for (int i = 0; i < conditions.size(); i++) {
      JsonObject c = element(conditions, i, "status.conditions");
      switch (string(c, WHERE, "type")) {
        case "Failed":
          failed = true;
          complete = true;
          failMessage = string(c, WHERE, "message");
          break;
        case "Complete":
          complete = true;
          message = string(c, WHERE, "message");
          break;
        case "Suspended":
          complete = true;
          message = string(c, WHERE, "message");
          if (conditionStatus(c).equals("True")) {
            suspended = true;
          }
          break;
        default:
          break;
      }
    }
    if (!complete) {
      return HealthStatus.progressing(message);
    }
    if (failed) {
      return HealthStatus.degraded(failMessage);
    }
    if (suspended) {
      return HealthStatus.suspended(failMessage);
    }
    return HealthStatus.healthy(message);
  }
}
