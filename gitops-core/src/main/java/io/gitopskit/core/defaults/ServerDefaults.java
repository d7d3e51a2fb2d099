package io.gitopskit.core.defaults;

import static io.gitopskit.core.defaults.Trees.editStruct;
import static io.gitopskit.core.defaults.Trees.str;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.GroupKind;
import io.gitopskit.core.model.Manifest;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * What kube-apiserver fills in on a write: the defaulting and conversion side effects of
 * k8s-defaults.md §3 for Kubernetes 1.35 with its default feature gates, plus the generation
 * rules of §2.1 and the status a freshly created object carries.
 *
 * <p>{@link #apply} is pure, total and idempotent: it only adds what is missing (a user-set value
 * is never replaced), except for the few rewrites the server itself makes — Secret {@code
 * stringData} folded into {@code data}, the {@code serviceAccount} alias, canonical quantities
 * and the Namespace name label. It leaves {@code status} alone and never allocates anything
 * (cluster IPs, node ports, Job selectors, names, uids). Kinds and versions it does not know
 * are returned unchanged.
 *
 * <p>Kinds covered: {@code v1} Pod, PodTemplate, ReplicationController, Service, Secret,
 * ConfigMap, Namespace, PersistentVolumeClaim, PersistentVolume; {@code apps/v1} Deployment,
 * ReplicaSet, StatefulSet, DaemonSet; {@code batch/v1} Job, CronJob; {@code
 * networking.k8s.io/v1} NetworkPolicy, IngressClass; {@code autoscaling/v2}
 * HorizontalPodAutoscaler; {@code rbac.authorization.k8s.io/v1} RoleBinding,
 * ClusterRoleBinding; {@code apiextensions.k8s.io/v1} CustomResourceDefinition; {@code
 * storage.k8s.io/v1} StorageClass.
 *
 * @since 0.1
 */
public final class ServerDefaults {

  /** The label the API server keeps equal to a Namespace's name. */
  public static final String NAMESPACE_NAME_LABEL = ObjectDefaults.NAMESPACE_NAME_LABEL;

  /** The DaemonSet annotation carrying the template generation (set to "1" on create). */
  public static final String DAEMONSET_TEMPLATE_GENERATION =
      WorkloadDefaults.DAEMONSET_TEMPLATE_GENERATION;

  /** The Job label and selector key carrying the Job's uid. */
  public static final String JOB_CONTROLLER_UID = "batch.kubernetes.io/controller-uid";

  /** The legacy Job label carrying the Job's uid. */
  public static final String JOB_CONTROLLER_UID_LEGACY = "controller-uid";

  /** The Job label carrying the Job's name. */
  public static final String JOB_NAME = "batch.kubernetes.io/job-name";

  /** The legacy Job label carrying the Job's name. */
  public static final String JOB_NAME_LEGACY = "job-name";

  private static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "batch", "autoscaling",
      "policy", "extensions", "networking.k8s.io", "rbac.authorization.k8s.io",
      "storage.k8s.io", "apiextensions.k8s.io", "apiregistration.k8s.io",
      "admissionregistration.k8s.io", "authentication.k8s.io", "authorization.k8s.io",
      "certificates.k8s.io", "coordination.k8s.io", "discovery.k8s.io", "events.k8s.io",
      "flowcontrol.apiserver.k8s.io", "node.k8s.io", "scheduling.k8s.io", "resource.k8s.io",
      "internal.apiserver.k8s.io", "storagemigration.k8s.io");

  private static final Set<GroupKind> SPEC_GENERATION = Set.of(
      GroupKind.of("apps", "Deployment"), GroupKind.of("apps", "ReplicaSet"),
      GroupKind.of("apps", "StatefulSet"), GroupKind.of("apps", "DaemonSet"),
      GroupKind.of("", "ReplicationController"), GroupKind.of("", "Pod"),
      GroupKind.of("batch", "Job"), GroupKind.of("batch", "CronJob"),
      GroupKind.of("networking.k8s.io", "Ingress"),
      GroupKind.of("networking.k8s.io", "NetworkPolicy"),
      GroupKind.of("policy", "PodDisruptionBudget"),
      GroupKind.of("apiextensions.k8s.io", "CustomResourceDefinition"));

  private ServerDefaults() {}

  /**
   * The object as the API server would store and return it: every §3 default filled in.
   *
   * @param m the object as sent by a client (or as read from storage)
   * @return the defaulted object; {@code m} itself when nothing changes
   */
  public static Manifest apply(Manifest m) {
    Objects.requireNonNull(m, "m");
    UnaryOperator<JsonObject> f = defaulter(m.apiVersion(), m.kind());
    return f == null ? m : m.withRoot(f.apply(m.root()));
  }

  private static @Nullable UnaryOperator<JsonObject> defaulter(String apiVersion, String kind) {
    switch (apiVersion + "/" + kind) {
      case "v1/Pod":
        return WorkloadDefaults::pod;
      case "v1/PodTemplate":
        return WorkloadDefaults::podTemplate;
      case "v1/ReplicationController":
        return WorkloadDefaults::replicationController;
      case "v1/Service":
        return NetworkDefaults::service;
      case "v1/Secret":
        return ObjectDefaults::secret;
      case "v1/Namespace":
        return ObjectDefaults::namespace;
      case "v1/PersistentVolumeClaim":
        return ObjectDefaults::persistentVolumeClaim;
      case "v1/PersistentVolume":
        return ObjectDefaults::persistentVolume;
      case "apps/v1/Deployment":
        return WorkloadDefaults::deployment;
      case "apps/v1/ReplicaSet":
        return WorkloadDefaults::replicaSet;
      case "apps/v1/StatefulSet":
        return WorkloadDefaults::statefulSet;
      case "apps/v1/DaemonSet":
        return WorkloadDefaults::daemonSet;
      case "batch/v1/Job":
        return WorkloadDefaults::job;
      case "batch/v1/CronJob":
        return WorkloadDefaults::cronJob;
      case "networking.k8s.io/v1/NetworkPolicy":
        return NetworkDefaults::networkPolicy;
      case "networking.k8s.io/v1/IngressClass":
        return NetworkDefaults::ingressClass;
      case "autoscaling/v2/HorizontalPodAutoscaler":
        return ObjectDefaults::horizontalPodAutoscaler;
      case "rbac.authorization.k8s.io/v1/RoleBinding":
      case "rbac.authorization.k8s.io/v1/ClusterRoleBinding":
        return ObjectDefaults::roleBinding;
      case "apiextensions.k8s.io/v1/CustomResourceDefinition":
        return ObjectDefaults::customResourceDefinition;
      case "storage.k8s.io/v1/StorageClass":
        return ObjectDefaults::storageClass;
      default:
        return null; // ConfigMap: data defaults to an empty map, invisible in JSON
    }
  }

  /**
   * The Job registry strategy's create-time additions, which need the uid and are therefore not
   * part of {@link #apply}: unless {@code spec.manualSelector} is true, the template gains the
   * labels {@code batch.kubernetes.io/controller-uid}, {@code controller-uid}, {@code
   * batch.kubernetes.io/job-name} and {@code job-name} (each only when absent), and the
   * selector's {@code matchLabels} gains {@code batch.kubernetes.io/controller-uid}. A Job
   * without labels then takes the template's labels, as defaulting on the next read does. The
   * result is also {@linkplain #apply defaulted}.
   *
   * @param job a {@code batch/v1} Job with its final {@code metadata.name}
   * @param uid the uid the server assigned
   * @return the Job as stored
   * @throws IllegalArgumentException when {@code job} is not a batch Job or has no name yet
   */
  public static Manifest jobSelectorAndLabels(Manifest job, String uid) {
    Objects.requireNonNull(uid, "uid");
    if (!job.groupKind().equals(GroupKind.of("batch", "Job"))) {
      throw new IllegalArgumentException("not a batch Job: " + job);
    }
    if (job.hasGeneratedName()) {
      throw new IllegalArgumentException("the Job has no metadata.name yet: " + job);
    }
    Manifest defaulted = apply(job);
    JsonObject root = defaulted.root();
    JsonObject spec = Trees.objectOrEmpty(root, "spec");
    if (Trees.isTrue(spec, "manualSelector")) {
      return defaulted;
    }
    String name = job.name();
    JsonObject r = editStruct(root, "spec", s -> {
      JsonObject x = editStruct(s, "template", t -> editStruct(t, "metadata",
          meta -> editStruct(meta, "labels", labels -> {
            JsonObject l = Trees.defaultValue(labels, JOB_NAME_LEGACY, str(name));
            l = Trees.defaultValue(l, JOB_NAME, str(name));
            l = Trees.defaultValue(l, JOB_CONTROLLER_UID_LEGACY, str(uid));
            return Trees.defaultValue(l, JOB_CONTROLLER_UID, str(uid));
          })));
      return editStruct(x, "selector", sel -> editStruct(sel, "matchLabels",
          ml -> Trees.defaultValue(ml, JOB_CONTROLLER_UID, str(uid))));
    });
    return defaulted.withRoot(WorkloadDefaults.copyTemplateLabels(r));
  }

  /**
   * The {@code status} the API server returns right after creating the object: e.g. {@code {}}
   * for a Deployment, {@code {replicas: 0}} for a ReplicaSet, {@code {phase: Pending, qosClass:
   * ...}} for a Pod, {@code {loadBalancer: {}}} for a Service, {@code {phase: Active}} for a
   * Namespace. The object is defaulted first (the Pod QoS class depends on it).
   *
   * @param m the object
   * @return the status; empty for kinds without status (see {@link #hasStatus}) and for custom
   *     resources
   */
  public static JsonObject initialStatus(Manifest m) {
    return StatusDefaults.initial(m.groupKind(), apply(m).root());
  }

  /**
   * Whether the API server's responses for a built-in kind carry a {@code status} object (even
   * an empty one); false for kinds without status and for custom resources.
   *
   * @param gk the group and kind
   * @return true when {@link #initialStatus} is meaningful
   */
  public static boolean hasStatus(GroupKind gk) {
    return StatusDefaults.hasStatus(gk);
  }

  /**
   * Whether a group is served by kube-apiserver itself (so its kinds are not custom resources).
   *
   * @param group the API group, {@code ""} for core
   * @return true for the built-in groups of Kubernetes 1.35
   */
  public static boolean isBuiltInGroup(String group) {
    return BUILT_IN_GROUPS.contains(group);
  }

  /**
   * Whether the kind's registry strategy sets {@code metadata.generation} (to 1 on create): the
   * workloads, Pod, Ingress, NetworkPolicy, PodDisruptionBudget, CustomResourceDefinition and
   * every custom resource (§2.1). False for every other built-in kind, such as ConfigMap,
   * Secret, Service, Namespace or the RBAC kinds.
   *
   * @param gk the group and kind
   * @return true when the server maintains a generation
   */
  public static boolean setsGeneration(GroupKind gk) {
    return SPEC_GENERATION.contains(gk) || !isBuiltInGroup(gk.group());
  }

  /**
   * Whether an update from {@code oldObj} to {@code newObj} increments {@code
   * metadata.generation} (§2.1): for a Deployment when {@code spec} or {@code
   * metadata.annotations} changed; for the other built-in generation kinds when {@code spec}
   * changed; for custom resources when anything outside {@code metadata} changed (with a status
   * subresource the server keeps {@code status} as it was, so that case follows). Both sides
   * are {@linkplain #apply defaulted} and compared {@linkplain Semantic semantically}. The
   * DaemonSet template-generation annotation is not handled here.
   *
   * @param oldObj the stored object
   * @param newObj the object being written
   * @return true when the generation goes up
   * @throws IllegalArgumentException when the two objects are of different kinds
   */
  public static boolean bumpsGeneration(Manifest oldObj, Manifest newObj) {
    GroupKind gk = newObj.groupKind();
    if (!oldObj.groupKind().equals(gk)) {
      throw new IllegalArgumentException("different kinds: " + oldObj + " and " + newObj);
    }
    if (!setsGeneration(gk)) {
      return false;
    }
    JsonObject a = apply(oldObj).root();
    JsonObject b = apply(newObj).root();
    if (!isBuiltInGroup(gk.group())) {
      return !Semantic.equal(a.without("metadata"), b.without("metadata"));
    }
    if (!Semantic.equal(a.getOrNull("spec"), b.getOrNull("spec"))) {
      return true;
    }
    if (gk.equals(GroupKind.of("apps", "Deployment"))) {
      JsonValue oldAnnotations = Trees.objectOrEmpty(a, "metadata").getOrNull("annotations");
      JsonValue newAnnotations = Trees.objectOrEmpty(b, "metadata").getOrNull("annotations");
      return !Semantic.equal(oldAnnotations, newAnnotations);
    }
    return false;
  }
}
