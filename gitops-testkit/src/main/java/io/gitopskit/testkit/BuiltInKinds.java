package io.gitopskit.testkit;

import io.gitopskit.core.cluster.ApiResource;
import io.gitopskit.core.model.GroupKind;
import io.gitopskit.core.model.GroupVersionKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The kinds a new simulated cluster serves. */
final class BuiltInKinds {

  private BuiltInKinds() {}

  private static final String[][] KINDS = {
      // group, version, kind, plural, namespaced, status subresource
      {"", "v1", "Namespace", "namespaces", "false", "true"},
      {"", "v1", "ConfigMap", "configmaps", "true", "false"},
      {"", "v1", "Secret", "secrets", "true", "false"},
      {"", "v1", "Service", "services", "true", "true"},
      {"", "v1", "ServiceAccount", "serviceaccounts", "true", "false"},
      {"", "v1", "Pod", "pods", "true", "true"},
      {"", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", "true", "true"},
      {"", "v1", "PersistentVolume", "persistentvolumes", "false", "true"},
      {"", "v1", "Endpoints", "endpoints", "true", "false"},
      {"", "v1", "Event", "events", "true", "false"},
      {"", "v1", "Node", "nodes", "false", "true"},
      {"", "v1", "ReplicationController", "replicationcontrollers", "true", "true"},
      {"apps", "v1", "Deployment", "deployments", "true", "true"},
      {"apps", "v1", "ReplicaSet", "replicasets", "true", "true"},
      {"apps", "v1", "StatefulSet", "statefulsets", "true", "true"},
      {"apps", "v1", "DaemonSet", "daemonsets", "true", "true"},
      {"apps", "v1", "ControllerRevision", "controllerrevisions", "true", "false"},
      {"batch", "v1", "Job", "jobs", "true", "true"},
      {"batch", "v1", "CronJob", "cronjobs", "true", "true"},
      {"autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", "true", "true"},
      {"autoscaling", "v1", "HorizontalPodAutoscaler", "horizontalpodautoscalers", "true", "true"},
      {"policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", "true", "true"},
      {"networking.k8s.io", "v1", "Ingress", "ingresses", "true", "true"},
      {"networking.k8s.io", "v1", "IngressClass", "ingressclasses", "false", "false"},
      {"networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", "true", "false"},
      {"rbac.authorization.k8s.io", "v1", "Role", "roles", "true", "false"},
      {"rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", "true", "false"},
      {"rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", "false", "false"},
      {"rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", "false",
          "false"},
      {"storage.k8s.io", "v1", "StorageClass", "storageclasses", "false", "false"},
      {"apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions",
          "false", "true"},
      {"apiregistration.k8s.io", "v1", "APIService", "apiservices", "false", "true"},
      {"admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration",
          "mutatingwebhookconfigurations", "false", "false"},
      {"admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration",
          "validatingwebhookconfigurations", "false", "false"},
      {"scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", "false", "false"},
      {"coordination.k8s.io", "v1", "Lease", "leases", "true", "false"},
  };

  static List<ApiResource> resources() {
    List<ApiResource> out = new ArrayList<>();
    for (String[] k : KINDS) {
      out.add(new ApiResource(new GroupVersionKind(k[0], k[1], k[2]), k[3],
          Boolean.parseBoolean(k[4]), ApiResource.ALL_VERBS));
    }
    return out;
  }

  static boolean hasStatus(GroupKind gk) {
    for (String[] k : KINDS) {
      if (k[0].equals(gk.group()) && k[2].equals(gk.kind())) {
        return Boolean.parseBoolean(k[5]);
      }
    }
    return false;
  }

  static Set<String> verbs() {
    return ApiResource.ALL_VERBS;
  }
}
