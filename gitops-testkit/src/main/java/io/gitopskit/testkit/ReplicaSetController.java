package io.gitopskit.testkit;

import io.gitopskit.core.cluster.ClusterException;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.model.Manifest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The ReplicaSet controller: creates pods {@code <rs>-<5 random chars>} (from the cluster's
 * seed) owned by the ReplicaSet until {@code spec.replicas} are active, deletes the least
 * useful surplus pods (unscheduled, pending, not ready, then newest first), and writes
 * {@code replicas}, {@code fullyLabeledReplicas}, {@code readyReplicas},
 * {@code availableReplicas} (respecting {@code minReadySeconds}) and {@code observedGeneration}.
 * A refused pod creation sets condition {@code ReplicaFailure} (reason {@code FailedCreate}).
 */
final class ReplicaSetController extends Reconciler {

  ReplicaSetController(Store store, SimulatedCluster.ImagePolicy images) {
    super(store, images);
  }

  @Override
  void reconcile() {
    Map<String, List<Manifest>> pods = byController(POD);
    for (Manifest rs : store.objectsOf(REPLICA_SET)) {
      List<Manifest> owned = pods.getOrDefault(uid(rs), List.of());
      unlessSettled(rs, versions(rs, owned), () -> reconcile(rs, owned));
    }
  }

  private void reconcile(Manifest rs, List<Manifest> owned) {
    if (terminating(rs)) {
      return;
    }
    int desired = replicas(rs);
    List<Manifest> active = new ArrayList<>();
    for (Manifest p : owned) {
      if (active(p)) {
        active.add(p);
      }
    }
    String failure = null;
    if (active.size() < desired) {
      JsonObject template = obj(spec(rs), "template");
      for (int i = active.size(); i < desired; i++) {
        try {
          active.add(create(newPod(rs, template, null, JsonObject.empty(), JsonObject.empty(),
              JsonObject.empty()), KCM));
        } catch (ClusterException e) {
          failure = e.getMessage();
          break;
        }
      }
    } else if (active.size() > desired) {
      List<Manifest> victims = new ArrayList<>(active);
      victims.sort(deletionOrder());
      for (Manifest victim : victims.subList(0, active.size() - desired)) {
        delete(victim);
        active.remove(victim);
      }
    }
    writeStatus(rs, status(rs, active, failure), KCM);
  }

  private JsonObject status(Manifest rs, List<Manifest> active, String failure) {
    Instant now = now();
    long minReady = num(spec(rs), "minReadySeconds", 0);
    Map<String, String> templateLabels = strings(obj(obj(obj(spec(rs), "template"), "metadata"),
        "labels"));
    int labelled = 0;
    int ready = 0;
    int available = 0;
    for (Manifest p : active) {
      if (p.labels().entrySet().containsAll(templateLabels.entrySet())) {
        labelled++;
      }
      if (podReady(p)) {
        ready++;
      }
      if (podAvailable(p, minReady, now)) {
        available++;
      }
    }
    JsonObject status = o("replicas", active.size(),
        "fullyLabeledReplicas", labelled == 0 ? null : labelled,
        "readyReplicas", ready == 0 ? null : ready,
        "availableReplicas", available == 0 ? null : available,
        "observedGeneration", generation(rs),
        "conditions", status(rs).getOrNull("conditions"));
    if (failure != null) {
      return setCondition(status, o("type", "ReplicaFailure", "status", "True",
          "lastTransitionTime", ts(now), "reason", "FailedCreate", "message", failure));
    }
    return removeCondition(status, "ReplicaFailure");
  }

  /** Kubernetes' preference for which pods to remove first when scaling down. */
  static Comparator<Manifest> deletionOrder() {
    return Comparator.comparingInt((Manifest p) -> str(spec(p), "nodeName", "").isEmpty() ? 0 : 1)
        .thenComparingInt(p -> "Pending".equals(str(status(p), "phase", "")) ? 0 : 1)
        .thenComparingInt(p -> podReady(p) ? 1 : 0)
        .thenComparing(Reconciler::created, Comparator.reverseOrder())
        .thenComparing(Manifest::name, Comparator.reverseOrder());
  }
}
