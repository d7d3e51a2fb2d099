package io.gitopskit.core.health;

import io.gitopskit.core.model.Manifest;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Dispatch to the built-in checks by group and kind, as gitops-engine's
 * {@code GetHealthCheckFunc}. A typed check accepts only the versions Argo CD converts; any
 * other version of its kind is Unknown "unsupported Kind GVK: group/version, Kind=Kind", and a
 * field of the wrong type is Unknown "failed to convert unstructured Kind to typed: ...".
 */
final class BuiltInChecks {

  private BuiltInChecks() {}

  /**
   * The built-in health of an object.
   *
   * @return the status, or null when no built-in check covers the object's group and kind
   */
  static @Nullable HealthStatus assess(Manifest live) {
    String version = live.version();
    switch (live.group()) {
      case "apps":
        switch (live.kind()) {
          case "Deployment":
            return typed(live, "Deployment", version.equals("v1"), WorkloadHealth::deployment);
          case "StatefulSet":
            return typed(live, "StatefulSet", version.equals("v1"), WorkloadHealth::statefulSet);
          case "ReplicaSet":
            return typed(live, "ReplicaSet", version.equals("v1"), WorkloadHealth::replicaSet);
          case "DaemonSet":
            return typed(live, "DaemonSet", version.equals("v1"), WorkloadHealth::daemonSet);
          default:
            return null;
        }
      case "extensions":
      case "networking.k8s.io":
        return live.kind().equals("Ingress") ? NetworkHealth.ingress(live) : null;
      case "argoproj.io":
        if (!live.kind().equals("Workflow")) {
          return null;
        }
        try {
          return WorkflowHealth.assess(live);
        } catch (Fields.TypeMismatch e) {
          return HealthStatus.unknown("failed to convert unstructured to argoworkflow: "
              + e.getMessage());
        }
      case "apiregistration.k8s.io":
        return live.kind().equals("APIService") ? typed(live, "APIService",
            version.equals("v1") || version.equals("v1beta1"), ApiServiceHealth::assess) : null;
      case "":
        switch (live.kind()) {
          case "Service":
            return typed(live, "Service", version.equals("v1"), NetworkHealth::service);
          case "PersistentVolumeClaim":
            return typed(live, "PersistentVolumeClaim", version.equals("v1"),
                PvcHealth::assess);
          case "Pod":
            return typed(live, "Pod", version.equals("v1"), PodHealth::assess);
          default:
            return null;
        }
      case "batch":
        return live.kind().equals("Job")
            ? typed(live, "Job", version.equals("v1"), JobHealth::assess) : null;
      case "autoscaling":
        if (!live.kind().equals("HorizontalPodAutoscaler")) {
          return null;
        }
        switch (version) {
          case "v1":
            return typed(live, "HPA", true, HpaHealth::v1);
          case "v2beta1":
          case "v2beta2":
          case "v2":
            return typed(live, "HPA", true, HpaHealth::v2);
          default:
            return typed(live, "HPA", false, HpaHealth::v2);
        }
      default:
        return null;
    }
  }

  private static HealthStatus typed(Manifest live, String name, boolean supported,
      Function<Manifest, HealthStatus> check) {
    if (!supported) {
      return HealthStatus.unknown("unsupported " + name + " GVK: " + live.group() + "/"
          + live.version() + ", Kind=" + live.kind());
    }
    try {
      return check.apply(live);
    } catch (Fields.TypeMismatch e) {
      return HealthStatus.unknown(e.complete() ? e.getMessage()
          : "failed to convert unstructured " + name + " to typed: " + e.getMessage());
    }
  }
}
