package io.gitopskit.testkit;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.model.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The simulated kube-scheduler: a pod goes to the Ready node, matching its
 * {@code nodeSelector}, that runs the fewest pods (ties by node name). Controllers bind the pods
 * they create at once; the kubelet controller binds pods created by users.
 */
final class Scheduler {

  private Scheduler() {}

  /** The nodes that can run pods: Ready and not being deleted, in name order. */
  static List<Manifest> readyNodes(Store store) {
    List<Manifest> out = new ArrayList<>();
    for (Manifest n : store.objectsOf(Reconciler.NODE)) {
      if (!Reconciler.terminating(n)
          && Reconciler.conditionTrue(Reconciler.status(n), "Ready")) {
        out.add(n);
      }
    }
    return out;
  }

  /** Whether a node's labels satisfy a pod spec's {@code nodeSelector}. */
  static boolean fits(Manifest node, JsonObject podSpec) {
    Map<String, String> labels = node.labels();
    for (Map.Entry<String, String> e
        : Reconciler.strings(Reconciler.obj(podSpec, "nodeSelector")).entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** The node for a new pod, or null when none fits. */
  static @Nullable String pick(Store store, JsonObject podSpec) {
    Map<String, Integer> load = new TreeMap<>();
    for (Manifest n : readyNodes(store)) {
      if (fits(n, podSpec) && !Reconciler.bool(Reconciler.spec(n), "unschedulable")) {
        load.put(n.name(), 0);
      }
    }
    if (load.isEmpty()) {
      return null;
    }
    for (Manifest p : store.objectsOf(Reconciler.POD)) {
      String node = Reconciler.str(Reconciler.spec(p), "nodeName", "");
      String phase = Reconciler.str(Reconciler.status(p), "phase", "");
      if (load.containsKey(node) && !phase.equals("Succeeded") && !phase.equals("Failed")) {
        load.merge(node, 1, Integer::sum);
      }
    }
    String best = null;
    for (Map.Entry<String, Integer> e : load.entrySet()) {
      if (best == null || e.getValue() < load.get(best)) {
        best = e.getKey();
      }
    }
    return best;
  }

  /** The scheduler's message for a pod no node can take. */
  static String unschedulableMessage(Store store) {
    int n = readyNodes(store).size();
    if (n == 0) {
      return "no nodes available to schedule pods";
    }
    return "0/" + n + " nodes are available: " + n + " node(s) didn't match Pod's node"
        + " affinity/selector. preemption: 0/" + n + " nodes are available: " + n
        + " Preemption is not helpful for scheduling.";
  }
}
