package io.gitopskit.core.health;

import static io.gitopskit.core.health.Fields.condition;
import static io.gitopskit.core.health.Fields.conditionStatus;
import static io.gitopskit.core.health.Fields.integer;
import static io.gitopskit.core.health.Fields.object;
import static io.gitopskit.core.health.Fields.present;
import static io.gitopskit.core.health.Fields.quote;
import static io.gitopskit.core.health.Fields.string;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.model.Manifest;

/**
 * Argo CD's rules for the {@code apps/v1} workloads: Deployment, StatefulSet, DaemonSet and
 * ReplicaSet (gitops-engine {@code health_deployment.go}, {@code health_statefulset.go},
 * {@code health_daemonset.go}, {@code health_replicaset.go}), messages included.
 */
final class WorkloadHealth {

  static final HealthStatus HEALTHY = HealthStatus.healthy();
  static final HealthStatus DEPLOYMENT_PAUSED = HealthStatus.suspended("Deployment is paused");
  static final HealthStatus DEPLOYMENT_GENERATION = HealthStatus.progressing(
      "Waiting for rollout to finish: observed deployment generation less than desired "
          + "generation");
  static final HealthStatus STATEFULSET_GENERATION =
      HealthStatus.progressing("Waiting for statefulset spec update to be observed...");
  static final HealthStatus DAEMONSET_GENERATION = HealthStatus.progressing(
      "Waiting for rollout to finish: observed daemon set generation less than desired "
          + "generation");
  static final HealthStatus REPLICASET_GENERATION = HealthStatus.progressing(
      "Waiting for rollout to finish: observed replica set generation less than desired "
          + "generation");

  private WorkloadHealth() {}

  static HealthStatus deployment(Manifest d) {
    JsonObject root = d.root();
    JsonObject spec = object(root, "", "spec");
    JsonObject status = object(root, "", "status");
    if (Fields.bool(spec, "spec", "paused")) {
      return DEPLOYMENT_PAUSED;
    }
    if (generation(d) > integer(status, "status", "observedGeneration")) {
      return DEPLOYMENT_GENERATION;
    }
    JsonObject progressing = condition(status, "Progressing");
    if (progressing != null && "ProgressDeadlineExceeded"
        .equals(string(progressing, "status.conditions[]", "reason"))) {
      return HealthStatus.degraded("Deployment " + quote(name(d))
          + " exceeded its progress deadline");
    }
    long updated = integer(status, "status", "updatedReplicas");
    if (present(spec, "replicas")) {
      long desired = integer(spec, "spec", "replicas");
      if (updated < desired) {
        return HealthStatus.progressing("Waiting for rollout to finish: " + updated + " out of "
            + desired + " new replicas have been updated...");
      }
    }
    long replicas = integer(status, "status", "replicas");
    if (replicas > updated) {
      return HealthStatus.progressing("Waiting for rollout to finish: " + (replicas - updated)
          + " old replicas are pending termination...");
    }
    long available = integer(status, "status", "availableReplicas");
    if (available < updated) {
      return HealthStatus.progressing("Waiting for rollout to finish: " + available + " of "
          + updated + " updated replicas are available...");
    }
    return HEALTHY;
  }

  static HealthStatus statefulSet(Manifest s) {
    JsonObject root = s.root();
    JsonObject spec = object(root, "", "spec");
    JsonObject status = object(root, "", "status");
    long observed = integer(status, "status", "observedGeneration");
    if (observed == 0 || generation(s) > observed) {
      return STATEFULSET_GENERATION;
    }
    boolean hasReplicas = present(spec, "replicas");
    long replicas = integer(spec, "spec", "replicas");
    long ready = integer(status, "status", "readyReplicas");
    if (hasReplicas && ready < replicas) {
      return HealthStatus.progressing("Waiting for " + (replicas - ready)
          + " pods to be ready...");
    }
    JsonObject strategy = object(spec, "spec", "updateStrategy");
    String type = string(strategy, "spec.updateStrategy", "type");
    long updated = integer(status, "status", "updatedReplicas");
    if (type.equals("RollingUpdate")
        && Fields.hasObject(strategy, "spec.updateStrategy", "rollingUpdate")) {
      JsonObject rolling = object(strategy, "spec.updateStrategy", "rollingUpdate");
      if (hasReplicas && present(rolling, "partition")) {
        long target = replicas - integer(rolling, "spec.updateStrategy.rollingUpdate",
            "partition");
        if (updated < target) {
          return HealthStatus.progressing("Waiting for partitioned roll out to finish: "
              + updated + " out of " + target + " new pods have been updated...");
        }
      }
      return HealthStatus.healthy("partitioned roll out complete: " + updated
          + " new pods have been updated...");
    }
    if (type.equals("OnDelete")) {
      return HealthStatus.healthy("statefulset has " + ready + " ready pods");
    }
    String updateRevision = string(status, "status", "updateRevision");
    String currentRevision = string(status, "status", "currentRevision");
    if (!updateRevision.equals(currentRevision)) {
      return HealthStatus.progressing("waiting for statefulset rolling update to complete "
          + updated + " pods at revision " + updateRevision + "...");
    }
    return HealthStatus.healthy("statefulset rolling update complete "
        + integer(status, "status", "currentReplicas") + " pods at revision " + currentRevision
        + "...");
  }

  static HealthStatus daemonSet(Manifest d) {
    JsonObject root = d.root();
    JsonObject spec = object(root, "", "spec");
    JsonObject status = object(root, "", "status");
    if (generation(d) > integer(status, "status", "observedGeneration")) {
      return DAEMONSET_GENERATION;
    }
    long updated = integer(status, "status", "updatedNumberScheduled");
    long desired = integer(status, "status", "desiredNumberScheduled");
    JsonObject strategy = object(spec, "spec", "updateStrategy");
    if (string(strategy, "spec.updateStrategy", "type").equals("OnDelete")) {
      return HealthStatus.healthy("daemon set " + updated + " out of " + desired
          + " new pods have been updated");
    }
    if (updated < desired) {
      return HealthStatus.progressing("Waiting for daemon set " + quote(name(d))
          + " rollout to finish: " + updated + " out of " + desired
          + " new pods have been updated...");
    }
    long available = integer(status, "status", "numberAvailable");
    if (available < desired) {
      return HealthStatus.progressing("Waiting for daemon set " + quote(name(d))
          + " rollout to finish: " + available + " of " + desired
          + " updated pods are available...");
    }
    return HEALTHY;
  }

  static HealthStatus replicaSet(Manifest r) {
    JsonObject root = r.root();
    JsonObject spec = object(root, "", "spec");
    JsonObject status = object(root, "", "status");
    if (generation(r) > integer(status, "status", "observedGeneration")) {
      return REPLICASET_GENERATION;
    }
    JsonObject failure = condition(status, "ReplicaFailure");
    if (failure != null && conditionStatus(failure).equals("True")) {
      return HealthStatus.degraded(string(failure, "status.conditions[]", "message"));
    }
    if (present(spec, "replicas")) {
      long desired = integer(spec, "spec", "replicas");
      long available = integer(status, "status", "availableReplicas");
      if (available < desired) {
        return HealthStatus.progressing("Waiting for rollout to finish: " + available
            + " out of " + desired + " new replicas are available...");
      }
    }
    return HEALTHY;
  }

  static long generation(Manifest m) {
    return integer(m.metadata(), "metadata", "generation");
  }

  /** {@code metadata.name} as Go reads it: {@code ""} for an object with only a generateName. */
  static String name(Manifest m) {
    return m.hasGeneratedName() ? "" : m.name();
  }
}
