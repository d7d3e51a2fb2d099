package io.gitopskit.core.defaults;

import static io.gitopskit.core.defaults.Trees.num;
import static io.gitopskit.core.defaults.Trees.str;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.GroupKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The status the API server returns right after a create (k8s-defaults.md §3). */
final class StatusDefaults {

  private static final Set<String> QOS_RESOURCES = Set.of("cpu", "memory");

  private StatusDefaults() {}

  /** Whether responses for the kind carry a {@code status}; see {@link #initial}. */
  static boolean hasStatus(GroupKind gk) {
    return initialFor(gk, JsonObject.empty()) != null;
  }

  /** The status after create of a defaulted object, or empty for kinds without status. */
  static JsonObject initial(GroupKind gk, JsonObject root) {
    JsonObject s = initialFor(gk, root);
    return s == null ? JsonObject.empty() : s;
  }

  private static @Nullable JsonObject initialFor(GroupKind gk, JsonObject root) {
    String key = gk.group() + "/" + gk.kind();
    switch (key) {
      case "apps/Deployment":
      case "batch/Job":
      case "batch/CronJob":
        return JsonObject.empty();
      case "apps/ReplicaSet":
      case "/ReplicationController":
        return zeros("replicas");
      case "apps/StatefulSet":
        return zeros("replicas", "availableReplicas");
      case "apps/DaemonSet":
        return zeros("currentNumberScheduled", "numberMisscheduled", "desiredNumberScheduled",
            "numberReady");
      case "policy/PodDisruptionBudget":
        return zeros("disruptionsAllowed", "currentHealthy", "desiredHealthy", "expectedPods");
      case "/Service":
      case "networking.k8s.io/Ingress":
        return JsonObject.of("loadBalancer", JsonObject.empty());
      case "/Namespace":
        return JsonObject.of("phase", str("Active"));
      case "/PersistentVolumeClaim":
      case "/PersistentVolume":
        return JsonObject.of("phase", str("Pending"));
      case "autoscaling/HorizontalPodAutoscaler":
        return JsonObject.builder().put("desiredReplicas", num(0))
            .put("currentMetrics", JsonNull.INSTANCE).build();
      case "apiextensions.k8s.io/CustomResourceDefinition":
        String storage = ObjectDefaults.storageVersion(root);
        return JsonObject.builder().put("conditions", JsonNull.INSTANCE)
            .put("acceptedNames", JsonObject.builder().put("plural", str(""))
                .put("kind", str("")).build())
            .put("storedVersions", storage.isEmpty() ? JsonArray.empty()
                : JsonArray.of(str(storage)))
            .build();
      case "/Pod":
        return JsonObject.builder().put("phase", str("Pending"))
            .put("qosClass", str(qosClass(Trees.objectOrEmpty(root, "spec")))).build();
      default:
        return null;
    }
  }

  private static JsonObject zeros(String... fields) {
    JsonObject.Builder b = JsonObject.builder();
    for (String f : fields) {
      b.put(f, num(0));
    }
    return b.build();
  }

  /** The QoS class of a (defaulted) PodSpec, as {@code ComputePodQOS} computes it. */
  static String qosClass(JsonObject spec) {
    Map<String, Quantity> requests = new LinkedHashMap<>();
    Map<String, Quantity> limits = new LinkedHashMap<>();
    boolean guaranteed = true;
    JsonObject podResources = Trees.object(spec, "resources");
    List<JsonObject> sources = new ArrayList<>();
    if (podResources != null) {
      sources.add(podResources);
    } else {
      for (String list : new String[] {"containers", "initContainers"}) {
        for (JsonObject c : PodSpecDefaults.objects(spec, list)) {
          sources.add(Trees.objectOrEmpty(c, "resources"));
        }
      }
    }
    for (JsonObject r : sources) {
      sum(requests, Trees.object(r, "requests"), null);
      JsonObject lim = Trees.object(r, "limits");
      if (podResources != null && (lim == null || lim.isEmpty())) {
        continue;
      }
      Set<String> found = new HashSet<>();
      sum(limits, lim, found);
      if (!found.containsAll(QOS_RESOURCES)) {
        guaranteed = false;
      }
    }
    if (requests.isEmpty() && limits.isEmpty()) {
      return "BestEffort";
    }
    if (guaranteed) {
      for (Map.Entry<String, Quantity> e : requests.entrySet()) {
        Quantity limit = limits.get(e.getKey());
        if (limit == null || limit.compareTo(e.getValue()) != 0) {
          guaranteed = false;
          break;
        }
      }
    }
    return guaranteed && requests.size() == limits.size() ? "Guaranteed" : "Burstable";
  }

  private static void sum(Map<String, Quantity> into, @Nullable JsonObject list,
      @Nullable Set<String> found) {
    if (list == null) {
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      String name = list.keyAt(i);
      JsonValue v = list.valueAt(i);
      Quantity q = PodSpecDefaults.quantity(v);
      if (!QOS_RESOURCES.contains(name) || q == null || q.signum() <= 0) {
        continue;
      }
      if (found != null) {
        found.add(name);
      }
      into.merge(name, q, Quantity::add);
    }
  }
}
