package io.gitopskit.testkit;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.Manifest;
import java.util.Optional;

/**
 * A test-only transcription of Argo CD's built-in health rules (gitops-engine
 * {@code pkg/health}, statuses only), used to check that what the simulated controllers write
 * is judged as a real cluster's objects would be.
 */
final class ArgoHealth {

  private ArgoHealth() {}

  static String of(Manifest m) {
    if (m.metadata().has("deletionTimestamp")) {
      return "Progressing";
    }
    JsonObject spec = m.root().getObject("spec").orElse(JsonObject.empty());
    JsonObject status = m.root().getObject("status").orElse(JsonObject.empty());
    long generation = n(m.metadata(), "generation");
    long observed = n(status, "observedGeneration");
    switch (m.kind()) {
      case "Deployment":
        return deployment(spec, status, generation, observed);
      case "StatefulSet":
        return statefulSet(spec, status, generation, observed);
      case "DaemonSet":
        if (generation > observed) {
          return "Progressing";
        }
        if (s(obj(spec, "updateStrategy"), "type").equals("OnDelete")) {
          return "Healthy";
        }
        if (n(status, "updatedNumberScheduled") < n(status, "desiredNumberScheduled")
            || n(status, "numberAvailable") < n(status, "desiredNumberScheduled")) {
          return "Progressing";
        }
        return "Healthy";
      case "ReplicaSet":
        if (generation > observed) {
          return "Progressing";
        }
        if (isTrue(condition(status, "ReplicaFailure"))) {
          return "Degraded";
        }
        return n(status, "availableReplicas") < replicas(spec) ? "Progressing" : "Healthy";
      case "Pod":
        return pod(spec, status);
      case "Job":
        return job(status);
      case "PersistentVolumeClaim":
        switch (s(status, "phase")) {
          case "Bound":
            return "Healthy";
          case "Pending":
            return "Progressing";
          case "Lost":
            return "Degraded";
          default:
            return "Unknown";
        }
      case "Service":
        if (!s(spec, "type").equals("LoadBalancer")) {
          return "Healthy";
        }
        return arr(obj(status, "loadBalancer"), "ingress").isEmpty() ? "Progressing" : "Healthy";
      case "Ingress":
        return arr(obj(status, "loadBalancer"), "ingress").isEmpty() ? "Progressing" : "Healthy";
      default:
        return "None";
    }
  }

  private static String deployment(JsonObject spec, JsonObject status, long generation,
      long observed) {
    if (spec.getOrNull("paused") == JsonBoolean.TRUE) {
      return "Suspended";
    }
    if (generation > observed) {
      return "Progressing";
    }
    JsonObject progressing = condition(status, "Progressing");
    if (progressing != null && s(progressing, "reason").equals("ProgressDeadlineExceeded")) {
      return "Degraded";
    }
    long updated = n(status, "updatedReplicas");
    if (spec.has("replicas") && updated < n(spec, "replicas")) {
      return "Progressing";
    }
    if (n(status, "replicas") > updated || n(status, "availableReplicas") < updated) {
      return "Progressing";
    }
    return "Healthy";
  }

  private static String statefulSet(JsonObject spec, JsonObject status, long generation,
      long observed) {
    if (observed == 0 || generation > observed) {
      return "Progressing";
    }
    if (n(status, "readyReplicas") < replicas(spec)) {
      return "Progressing";
    }
    JsonObject strategy = obj(spec, "updateStrategy");
    if (s(strategy, "type").equals("RollingUpdate") && strategy.has("rollingUpdate")) {
      JsonObject ru = obj(strategy, "rollingUpdate");
      if (spec.has("replicas") && ru.has("partition")
          && n(status, "updatedReplicas") < n(spec, "replicas") - n(ru, "partition")) {
        return "Progressing";
      }
      return "Healthy";
    }
    if (s(strategy, "type").equals("OnDelete")) {
      return "Healthy";
    }
    return s(status, "updateRevision").equals(s(status, "currentRevision")) ? "Healthy"
        : "Progressing";
  }

  private static String pod(JsonObject spec, JsonObject status) {
    String policy = spec.getString("restartPolicy").orElse("Always");
    if (policy.equals("Always")) {
      for (JsonValue v : arr(status, "containerStatuses").items()) {
        String reason = s(obj(obj((JsonObject) v, "state"), "waiting"), "reason");
        if (reason.startsWith("Err") || reason.endsWith("Error") || reason.endsWith("BackOff")) {
          return "Degraded";
        }
      }
    }
    switch (s(status, "phase")) {
      case "Pending":
        return "Progressing";
      case "Succeeded":
        return "Healthy";
      case "Failed":
        return "Degraded";
      case "Running":
        if (!policy.equals("Always")) {
          return "Progressing";
        }
        if (isTrue(condition(status, "Ready"))) {
          return "Healthy";
        }
        for (JsonValue v : arr(status, "containerStatuses").items()) {
          if (obj(obj((JsonObject) v, "lastState"), "terminated").size() > 0) {
            return "Degraded";
          }
        }
        return "Progressing";
      default:
        return "Unknown";
    }
  }

  private static String job(JsonObject status) {
    boolean failed = false;
    boolean complete = false;
    boolean suspended = false;
    for (JsonValue v : arr(status, "conditions").items()) {
      JsonObject c = (JsonObject) v;
      switch (s(c, "type")) {
        case "Failed":
          failed = true;
          complete = true;
          break;
        case "Complete":
          complete = true;
          break;
        case "Suspended":
          complete = true;
          suspended = isTrue(c);
          break;
        default:
          break;
      }
    }
    if (!complete) {
      return "Progressing";
    }
    if (failed) {
      return "Degraded";
    }
    return suspended ? "Suspended" : "Healthy";
  }

  static JsonObject condition(JsonObject status, String type) {
    for (JsonValue v : arr(status, "conditions").items()) {
      if (v instanceof JsonObject c && s(c, "type").equals(type)) {
        return c;
      }
    }
    return null;
  }

  private static boolean isTrue(JsonObject condition) {
    return condition != null && s(condition, "status").equals("True");
  }

  private static long replicas(JsonObject spec) {
    return spec.has("replicas") ? n(spec, "replicas") : 1;
  }

  private static long n(JsonObject o, String key) {
    return o.getOrNull(key) instanceof JsonNumber num ? num.longValue() : 0;
  }

  private static String s(JsonObject o, String key) {
    return Optional.ofNullable(o).flatMap(x -> x.getString(key)).orElse("");
  }

  private static JsonObject obj(JsonObject o, String key) {
    return o.getObject(key).orElse(JsonObject.empty());
  }

  private static JsonArray arr(JsonObject o, String key) {
    return o.getArray(key).orElse(JsonArray.empty());
  }
}
