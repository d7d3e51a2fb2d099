package io.gitopskit.testkit;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.model.Manifest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The Deployment controller, following Kubernetes' {@code pkg/controller/deployment}: one
 * ReplicaSet {@code <deployment>-<pod-template-hash>} per distinct pod template, revisions in
 * {@code deployment.kubernetes.io/revision}, RollingUpdate (maxSurge and maxUnavailable, 25%
 * each by default, scaling old ReplicaSets down as new pods become available) and Recreate,
 * {@code spec.paused}, {@code revisionHistoryLimit}, and the status with the conditions
 * {@code Available} and {@code Progressing} (including {@code ProgressDeadlineExceeded} once
 * {@code progressDeadlineSeconds} pass without progress) under Kubernetes' reasons and messages.
 * Proportional scaling of several active ReplicaSets is not simulated.
 */
final class DeploymentController extends Reconciler {

  static final String REVISION = "deployment.kubernetes.io/revision";
  static final String DESIRED = "deployment.kubernetes.io/desired-replicas";
  static final String MAX = "deployment.kubernetes.io/max-replicas";
  static final String HASH = "pod-template-hash";
  private static final long NO_DEADLINE = Integer.MAX_VALUE;
  private static final Set<String> NOT_COPIED = Set.of(Store.LAST_APPLIED, REVISION, DESIRED, MAX,
      "deployment.kubernetes.io/revision-history", "deprecated.deployment.rollback.to");

  DeploymentController(Store store, SimulatedCluster.ImagePolicy images) {
    super(store, images);
  }

  @Override
  void reconcile() {
    Map<String, List<Manifest>> sets = byController(REPLICA_SET);
    Map<String, List<Manifest>> pods = byController(POD);
    for (Manifest d : store.objectsOf(DEPLOYMENT)) {
      List<Manifest> owned = sets.getOrDefault(uid(d), List.of());
      List<Manifest> inputs = new ArrayList<>(owned);
      for (Manifest rs : owned) {
        inputs.addAll(pods.getOrDefault(uid(rs), List.of()));
      }
      unlessSettled(d, versions(d, inputs), () -> new Sync(d, owned, pods).run());
    }
  }

  /** One sync of one Deployment. */
  private final class Sync {
    private Manifest d;
    private final Map<String, List<Manifest>> pods;
    private final List<Manifest> old = new ArrayList<>();
    private @Nullable Manifest fresh;
    /** The status being built; its counters are those stored until the final calculation. */
    private JsonObject status;
    private final int replicas;
    private final boolean rolling;
    private final int maxSurge;
    private final int maxUnavailable;
    private final long deadline;
    private final Instant now = now();

    Sync(Manifest d, List<Manifest> owned, Map<String, List<Manifest>> pods) {
      this.d = d;
      this.pods = pods;
      this.status = status(d);
      JsonObject spec = spec(d);
      this.replicas = replicas(d);
      JsonObject strategy = obj(spec, "strategy");
      this.rolling = !"Recreate".equals(str(strategy, "type", "RollingUpdate"));
      JsonObject ru = obj(strategy, "rollingUpdate");
      int surge = rolling ? scaled(ru.getOrNull("maxSurge"), replicas, true, "25%") : 0;
      int unavailable = rolling ? scaled(ru.getOrNull("maxUnavailable"), replicas, false, "25%")
          : 0;
      if (rolling && surge == 0 && unavailable == 0) {
        unavailable = 1;
      }
      this.maxSurge = surge;
      this.maxUnavailable = unavailable;
      this.deadline = num(spec, "progressDeadlineSeconds", 600);
      JsonObject template = normalized(obj(spec, "template"));
      for (Manifest rs : owned) {
        if (terminating(rs)) {
          continue;
        }
        if (fresh == null && normalized(obj(spec(rs), "template")).equals(template)) {
          fresh = rs;
        } else {
          old.add(rs);
        }
      }
      old.sort(Comparator.comparing(Reconciler::created).thenComparing(Manifest::name));
    }

    void run() {
      if (terminating(d) || !spec(d).has("selector")) {
        return;
      }
      checkPausedConditions();
      if (bool(spec(d), "paused")) {
        syncRevision(false);
        scaleWhilePaused();
        cleanup();
        writeStatus(d, calculateStatus(), KCM);
        return;
      }
      if (rolling) {
        syncRevision(true);
        boolean scaled = reconcileNew();
        if (!scaled) {
          scaled = reconcileOld();
        }
        if (!scaled && complete(status(d))) {
          cleanup();
        }
      } else {
        syncRevision(false);
        boolean scaled = false;
        for (Manifest rs : new ArrayList<>(old)) {
          scaled |= scale(rs, 0);
        }
        if (!scaled && !oldPodsRunning()) {
          if (fresh == null) {
            syncRevision(true);
          }
          if (fresh != null) {
            scale(fresh, replicas);
          }
          if (complete(status(d))) {
            cleanup();
          }
        }
      }
      syncRolloutStatus();
    }

    // ------------------------------------------------------------ revisions and new RS

    private void syncRevision(boolean createIfMissing) {
      long maxOld = 0;
      for (Manifest rs : old) {
        maxOld = Math.max(maxOld, revision(rs));
      }
      long next = maxOld + 1;
      if (fresh != null) {
        Manifest rs = fresh;
        JsonObject annotations = copiedAnnotations(obj(rs.metadata(), "annotations"));
        if (revision(rs) < next) {
          annotations = annotations.with(REVISION, json(Long.toString(next)));
        }
        long minReady = num(spec(d), "minReadySeconds", 0);
        Manifest updated = rs.withRoot(rs.root().with("metadata",
            rs.metadata().with("annotations", annotations)));
        if (num(spec(rs), "minReadySeconds", 0) != minReady) {
          updated = minReady == 0 ? updated.without("/spec/minReadySeconds")
              : updated.with("/spec/minReadySeconds", json(minReady));
        }
        if (!updated.equals(rs)) {
          fresh = update(updated, KCM);
        }
        setDeploymentRevision(revision(fresh));
        if (deadline != NO_DEADLINE && condition(status, "Progressing") == null) {
          status = setCondition(status, deploymentCondition("Progressing", "True",
              "FoundNewReplicaSet", "Found new replica set \"" + fresh.name() + "\""));
          d = writeStatus(d, status, KCM);
        }
        return;
      }
      if (!createIfMissing) {
        return;
      }
      JsonObject template = obj(spec(d), "template");
      String hash = shortHash(normalized(template));
      JsonObject labels = obj(obj(template, "metadata"), "labels").with(HASH, json(hash));
      JsonObject rsTemplate = template.with("metadata", obj(template, "metadata")
          .with("labels", labels));
      JsonObject selector = obj(spec(d), "selector");
      selector = selector.with("matchLabels", obj(selector, "matchLabels").with(HASH,
          json(hash)));
      JsonObject annotations = copiedAnnotations(obj(d.metadata(), "annotations"))
          .with(REVISION, json(Long.toString(next)))
          .with(DESIRED, json(Integer.toString(replicas)))
          .with(MAX, json(Integer.toString(replicas + maxSurge)));
      long minReady = num(spec(d), "minReadySeconds", 0);
      Manifest rs = Manifest.of(o("apiVersion", "apps/v1", "kind", "ReplicaSet",
          "metadata", newMeta(d, d.name() + "-" + hash, null, labels, annotations),
          "spec", o("replicas", 0, "minReadySeconds", minReady == 0 ? null : minReady,
              "selector", selector, "template", rsTemplate)));
      int initial = newReplicas(rs);
      fresh = create(rs.with("/spec/replicas", json(initial)), KCM);
      setDeploymentRevision(next);
      if (deadline != NO_DEADLINE) {
        status = setCondition(status, deploymentCondition("Progressing", "True",
            "NewReplicaSetCreated", "Created new replica set \"" + fresh.name() + "\""));
        d = writeStatus(d, status, KCM);
      }
    }

    private JsonObject copiedAnnotations(JsonObject rsAnnotations) {
      JsonObject out = rsAnnotations;
      JsonObject own = obj(d.metadata(), "annotations");
      for (int i = 0; i < own.size(); i++) {
        if (!NOT_COPIED.contains(own.keyAt(i))) {
          out = out.with(own.keyAt(i), own.valueAt(i));
        }
      }
      return out;
    }

    private void setDeploymentRevision(long revision) {
      String value = Long.toString(revision);
      if (!value.equals(d.annotation(REVISION).orElse(null))) {
        // the deployment controller writes its revision annotation through UpdateStatus
        d = store.updateInternal(d.withAnnotation(REVISION, value), as(KCM), true, true, true);
      }
    }

    // ------------------------------------------------------------ scaling

    /** The size of the new ReplicaSet for the next rolling step ({@code NewRSNewReplicas}). */
    private int newReplicas(Manifest rs) {
      if (!rolling) {
        return replicas;
      }
      int current = replicas(rs);
      for (Manifest o : old) {
        current += replicas(o);
      }
      if (fresh != null && fresh != rs) {
        current += replicas(fresh);
      }
      int maxTotal = replicas + maxSurge;
      if (current >= maxTotal) {
        return replicas(rs);
      }
      return replicas(rs) + Math.min(maxTotal - current, replicas - replicas(rs));
    }

    private boolean reconcileNew() {
      if (fresh == null) {
        return false;
      }
      int size = replicas(fresh);
      if (size == replicas) {
        return false;
      }
      if (size > replicas) {
        return scale(fresh, replicas);
      }
      return scale(fresh, newReplicas(fresh));
    }

    private boolean reconcileOld() {
      int oldCount = 0;
      for (Manifest rs : old) {
        oldCount += replicas(rs);
      }
      if (oldCount == 0 || fresh == null) {
        return false;
      }
      int all = oldCount + replicas(fresh);
      int minAvailable = replicas - availabilityBudget();
      int newUnavailable = replicas(fresh) - (int) num(status(fresh), "availableReplicas", 0);
      int maxScaledDown = all - minAvailable - newUnavailable;
      if (maxScaledDown <= 0) {
        return false;
      }
      int cleaned = 0;
      for (Manifest rs : new ArrayList<>(old)) {
        if (cleaned >= maxScaledDown) {
          break;
        }
        int size = replicas(rs);
        int available = (int) num(status(rs), "availableReplicas", 0);
        if (size == 0 || size == available) {
          continue;
        }
        int down = Math.min(maxScaledDown - cleaned, size - available);
        scale(rs, size - down);
        cleaned += down;
      }
      int availableNow = (int) num(status(fresh), "availableReplicas", 0);
      for (Manifest rs : old) {
        availableNow += (int) num(status(rs), "availableReplicas", 0);
      }
      int scaledDown = 0;
      if (availableNow > minAvailable) {
        int total = availableNow - minAvailable;
        for (Manifest rs : new ArrayList<>(old)) {
          if (scaledDown >= total) {
            break;
          }
          int size = replicas(rs);
          if (size == 0) {
            continue;
          }
          int down = Math.min(size, total - scaledDown);
          scale(rs, size - down);
          scaledDown += down;
        }
      }
      return cleaned + scaledDown > 0;
    }

    private void scaleWhilePaused() {
      List<Manifest> activeSets = new ArrayList<>();
      for (Manifest rs : all()) {
        if (replicas(rs) > 0) {
          activeSets.add(rs);
        }
      }
      if (activeSets.size() == 1) {
        scale(activeSets.get(0), replicas);
      } else if (activeSets.isEmpty() && fresh != null) {
        scale(fresh, replicas);
      }
    }

    /** Sets a ReplicaSet's size and replica annotations; true if the size changed. */
    private boolean scale(Manifest rs, int size) {
      if (replicas(rs) == size) {
        return false;
      }
      Manifest updated = update(rs.with("/spec/replicas", json(size))
          .withAnnotation(DESIRED, Integer.toString(replicas))
          .withAnnotation(MAX, Integer.toString(replicas + maxSurge)), KCM);
      if (rs == fresh) {
        fresh = updated;
      } else {
        old.set(old.indexOf(rs), updated);
      }
      return true;
    }

    /** Whether pods of old ReplicaSets still exist and have not finished (even terminating). */
    private boolean oldPodsRunning() {
      for (Manifest rs : old) {
        for (Manifest p : pods.getOrDefault(uid(rs), List.of())) {
          String phase = store.find(POD, p.namespace(), p.name())
              .map(x -> str(status(x), "phase", "")).orElse("Succeeded");
          if (!phase.equals("Succeeded") && !phase.equals("Failed")) {
            return true;
          }
        }
      }
      return false;
    }

    private void cleanup() {
      long limit = num(spec(d), "revisionHistoryLimit", 10);
      if (limit == Integer.MAX_VALUE) {
        return;
      }
      List<Manifest> cleanable = new ArrayList<>(old);
      cleanable.sort(Comparator.comparingLong(DeploymentController::revision)
          .thenComparing(Reconciler::created));
      long diff = cleanable.size() - limit;
      for (int i = 0; i < diff; i++) {
        Manifest rs = cleanable.get(i);
        if (num(status(rs), "replicas", 0) != 0 || replicas(rs) != 0
            || generation(rs) > num(status(rs), "observedGeneration", 0)) {
          continue;
        }
        delete(rs);
        old.remove(rs);
      }
    }

    // ------------------------------------------------------------ status

    /** {@code MaxUnavailable(deployment)}: 0 for Recreate or no replicas. */
    private int availabilityBudget() {
      if (!rolling || replicas == 0) {
        return 0;
      }
      return Math.min(maxUnavailable, replicas);
    }

    private List<Manifest> all() {
      List<Manifest> out = new ArrayList<>(old);
      if (fresh != null) {
        out.add(fresh);
      }
      return out;
    }

    private JsonObject calculateStatus() {
      long total = 0;
      long specTotal = 0;
      long ready = 0;
      long available = 0;
      for (Manifest rs : all()) {
        Manifest current = store.find(REPLICA_SET, rs.namespace(), rs.name()).orElse(rs);
        JsonObject s = status(current);
        total += num(s, "replicas", 0);
        specTotal += replicas(current);
        ready += num(s, "readyReplicas", 0);
        available += num(s, "availableReplicas", 0);
      }
      long updated = fresh == null ? 0 : num(status(store.find(REPLICA_SET, fresh.namespace(),
          fresh.name()).orElse(fresh)), "replicas", 0);
      long unavailable = Math.max(0, specTotal - available);
      JsonObject out = o(
          "observedGeneration", generation(d),
          "replicas", nonZero(total),
          "updatedReplicas", nonZero(updated),
          "readyReplicas", nonZero(ready),
          "availableReplicas", nonZero(available),
          "unavailableReplicas", nonZero(unavailable),
          "collisionCount", status.getOrNull("collisionCount"),
          "conditions", status.getOrNull("conditions"));
      if (available >= replicas - availabilityBudget()) {
        return setCondition(out, deploymentCondition("Available", "True",
            "MinimumReplicasAvailable", "Deployment has minimum availability."));
      }
      return setCondition(out, deploymentCondition("Available", "False",
          "MinimumReplicasUnavailable", "Deployment does not have minimum availability."));
    }

    private void syncRolloutStatus() {
      JsonObject next = calculateStatus();
      if (deadline == NO_DEADLINE) {
        next = removeCondition(next, "Progressing");
      }
      JsonObject current = condition(next, "Progressing");
      boolean completed = num(next, "replicas", 0) == num(next, "updatedReplicas", 0)
          && current != null && "NewReplicaSetAvailable".equals(str(current, "reason", ""));
      String rsName = fresh == null ? null : "ReplicaSet \"" + fresh.name() + "\"";
      if (deadline != NO_DEADLINE && !completed) {
        if (complete(next)) {
          next = setCondition(next, deploymentCondition("Progressing", "True",
              "NewReplicaSetAvailable", rsName == null ? "Deployment has successfully progressed."
                  : rsName + " has successfully progressed."));
        } else if (progressing(next)) {
          JsonObject c = deploymentCondition("Progressing", "True", "ReplicaSetUpdated",
              rsName == null ? "Deployment is progressing." : rsName + " is progressing.");
          if (current != null && "True".equals(str(current, "status", ""))) {
            c = c.with("lastTransitionTime", current.getOrNull("lastTransitionTime"));
          }
          next = removeCondition(next, "Progressing");
          next = next.with("conditions", arr(next, "conditions").append(c));
        } else if (timedOut(next)) {
          next = setCondition(next, deploymentCondition("Progressing", "False",
              "ProgressDeadlineExceeded", rsName == null
                  ? "Deployment \"" + d.name() + "\" has timed out progressing."
                  : rsName + " has timed out progressing."));
        }
      }
      JsonObject failure = null;
      for (Manifest rs : fresh == null ? old : prepend(fresh, old)) {
        JsonObject c = condition(status(rs), "ReplicaFailure");
        if (c != null && "True".equals(str(c, "status", ""))) {
          failure = c;
          break;
        }
      }
      if (failure != null) {
        next = setCondition(next, deploymentCondition("ReplicaFailure", "True",
            str(failure, "reason", "FailedCreate"), str(failure, "message", "")));
      } else {
        next = removeCondition(next, "ReplicaFailure");
      }
      writeStatus(d, next, KCM);
    }

    private boolean complete(JsonObject s) {
      return num(s, "updatedReplicas", 0) == replicas && num(s, "replicas", 0) == replicas
          && num(s, "availableReplicas", 0) == replicas
          && num(s, "observedGeneration", 0) >= generation(d);
    }

    private boolean progressing(JsonObject next) {
      JsonObject was = status(d);
      long oldOld = num(was, "replicas", 0) - num(was, "updatedReplicas", 0);
      long newOld = num(next, "replicas", 0) - num(next, "updatedReplicas", 0);
      return num(next, "updatedReplicas", 0) > num(was, "updatedReplicas", 0)
          || newOld < oldOld
          || num(next, "readyReplicas", 0) > num(was, "readyReplicas", 0)
          || num(next, "availableReplicas", 0) > num(was, "availableReplicas", 0);
    }

    private boolean timedOut(JsonObject next) {
      JsonObject c = condition(next, "Progressing");
      if (c == null) {
        return false;
      }
      String reason = str(c, "reason", "");
      if (reason.equals("NewReplicaSetAvailable")) {
        return false;
      }
      if (reason.equals("ProgressDeadlineExceeded")) {
        return true;
      }
      Instant from = parseTs(c.getOrNull("lastUpdateTime"));
      return from != null && from.plusSeconds(deadline).isBefore(now);
    }

    private void checkPausedConditions() {
      if (deadline == NO_DEADLINE) {
        return;
      }
      JsonObject c = condition(status, "Progressing");
      if (c != null && "ProgressDeadlineExceeded".equals(str(c, "reason", ""))) {
        return;
      }
      boolean pausedCond = c != null && "DeploymentPaused".equals(str(c, "reason", ""));
      boolean paused = bool(spec(d), "paused");
      JsonObject next = status;
      if (paused && !pausedCond) {
        next = setCondition(status, deploymentCondition("Progressing", "Unknown",
            "DeploymentPaused", "Deployment is paused"));
      } else if (!paused && pausedCond) {
        next = setCondition(status, deploymentCondition("Progressing", "Unknown",
            "DeploymentResumed", "Deployment is resumed"));
      }
      if (next != status) {
        status = next;
        d = writeStatus(d, status, KCM);
      }
    }

    private JsonObject deploymentCondition(String type, String value, String reason,
        String message) {
      String t = ts(now);
      return o("type", type, "status", value, "lastUpdateTime", t, "lastTransitionTime", t,
          "reason", reason, "message", message);
    }
  }

  private static List<Manifest> prepend(Manifest first, List<Manifest> rest) {
    List<Manifest> out = new ArrayList<>();
    out.add(first);
    out.addAll(rest);
    return out;
  }

  private static @Nullable Long nonZero(long n) {
    return n == 0 ? null : n;
  }

  static long revision(Manifest rs) {
    try {
      return Long.parseLong(rs.annotation(REVISION).orElse("0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** A pod template without the pod-template-hash label and empty label or metadata maps. */
  static JsonObject normalized(JsonObject template) {
    JsonObject meta = obj(template, "metadata");
    JsonObject labels = obj(meta, "labels").without(HASH);
    meta = labels.isEmpty() ? meta.without("labels") : meta.with("labels", labels);
    return meta.isEmpty() ? template.without("metadata") : template.with("metadata", meta);
  }
}
