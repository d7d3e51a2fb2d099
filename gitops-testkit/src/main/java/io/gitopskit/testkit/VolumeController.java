package io.gitopskit.testkit;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.Manifest;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The persistent-volume controller with a dynamic provisioner. A claim without a class gets the
 * default class; a claim of an existing class is bound {@link SimulatedControllers#BIND_DELAY}
 * after creation (Immediate) or once a scheduled pod uses it (WaitForFirstConsumer) to a new
 * volume {@code pvc-<claim uid>} of the requested size. A claim of class {@code ""} or of a
 * missing class stays Pending; a bound claim whose volume disappears is Lost. A volume whose
 * claim is gone is deleted (reclaim policy Delete) or Released (Retain).
 */
final class VolumeController extends Reconciler {

  VolumeController(Store store, SimulatedCluster.ImagePolicy images) {
    super(store, images);
  }

  @Override
  void reconcile() {
    Map<String, Manifest> classes = new TreeMap<>();
    String defaultClass = null;
    for (Manifest sc : store.objectsOf(STORAGE_CLASS)) {
      classes.put(sc.name(), sc);
      if (defaultClass == null && "true".equals(
          sc.annotation("storageclass.kubernetes.io/is-default-class").orElse(""))) {
        defaultClass = sc.name();
      }
    }
    String dflt = defaultClass;
    for (Manifest pvc : store.objectsOf(PVC)) {
      guarded(() -> reconcileClaim(pvc, classes, dflt));
    }
    for (Manifest pv : store.objectsOf(PV)) {
      guarded(() -> reconcileVolume(pv));
    }
  }

  private void reconcileClaim(Manifest pvc, Map<String, Manifest> classes,
      @Nullable String defaultClass) {
    if (terminating(pvc)) {
      return;
    }
    JsonObject spec = spec(pvc);
    String volumeName = str(spec, "volumeName", "");
    if (!volumeName.isEmpty()) {
      Manifest pv = store.find(PV, "", volumeName).orElse(null);
      if (pv == null) {
        writeStatus(pvc, status(pvc).with("phase", json("Lost")), KCM);
      } else if (uid(pvc).equals(str(obj(spec(pv), "claimRef"), "uid", ""))) {
        writeStatus(pvc, o("phase", "Bound", "accessModes", accessModes(spec),
            "capacity", obj(spec(pv), "capacity")), KCM);
      }
      return;
    }
    if (!(spec.getOrNull("storageClassName") instanceof JsonString) && defaultClass != null) {
      pvc = update(pvc.with("/spec/storageClassName", json(defaultClass)), KCM);
      spec = spec(pvc);
    }
    writeStatus(pvc, o("phase", "Pending"), KCM);
    Manifest sc = classes.get(str(spec, "storageClassName", ""));
    if (sc == null) {
      return;
    }
    String selectedNode = null;
    if ("WaitForFirstConsumer".equals(str(sc.root(), "volumeBindingMode", "Immediate"))) {
      selectedNode = consumerNode(pvc);
      if (selectedNode == null) {
        return;
      }
    } else if (now().isBefore(created(pvc).plus(SimulatedControllers.BIND_DELAY))) {
      return;
    }
    provision(pvc, sc, selectedNode);
  }

  private void provision(Manifest pvc, Manifest sc, @Nullable String selectedNode) {
    JsonObject spec = spec(pvc);
    String name = "pvc-" + uid(pvc);
    String provisioner = str(sc.root(), "provisioner", NodeController.PROVISIONER);
    JsonValue storage = obj(obj(spec, "resources"), "requests").getOrNull("storage");
    JsonObject capacity = o("storage", storage != null ? storage : json("1Gi"));
    if (store.find(PV, "", name).isEmpty()) {
      Manifest pv = create(Manifest.of(o(
          "apiVersion", "v1", "kind", "PersistentVolume",
          "metadata", o("name", name,
              "annotations", o("pv.kubernetes.io/provisioned-by", provisioner)),
          "spec", o(
              "accessModes", accessModes(spec),
              "capacity", capacity,
              "claimRef", o("apiVersion", "v1", "kind", "PersistentVolumeClaim",
                  "name", pvc.name(), "namespace", pvc.namespace(), "uid", uid(pvc)),
              "hostPath", o("path", "/var/local-path-provisioner/" + name + "_"
                  + pvc.namespace() + "_" + pvc.name(), "type", "DirectoryOrCreate"),
              "persistentVolumeReclaimPolicy", str(sc.root(), "reclaimPolicy", "Delete"),
              "storageClassName", sc.name(),
              "volumeMode", str(spec, "volumeMode", "Filesystem")))),
          "local-path-provisioner");
      writeStatus(pv, o("phase", "Bound", "lastPhaseTransitionTime", ts(now())), KCM);
    }
    Manifest bound = pvc
        .withAnnotation("pv.kubernetes.io/bind-completed", "yes")
        .withAnnotation("pv.kubernetes.io/bound-by-controller", "yes")
        .withAnnotation("volume.beta.kubernetes.io/storage-provisioner", provisioner)
        .withAnnotation("volume.kubernetes.io/storage-provisioner", provisioner)
        .with("/spec/volumeName", json(name));
    if (selectedNode != null) {
      bound = bound.withAnnotation("volume.kubernetes.io/selected-node", selectedNode);
    }
    Manifest stored = update(bound, KCM);
    writeStatus(stored, o("phase", "Bound", "accessModes", accessModes(spec),
        "capacity", capacity), KCM);
  }

  /** The node of a scheduled, live pod that mounts the claim, if any. */
  private @Nullable String consumerNode(Manifest pvc) {
    for (Manifest pod : store.objectsOf(POD)) {
      String node = str(spec(pod), "nodeName", "");
      if (terminating(pod) || node.isEmpty() || !pod.namespace().equals(pvc.namespace())) {
        continue;
      }
      for (JsonValue v : arr(spec(pod), "volumes").items()) {
        if (v instanceof JsonObject vol && pvc.name().equals(
            str(obj(vol, "persistentVolumeClaim"), "claimName", ""))) {
          return node;
        }
      }
    }
    return null;
  }

  private void reconcileVolume(Manifest pv) {
    if (terminating(pv)) {
      return;
    }
    JsonObject claimRef = obj(spec(pv), "claimRef");
    String phase;
    if (claimRef.isEmpty()) {
      phase = "Available";
    } else {
      Manifest pvc = store.find(PVC, str(claimRef, "namespace", ""), str(claimRef, "name", ""))
          .orElse(null);
      if (pvc != null && uid(pvc).equals(str(claimRef, "uid", ""))) {
        phase = "Bound";
      } else if ("Delete".equals(str(spec(pv), "persistentVolumeReclaimPolicy", "Retain"))) {
        delete(pv);
        return;
      } else {
        phase = "Released";
      }
    }
    JsonObject status = status(pv);
    if (!phase.equals(str(status, "phase", ""))) {
      writeStatus(pv, o("phase", phase, "lastPhaseTransitionTime", ts(now())), KCM);
    }
  }

  private static JsonArray accessModes(JsonObject spec) {
    return spec.getArray("accessModes").orElse(JsonArray.of(json("ReadWriteOnce")));
  }
}
