package io.gitopskit.core.health;

import static io.gitopskit.core.health.Fields.object;
import static io.gitopskit.core.health.Fields.string;

import io.gitopskit.core.model.Manifest;

/** Argo CD's PersistentVolumeClaim rule ({@code health_pvc.go}): by phase, no message. */
final class PvcHealth {

  private static final HealthStatus BOUND = HealthStatus.healthy();
  private static final HealthStatus PENDING = HealthStatus.progressing("");
  private static final HealthStatus LOST = HealthStatus.degraded("");
  private static final HealthStatus OTHER = HealthStatus.unknown("");

  private PvcHealth() {}

  static HealthStatus assess(Manifest pvc) {
    switch (string(object(pvc.root(), "", "status"), "status", "phase")) {
      case "Bound":
        return BOUND;
      case "Pending":
        return PENDING;
      case "Lost":
        return LOST;
      default:
        return OTHER;
    }
  }
}
