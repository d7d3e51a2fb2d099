package io.gitopskit.core.health;

import static io.gitopskit.core.health.Fields.conditionStatus;
import static io.gitopskit.core.health.Fields.object;
import static io.gitopskit.core.health.Fields.string;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.model.Manifest;

/**
 * Argo CD's APIService rule ({@code health_apiservice.go}): the {@code Available} condition,
 * reported as {@code <reason>: <message>}.
 */
final class ApiServiceHealth {

  private static final HealthStatus WAITING = HealthStatus.progressing("Waiting to be processed");

  private ApiServiceHealth() {}

  static HealthStatus assess(Manifest apiService) {
    JsonObject available = Fields.condition(object(apiService.root(), "", "status"), "Available");
    if (available == null) {
      return WAITING;
    }
    String message = string(available, "status.conditions[]", "reason") + ": "
        + string(available, "status.conditions[]", "message");
    return conditionStatus(available).equals("True") ? HealthStatus.healthy(message)
        : HealthStatus.progressing(message);
  }
}
