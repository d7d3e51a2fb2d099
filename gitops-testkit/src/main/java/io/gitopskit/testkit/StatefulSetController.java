package io.gitopskit.testkit;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.Manifest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The StatefulSet controller: pods {@code <name>-0 .. <name>-(n-1)}, created in order, each
 * once its predecessors are Running and Ready ({@code OrderedReady}), or all at once
 * ({@code Parallel}); removed from the highest ordinal down. Every template is kept in a
 * ControllerRevision {@code <name>-<hash>}, whose name pods carry in their
 * {@code controller-revision-hash} label. RollingUpdate replaces pods at or above the
 * {@code partition} from the highest ordinal down, one at a time, once all pods are Ready;
 * OnDelete only uses the new template for pods it recreates. Claims from
 * {@code volumeClaimTemplates} ({@code <claim>-<name>-<ordinal>}) are created before their pod.
 */
final class StatefulSetController extends Reconciler {

  static final String REVISION_LABEL = "controller-revision-hash";

  StatefulSetController(Store store, SimulatedCluster.ImagePolicy images) {
    super(store, images);
  }

  @Override
  void reconcile() {
    Map<String, List<Manifest>> revisions = byController(CONTROLLER_REVISION);
    Map<String, List<Manifest>> pods = byController(POD);
    for (Manifest sts : store.objectsOf(STATEFUL_SET)) {
      List<Manifest> own = revisions.getOrDefault(uid(sts), List.of());
      List<Manifest> inputs = new ArrayList<>(own);
      inputs.addAll(pods.getOrDefault(uid(sts), List.of()));
      unlessSettled(sts, versions(sts, inputs), () -> sync(sts, new ArrayList<>(own)));
    }
  }

  private Map<Integer, Manifest> podsByOrdinal(Manifest sts) {
    Map<Integer, Manifest> out = new TreeMap<>();
    String uid = uid(sts);
    String prefix = sts.name() + "-";
    for (Manifest p : store.objectsOf(POD)) {
      if (!p.namespace().equals(sts.namespace()) || !uid.equals(controllerUid(p))
          || !p.name().startsWith(prefix)) {
        continue;
      }
      try {
        out.put(Integer.parseInt(p.name().substring(prefix.length())), p);
      } catch (NumberFormatException e) {
        // not one of ours
      }
    }
    return out;
  }

  private void sync(Manifest sts, List<Manifest> revisions) {
    if (terminating(sts)) {
      return;
    }
    JsonObject spec = spec(sts);
    int replicas = replicas(sts);
    Manifest update = ensureRevision(sts, obj(spec, "template"), revisions);
    String currentName = str(status(sts), "currentRevision", update.name());
    Manifest current = revisions.stream().filter(r -> r.name().equals(currentName)).findFirst()
        .orElse(update);
    JsonObject strategy = obj(spec, "updateStrategy");
    boolean rollingUpdate = !"OnDelete".equals(str(strategy, "type", "RollingUpdate"));
    long partition = rollingUpdate ? num(obj(strategy, "rollingUpdate"), "partition", 0) : 0;
    boolean parallel = "Parallel".equals(str(spec, "podManagementPolicy", "OrderedReady"));

    Map<Integer, Manifest> pods = podsByOrdinal(sts);
    for (Manifest p : new ArrayList<>(pods.values())) {
      if (!terminating(p) && !active(p)) {
        delete(p);
      }
    }
    pods = podsByOrdinal(sts);
    boolean changed = false;
    for (int i = 0; i < replicas; i++) {
      Manifest pod = pods.get(i);
      if (pod == null) {
        Manifest revision = rollingUpdate && i < partition ? current : update;
        createPod(sts, i, revision);
        changed = true;
        if (!parallel) {
          break;
        }
      } else if (!parallel && !(running(pod) && podReady(pod))) {
        break;
      }
    }
    if (!changed) {
      List<Integer> condemned = new ArrayList<>();
      for (int ordinal : pods.keySet()) {
        if (ordinal >= replicas) {
          condemned.add(0, ordinal);
        }
      }
      for (int ordinal : condemned) {
        delete(pods.get(ordinal));
        changed = true;
        if (!parallel) {
          break;
        }
      }
    }
    if (!changed && rollingUpdate && allReady(pods, replicas)) {
      for (int i = replicas - 1; i >= partition; i--) {
        Manifest pod = pods.get(i);
        if (pod != null && !update.name().equals(pod.label(REVISION_LABEL).orElse(""))) {
          delete(pod);
          break;
        }
      }
    }
    writeStatus(sts, status(sts, replicas, rollingUpdate, current.name(), update.name()), KCM);
    Set<String> live = new HashSet<>(List.of(current.name(), update.name()));
    for (Manifest p : podsByOrdinal(sts).values()) {
      p.label(REVISION_LABEL).ifPresent(live::add);
    }
    pruneRevisions(sts, revisions, live);
  }

  private static boolean running(Manifest pod) {
    return "Running".equals(str(status(pod), "phase", ""));
  }

  private static boolean allReady(Map<Integer, Manifest> pods, int replicas) {
    for (int i = 0; i < replicas; i++) {
      Manifest p = pods.get(i);
      if (p == null || terminating(p) || !running(p) || !podReady(p)) {
        return false;
      }
    }
    return pods.size() == replicas;
  }

  private void createPod(Manifest sts, int ordinal, Manifest revision) {
    JsonObject spec = spec(sts);
    String name = sts.name() + "-" + ordinal;
    JsonObject template = revisionTemplate(revision);
    JsonObject podSpec = obj(template, "spec");
    List<JsonValue> volumes = new ArrayList<>(arr(podSpec, "volumes").items());
    for (JsonValue v : arr(spec, "volumeClaimTemplates").items()) {
      if (!(v instanceof JsonObject claimTemplate)) {
        continue;
      }
      String claim = str(obj(claimTemplate, "metadata"), "name", "data");
      String claimName = claim + "-" + name;
      ensureClaim(sts, claimTemplate, claimName);
      volumes.removeIf(x -> x instanceof JsonObject o && claim.equals(str(o, "name", "")));
      volumes.add(o("name", claim, "persistentVolumeClaim", o("claimName", claimName)));
    }
    JsonObject changes = o("hostname", name,
        "subdomain", spec.getString("serviceName").filter(s -> !s.isEmpty()).orElse(null),
        "volumes", volumes.isEmpty() ? null : JsonArray.of(volumes));
    JsonObject labels = o(REVISION_LABEL, revision.name(),
        "statefulset.kubernetes.io/pod-name", name,
        "apps.kubernetes.io/pod-index", Integer.toString(ordinal));
    create(newPod(sts, template, name, labels, JsonObject.empty(), changes), KCM);
  }

  private void ensureClaim(Manifest sts, JsonObject claimTemplate, String claimName) {
    if (store.find(PVC, sts.namespace(), claimName).isPresent()) {
      return;
    }
    JsonObject meta = obj(claimTemplate, "metadata");
    JsonObject labels = obj(obj(spec(sts), "selector"), "matchLabels");
    JsonObject own = obj(meta, "labels");
    for (int i = 0; i < own.size(); i++) {
      labels = labels.with(own.keyAt(i), own.valueAt(i));
    }
    JsonObject.Builder m = JsonObject.builder().put("name", claimName)
        .put("namespace", sts.namespace());
    if (!labels.isEmpty()) {
      m.put("labels", labels);
    }
    if (!obj(meta, "annotations").isEmpty()) {
      m.put("annotations", obj(meta, "annotations"));
    }
    String whenDeleted = str(obj(spec(sts), "persistentVolumeClaimRetentionPolicy"),
        "whenDeleted", "Retain");
    if (whenDeleted.equals("Delete")) {
      m.put("ownerReferences", JsonArray.of(ownerRef(sts).with("controller",
          JsonBoolean.FALSE)));
    }
    create(Manifest.of(o("apiVersion", "v1", "kind", "PersistentVolumeClaim",
        "metadata", m.build(), "spec", obj(claimTemplate, "spec"))), KCM);
  }

  private JsonObject status(Manifest sts, int replicas, boolean rollingUpdate,
      String currentRevision, String updateRevision) {
    Instant now = now();
    long minReady = num(spec(sts), "minReadySeconds", 0);
    int count = 0;
    int ready = 0;
    int available = 0;
    int current = 0;
    int updated = 0;
    for (Manifest p : podsByOrdinal(sts).values()) {
      if (terminating(p)) {
        continue;
      }
      count++;
      ready += podReady(p) ? 1 : 0;
      available += podAvailable(p, minReady, now) ? 1 : 0;
      String revision = p.label(REVISION_LABEL).orElse("");
      current += revision.equals(currentRevision) ? 1 : 0;
      updated += revision.equals(updateRevision) ? 1 : 0;
    }
    String currentName = currentRevision;
    if (rollingUpdate && updated == replicas && ready == replicas && count == replicas) {
      current = updated;
      currentName = updateRevision;
    }
    return o("observedGeneration", generation(sts),
        "replicas", count,
        "readyReplicas", nonZero(ready),
        "currentReplicas", nonZero(current),
        "updatedReplicas", nonZero(updated),
        "availableReplicas", available,
        "currentRevision", currentName,
        "updateRevision", updateRevision,
        "collisionCount", 0);
  }

  static @Nullable Integer nonZero(int n) {
    return n == 0 ? null : n;
  }
}
