package io.gitopskit.core.health;

import static io.gitopskit.core.health.Fields.array;
import static io.gitopskit.core.health.Fields.conditionStatus;
import static io.gitopskit.core.health.Fields.element;
import static io.gitopskit.core.health.Fields.hasObject;
import static io.gitopskit.core.health.Fields.integer;
import static io.gitopskit.core.health.Fields.object;
import static io.gitopskit.core.health.Fields.quote;
import static io.gitopskit.core.health.Fields.string;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.model.Manifest;

/**
 * Argo CD's Pod rule ({@code health_pod.go}): waiting reasons first, and only for
 * {@code restartPolicy: Always} (Never and OnFailure pods are usually hooks, which must not fail
 * early); then the phase.
 */
final class PodHealth {

  private static final String STATUSES = "status.containerStatuses[]";

  private PodHealth() {}

  static HealthStatus assess(Manifest pod) {
    JsonObject root = pod.root();
    JsonObject spec = object(root, "", "spec");
    JsonObject status = object(root, "", "status");
    String policy = string(spec, "spec", "restartPolicy");
    boolean always = policy.isEmpty() || policy.equals("Always");
    JsonArray containers = array(status, "status", "containerStatuses");
    if (always) {
      StringBuilder messages = null;
      for (int i = 0; i < containers.size(); i++) {
        JsonObject state = object(element(containers, i, "status.containerStatuses"), STATUSES,
            "state");
        if (!hasObject(state, STATUSES + ".state", "waiting")) {
          continue;
        }
        JsonObject waiting = object(state, STATUSES + ".state", "waiting");
        String reason = string(waiting, STATUSES + ".state.waiting", "reason");
        if (reason.startsWith("Err") || reason.endsWith("Error") || reason.endsWith("BackOff")) {
          String message = string(waiting, STATUSES + ".state.waiting", "message");
          if (messages == null) {
            messages = new StringBuilder(message);
          } else {
            messages.append(", ").append(message);
          }
        }
      }
      if (messages != null) {
        return HealthStatus.degraded(messages.toString());
      }
    }
    String message = string(status, "status", "message");
    switch (string(status, "status", "phase")) {
      case "Pending":
        return HealthStatus.progressing(message);
      case "Succeeded":
        return HealthStatus.healthy(message);
      case "Failed":
        if (!message.isEmpty()) {
          return HealthStatus.degraded(message);
        }
        String failure = failMessage(array(status, "status", "initContainerStatuses"),
            "status.initContainerStatuses");
        if (failure.isEmpty()) {
          failure = failMessage(containers, "status.containerStatuses");
        }
        return HealthStatus.degraded(failure);
      case "Running":
        if (!always) {
          // OnFailure and Never pods have a finite life: typically hooks, so Progressing.
          return policy.equals("OnFailure") || policy.equals("Never")
              ? HealthStatus.progressing(message) : HealthStatus.unknown(message);
        }
        if (ready(status)) {
          return HealthStatus.healthy(message);
        }
        for (int i = 0; i < containers.size(); i++) {
          JsonObject last = object(element(containers, i, "status.containerStatuses"), STATUSES,
              "lastState");
          if (hasObject(last, STATUSES + ".lastState", "terminated")) {
            return HealthStatus.degraded(message);
          }
        }
        return HealthStatus.progressing(message);
      default:
        return HealthStatus.unknown(message);
    }
  }

  private static boolean ready(JsonObject status) {
    JsonObject ready = Fields.condition(status, "Ready");
    return ready != null && conditionStatus(ready).equals("True");
  }

  private static String failMessage(JsonArray statuses, String where) {
    for (int i = 0; i < statuses.size(); i++) {
      JsonObject ctr = element(statuses, i, where);
      JsonObject state = object(ctr, where + "[]", "state");
      if (!hasObject(state, where + "[].state", "terminated")) {
        continue;
      }
      JsonObject terminated = object(state, where + "[].state", "terminated");
      String message = string(terminated, where + "[].state.terminated", "message");
      if (!message.isEmpty()) {
        return message;
      }
      if (string(terminated, where + "[].state.terminated", "reason").equals("OOMKilled")) {
        return "OOMKilled";
      }
      long exitCode = integer(terminated, where + "[].state.terminated", "exitCode");
      if (exitCode != 0) {
        return "container " + quote(string(ctr, where + "[]", "name"))
            + " failed with exit code " + exitCode;
      }
    }
    return "";
  }
}
