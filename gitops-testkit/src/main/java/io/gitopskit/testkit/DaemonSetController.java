package io.gitopskit.testkit;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.model.Manifest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The DaemonSet controller: one pod per eligible node (every node not being deleted whose
 * labels match the template's {@code nodeSelector}; taints are not simulated), bound to it at
 * creation, labelled with its template's {@code controller-revision-hash} and
 * {@code pod-template-generation}; pods on other nodes are deleted. RollingUpdate replaces
 * old pods while at most {@code maxUnavailable} (default 1) are unavailable; OnDelete only
 * uses the new template for pods it recreates ({@code maxSurge} is not simulated).
 */
final class DaemonSetController extends Reconciler {

  DaemonSetController(Store store, SimulatedCluster.ImagePolicy images) {
    super(store, images);
  }

  @Override
  void reconcile() {
    Map<String, List<Manifest>> revisions = byController(CONTROLLER_REVISION);
    Map<String, List<Manifest>> pods = byController(POD);
    List<Manifest> nodes = store.objectsOf(NODE);
    for (Manifest ds : store.objectsOf(DAEMON_SET)) {
      List<Manifest> own = revisions.getOrDefault(uid(ds), List.of());
      List<Manifest> inputs = new ArrayList<>(own);
      inputs.addAll(pods.getOrDefault(uid(ds), List.of()));
      inputs.addAll(nodes);
      unlessSettled(ds, versions(ds, inputs), () -> sync(ds, new ArrayList<>(own)));
    }
  }

  private List<Manifest> pods(Manifest ds) {
    List<Manifest> out = new ArrayList<>();
    String uid = uid(ds);
    for (Manifest p : store.objectsOf(POD)) {
      if (p.namespace().equals(ds.namespace()) && uid.equals(controllerUid(p)) && active(p)) {
        out.add(p);
      }
    }
    return out;
  }

  private void sync(Manifest ds, List<Manifest> revisions) {
    if (terminating(ds)) {
      return;
    }
    JsonObject template = obj(spec(ds), "template");
    Manifest revision = ensureRevision(ds, template, revisions);
    String hash = revision.label("controller.kubernetes.io/hash").orElse("");
    Set<String> eligible = new TreeSet<>();
    for (Manifest node : store.objectsOf(NODE)) {
      if (!terminating(node) && Scheduler.fits(node, obj(template, "spec"))) {
        eligible.add(node.name());
      }
    }
    Map<String, List<Manifest>> byNode = new TreeMap<>();
    for (Manifest p : pods(ds)) {
      String node = str(spec(p), "nodeName", "");
      if (eligible.contains(node)) {
        byNode.computeIfAbsent(node, k -> new ArrayList<>()).add(p);
      } else {
        delete(p);
      }
    }
    for (String node : eligible) {
      List<Manifest> onNode = byNode.getOrDefault(node, List.of());
      if (onNode.isEmpty()) {
        create(newPod(ds, template, null, o("controller-revision-hash", hash,
            "pod-template-generation", Long.toString(generation(ds))), JsonObject.empty(),
            o("nodeName", node)), KCM);
      } else {
        List<Manifest> extra = new ArrayList<>(onNode);
        extra.sort(Comparator.comparing(Reconciler::created).thenComparing(Manifest::name));
        for (Manifest p : extra.subList(1, extra.size())) {
          delete(p);
        }
      }
    }
    Instant now = now();
    long minReady = num(spec(ds), "minReadySeconds", 0);
    JsonObject strategy = obj(spec(ds), "updateStrategy");
    if (!"OnDelete".equals(str(strategy, "type", "RollingUpdate"))) {
      int maxUnavailable = Math.max(1, scaled(obj(strategy, "rollingUpdate")
          .getOrNull("maxUnavailable"), eligible.size(), true, "1"));
      List<Manifest> current = pods(ds);
      int unavailable = eligible.size();
      for (Manifest p : current) {
        unavailable -= podAvailable(p, minReady, now) ? 1 : 0;
      }
      List<Manifest> old = new ArrayList<>();
      for (Manifest p : current) {
        if (!hash.equals(p.label("controller-revision-hash").orElse(""))) {
          old.add(p);
        }
      }
      old.sort(Comparator.comparingInt((Manifest p) -> podAvailable(p, minReady, now) ? 1 : 0)
          .thenComparing(p -> str(spec(p), "nodeName", "")));
      int budget = maxUnavailable - unavailable;
      for (Manifest p : old) {
        if (!podAvailable(p, minReady, now)) {
          delete(p);
        } else if (budget > 0) {
          delete(p);
          budget--;
        }
      }
    }
    int scheduled = 0;
    int ready = 0;
    int available = 0;
    int updated = 0;
    Set<String> live = new HashSet<>(List.of(revision.name()));
    Set<String> seen = new HashSet<>();
    for (Manifest p : pods(ds)) {
      if (!seen.add(str(spec(p), "nodeName", ""))) {
        continue;
      }
      scheduled++;
      ready += podReady(p) ? 1 : 0;
      available += podAvailable(p, minReady, now) ? 1 : 0;
      String podHash = p.label("controller-revision-hash").orElse("");
      updated += hash.equals(podHash) ? 1 : 0;
      live.add(ds.name() + "-" + podHash);
    }
    int desired = eligible.size();
    writeStatus(ds, o("observedGeneration", generation(ds),
        "desiredNumberScheduled", desired,
        "currentNumberScheduled", scheduled,
        "numberMisscheduled", 0,
        "numberReady", ready,
        "numberAvailable", available == 0 ? null : available,
        "numberUnavailable", desired - available <= 0 ? null : desired - available,
        "updatedNumberScheduled", updated == 0 ? null : updated), KCM);
    pruneRevisions(ds, revisions, live);
  }
}
