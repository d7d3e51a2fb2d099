package io.gitopskit.core.health;

import static io.gitopskit.core.health.Fields.object;
import static io.gitopskit.core.health.Fields.string;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.model.Manifest;

/**
 * Argo CD's rule for Argo Workflows ({@code health_argo.go}), any version: by
 * {@code status.phase}, with {@code status.message}.
 */
final class WorkflowHealth {

  private WorkflowHealth() {}

  static HealthStatus assess(Manifest workflow) {
    JsonObject status = object(workflow.root(), "", "status");
    String message = string(status, "status", "message");
    switch (string(status, "status", "phase")) {
      case "":
      case "Pending":
      case "Running":
        return HealthStatus.progressing(message);
      case "Succeeded":
        return HealthStatus.healthy(message);
      case "Failed":
      case "Error":
        return HealthStatus.degraded(message);
      default:
        return HealthStatus.unknown(message);
    }
  }
}
