package io.gitopskit.core.health;

import static io.gitopskit.core.health.Fields.array;
import static io.gitopskit.core.health.Fields.object;
import static io.gitopskit.core.health.Fields.string;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.Manifest;

/**
 * Argo CD's Service and Ingress rules ({@code health_service.go}, {@code health_ingress.go}):
 * a LoadBalancer Service, and every Ingress, is Healthy once {@code status.loadBalancer.ingress}
 * has an entry (even an empty one, {@code [{}]}), Progressing before. No message.
 */
final class NetworkHealth {

  private static final HealthStatus HEALTHY = HealthStatus.healthy();
  private static final HealthStatus WAITING = HealthStatus.progressing("");

  private NetworkHealth() {}

  static HealthStatus service(Manifest service) {
    JsonObject root = service.root();
    if (!string(object(root, "", "spec"), "spec", "type").equals("LoadBalancer")) {
      return HEALTHY;
    }
    JsonObject lb = object(object(root, "", "status"), "status", "loadBalancer");
    JsonArray ingress = array(lb, "status.loadBalancer", "ingress");
    return ingress.isEmpty() ? WAITING : HEALTHY;
  }

  /** Ingress is read untyped, as Argo CD does: a malformed status simply reads as empty. */
  static HealthStatus ingress(Manifest ingress) {
    JsonValue v = ingress.root().getOrNull("status");
    if (v instanceof JsonObject status
        && status.getOrNull("loadBalancer") instanceof JsonObject lb
        && lb.getOrNull("ingress") instanceof JsonArray list && !list.isEmpty()) {
      return HEALTHY;
    }
    return WAITING;
  }
}
