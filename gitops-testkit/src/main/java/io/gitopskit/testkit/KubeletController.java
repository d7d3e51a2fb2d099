package io.gitopskit.testkit;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.Manifest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The scheduler's binding of user-created pods, the kubelets of the simulated nodes, and pod
 * garbage collection. A pod's status is a pure function of its spec, its scheduling instant,
 * its volumes, the image policy and the clock, so it is recomputed on every run:
 *
 * <ul>
 *   <li>Pending, containers {@code ContainerCreating}, until {@link SimulatedControllers#POD_START}
 *       after scheduling (and after its claims are bound);
 *   <li>then Running and Ready; or, for an image that fails to pull, Pending with
 *       {@code ErrImagePull} and later {@code ImagePullBackOff}; for a crashing image, exit code 1
 *       at each start and restarts after 10 s, 20 s, 40 s ... 300 s ({@code CrashLoopBackOff});
 *   <li>finite containers (restart policy Never or OnFailure, or a
 *       {@link SimulatedControllers#DURATION} annotation) exit after their run time with code 0,
 *       or 1 with {@link SimulatedControllers#OUTCOME}{@code : fail}; the pod then Succeeds or
 *       Fails (Never), or restarts failed containers (OnFailure, Always).
 * </ul>
 *
 * <p>Pods bound to a node that no longer exists are deleted; pods whose deletion is due and
 * that have no finalizers are removed.
 */
final class KubeletController extends Reconciler {

  private static final Duration MAX_BACKOFF = Duration.ofSeconds(300);

  KubeletController(Store store, SimulatedCluster.ImagePolicy images) {
    super(store, images);
  }

  @Override
  void reconcile() {
    Map<String, Manifest> nodes = new TreeMap<>();
    for (Manifest n : store.objectsOf(NODE)) {
      nodes.put(n.name(), n);
    }
    for (Manifest pod : store.objectsOf(POD)) {
      String node = str(spec(pod), "nodeName", "");
      if (node.isEmpty()) {
        guarded(() -> reconcile(pod, nodes));
        continue;
      }
      StringBuilder signature = new StringBuilder(versions(pod, List.of()));
      Manifest n = nodes.get(node);
      signature.append('|').append(n == null ? "-" : rv(n));
      for (JsonValue v : arr(spec(pod), "volumes").items()) {
        if (v instanceof JsonObject vol && vol.has("persistentVolumeClaim")) {
          Manifest pvc = store.find(PVC, pod.namespace(), str(obj(vol, "persistentVolumeClaim"),
              "claimName", "")).orElse(null);
          signature.append('|').append(pvc == null ? "-" : rv(pvc));
          Manifest pv = pvc == null ? null
              : store.find(PV, "", str(spec(pvc), "volumeName", "")).orElse(null);
          signature.append('/').append(pv == null ? "-" : rv(pv));
        }
      }
      unlessSettled(pod, signature.toString(), () -> reconcile(pod, nodes));
    }
  }

  private void reconcile(Manifest pod, Map<String, Manifest> nodes) {
    if (terminating(pod)) {
      Instant due = parseTs(pod.metadata().getOrNull("deletionTimestamp"));
      if (Store.finalizers(pod).isEmpty() && (due == null || !now().isBefore(due))) {
        store.removeNow(new Store.ObjRef(POD, new Store.Ref(pod.namespace(), pod.name())));
      }
      return;
    }
    String nodeName = str(spec(pod), "nodeName", "");
    Manifest current = pod;
    if (nodeName.isEmpty()) {
      String picked = Scheduler.pick(store, spec(pod));
      if (picked == null) {
        writeStatus(pod, o("phase", "Pending", "conditions", JsonArray.of(o(
            "type", "PodScheduled", "status", "False", "lastProbeTime", JsonNull.INSTANCE,
            "lastTransitionTime", lastTransition(pod, "PodScheduled", "False"),
            "reason", "Unschedulable", "message", Scheduler.unschedulableMessage(store)))),
            "kube-scheduler");
        return;
      }
      current = update(pod.with("/spec/nodeName", json(picked)), "kube-scheduler");
      nodeName = picked;
    }
    Manifest node = nodes.get(nodeName);
    if (node == null) {
      delete(current);
      return;
    }
    writeStatus(current, podStatus(current, node), "kubelet");
  }

  private String lastTransition(Manifest pod, String type, String status) {
    JsonObject c = condition(status(pod), type);
    if (c != null && status.equals(str(c, "status", "")) && c.has("lastTransitionTime")) {
      return str(c, "lastTransitionTime", ts(now()));
    }
    return ts(now());
  }

  // ---------------------------------------------------------------- the pod model

  /** One container's state at the current instant. */
  private record Container(String name, JsonObject status, boolean started, boolean ready,
      boolean finished, long exitCode, @Nullable Instant readySince, Instant unreadySince) {}

  private JsonObject podStatus(Manifest pod, Manifest node) {
    Instant now = now();
    JsonObject spec = spec(pod);
    JsonObject old = status(pod);
    String restartPolicy = str(spec, "restartPolicy", "Always");
    JsonObject scheduled = condition(old, "PodScheduled");
    Instant schedTime = scheduled != null && "True".equals(str(scheduled, "status", ""))
        ? parseTs(scheduled.getOrNull("lastTransitionTime")) : null;
    if (schedTime == null) {
      schedTime = now;
    }
    Instant volumesAt = volumesBoundAt(pod, schedTime);
    Instant startAt = volumesAt == null ? null : volumesAt.plus(SimulatedControllers.POD_START);
    boolean sandbox = startAt != null && !now.isBefore(startAt);
    List<JsonValue> initSpecs = arr(spec, "initContainers").items();

    List<Container> containers = new ArrayList<>();
    for (JsonValue c : arr(spec, "containers").items()) {
      if (c instanceof JsonObject cs) {
        containers.add(container(pod, cs, restartPolicy, schedTime, startAt, now,
            !initSpecs.isEmpty()));
      }
    }
    containers.sort((a, b) -> a.name().compareTo(b.name()));

    boolean pending = containers.stream().anyMatch(c -> !c.started() && !c.finished()
        && !c.status().getObject("lastState").map(JsonObject::size).map(n -> n > 0)
            .orElse(false));
    boolean allFinished = !containers.isEmpty() && containers.stream().allMatch(
        Container::finished);
    String phase;
    if (pending) {
      phase = "Pending";
    } else if (allFinished) {
      phase = containers.stream().allMatch(c -> c.exitCode() == 0) ? "Succeeded" : "Failed";
    } else {
      phase = "Running";
    }

    JsonArray.Builder conditions = JsonArray.builder();
    conditions.add(podCondition("PodReadyToStartContainers", sandbox,
        sandbox ? startAt : schedTime, null, null));
    if (initSpecs.isEmpty()) {
      conditions.add(podCondition("Initialized", true, schedTime, null, null));
    } else {
      conditions.add(podCondition("Initialized", sandbox, sandbox ? startAt : schedTime,
          sandbox ? null : "ContainersNotInitialized",
          sandbox ? null : "containers with incomplete status: [" + names(initSpecs) + "]"));
    }
    JsonObject ready;
    if (phase.equals("Succeeded") || phase.equals("Failed")) {
      Instant done = containers.stream().map(Container::unreadySince).max(Instant::compareTo)
          .orElse(schedTime);
      ready = podCondition("Ready", false, done, "PodCompleted", null);
    } else if (!containers.isEmpty() && containers.stream().allMatch(Container::ready)) {
      Instant since = containers.stream().map(Container::readySince).filter(t -> t != null)
          .max(Instant::compareTo).orElse(schedTime);
      ready = podCondition("Ready", true, since, null, null);
    } else {
      List<String> unready = new ArrayList<>();
      Instant since = schedTime;
      for (Container c : containers) {
        if (!c.ready()) {
          unready.add(c.name());
          since = c.unreadySince().isAfter(since) ? c.unreadySince() : since;
        }
      }
      ready = podCondition("Ready", false, since, "ContainersNotReady",
          "containers with unready status: [" + String.join(" ", unready) + "]");
    }
    conditions.add(ready);
    conditions.add(ready.with("type", json("ContainersReady")));
    conditions.add(podCondition("PodScheduled", true, schedTime, null, null));

    JsonArray.Builder statuses = JsonArray.builder();
    containers.forEach(c -> statuses.add(c.status()));
    String hostIp = hostIp(node);
    JsonObject.Builder b = JsonObject.builder()
        .put("conditions", conditions.build())
        .put("containerStatuses", statuses.build())
        .put("hostIP", hostIp)
        .put("hostIPs", JsonArray.of(o("ip", hostIp)))
        .put("phase", phase)
        .put("qosClass", qosClass(spec))
        .put("startTime", ts(schedTime));
    if (!initSpecs.isEmpty()) {
      b.put("initContainerStatuses", initStatuses(pod, initSpecs, sandbox, startAt));
    }
    if (sandbox) {
      String ip = podIp(pod, node);
      b.put("podIP", ip).put("podIPs", JsonArray.of(o("ip", ip)));
    }
    return b.build();
  }

  private Container container(Manifest pod, JsonObject c, String restartPolicy,
      Instant schedTime, @Nullable Instant startAt, Instant now, boolean hasInit) {
    String name = str(c, "name", "");
    String image = str(c, "image", "");
    if (startAt == null || now.isBefore(startAt)) {
      return waiting(name, image, hasInit ? "PodInitializing" : "ContainerCreating", null,
          schedTime);
    }
    if (images.failsToPull(image)) {
      boolean backOff = !now.isBefore(startAt.plus(SimulatedControllers.PULL_BACKOFF));
      String full = fullImage(image);
      return backOff
          ? waiting(name, image, "ImagePullBackOff", "Back-off pulling image \"" + image + "\"",
              schedTime)
          : waiting(name, image, "ErrImagePull", "rpc error: code = NotFound desc = failed to"
              + " pull and unpack image \"" + full + "\": failed to resolve reference \"" + full
              + "\": " + full + ": not found", schedTime);
    }
    boolean crashes = images.crashes(image);
    String outcome = pod.annotation(SimulatedControllers.OUTCOME).orElse("");
    Duration declared = duration(pod.annotation(SimulatedControllers.DURATION).orElse(null));
    boolean finite = crashes || declared != null || !restartPolicy.equals("Always")
        || outcome.equals("fail");
    JsonObject base = o("name", name, "image", fullImage(image), "imageID", imageId(image));
    if (!finite) {
      return new Container(name, base.with("containerID", json(containerId(pod, name, 0)))
          .with("lastState", JsonObject.empty()).with("ready", json(true))
          .with("restartCount", json(0)).with("started", json(true))
          .with("state", o("running", o("startedAt", ts(startAt)))),
          true, true, false, 0, startAt, schedTime);
    }
    Duration runFor = crashes ? Duration.ZERO
        : declared != null ? declared : SimulatedControllers.DEFAULT_RUN;
    long exitCode = crashes || outcome.equals("fail") ? 1 : 0;
    boolean restarts = restartPolicy.equals("Always")
        || (restartPolicy.equals("OnFailure") && exitCode != 0);
    // run k starts at s and ends at s + runFor; the next starts after a doubling back-off
    long k = 0;
    Instant s = startAt;
    Instant prev = null;
    while (restarts) {
      Duration wait = backoff(k);
      Instant next = s.plus(runFor).plus(wait);
      if (next.isAfter(now)) {
        break;
      }
      if (wait.equals(MAX_BACKOFF)) {
        long period = runFor.plus(MAX_BACKOFF).getSeconds();
        long jumps = Duration.between(s, now).getSeconds() / period;
        s = s.plusSeconds(jumps * period);
        prev = s.minusSeconds(period);
        k += jumps;
        break;
      }
      prev = s;
      s = next;
      k++;
    }
    Instant end = s.plus(runFor);
    JsonObject last = prev == null ? JsonObject.empty()
        : o("terminated", terminated(pod, name, k - 1, exitCode, prev, prev.plus(runFor)));
    Instant unreadySince = runFor.isZero() ? schedTime : end;
    if (now.isBefore(end)) {
      return new Container(name, base.with("containerID", json(containerId(pod, name, k)))
          .with("lastState", last).with("ready", json(true)).with("restartCount", json(k))
          .with("started", json(true)).with("state", o("running", o("startedAt", ts(s)))),
          true, true, false, exitCode, s, unreadySince);
    }
    JsonObject done = terminated(pod, name, k, exitCode, s, end);
    if (restarts) {
      String message = "back-off " + goDuration(backoff(k)) + " restarting failed container="
          + name + " pod=" + pod.name() + "_" + pod.namespace() + "(" + uid(pod) + ")";
      return new Container(name, base.with("containerID", json(containerId(pod, name, k)))
          .with("lastState", o("terminated", done)).with("ready", json(false))
          .with("restartCount", json(k)).with("started", json(false))
          .with("state", o("waiting", o("reason", "CrashLoopBackOff", "message", message))),
          true, false, false, exitCode, null, unreadySince);
    }
    return new Container(name, base.with("containerID", json(containerId(pod, name, k)))
        .with("lastState", last).with("ready", json(false)).with("restartCount", json(k))
        .with("started", json(false)).with("state", o("terminated", done)),
        false, false, true, exitCode, null, unreadySince);
  }

  private static Container waiting(String name, String image, String reason,
      @Nullable String message, Instant since) {
    return new Container(name, o("name", name, "image", image, "imageID", "",
        "lastState", JsonObject.empty(), "ready", false, "restartCount", 0, "started", false,
        "state", o("waiting", o("reason", reason, "message", message))),
        false, false, false, 0, null, since);
  }

  private static JsonObject terminated(Manifest pod, String name, long run, long exitCode,
      Instant start, Instant end) {
    return o("containerID", containerId(pod, name, run), "exitCode", exitCode,
        "finishedAt", ts(end), "reason", exitCode == 0 ? "Completed" : "Error",
        "startedAt", ts(start));
  }

  private static JsonArray initStatuses(Manifest pod, List<JsonValue> specs, boolean done,
      @Nullable Instant at) {
    List<JsonObject> out = new ArrayList<>();
    for (JsonValue v : specs) {
      if (v instanceof JsonObject c) {
        String name = str(c, "name", "");
        String image = str(c, "image", "");
        if (done && at != null) {
          out.add(o("name", name, "image", fullImage(image), "imageID", imageId(image),
              "containerID", containerId(pod, name, 0), "lastState", JsonObject.empty(),
              "ready", true, "restartCount", 0, "started", false,
              "state", o("terminated", o("containerID", containerId(pod, name, 0),
                  "exitCode", 0, "finishedAt", ts(at), "reason", "Completed",
                  "startedAt", ts(at)))));
        } else {
          out.add(o("name", name, "image", image, "imageID", "", "lastState",
              JsonObject.empty(), "ready", false, "restartCount", 0, "started", false,
              "state", o("waiting", o("reason", "PodInitializing"))));
        }
      }
    }
    return JsonArray.of(out);
  }

  private static JsonObject podCondition(String type, boolean status, Instant since,
      @Nullable String reason, @Nullable String message) {
    return o("type", type, "status", status ? "True" : "False",
        "lastProbeTime", JsonNull.INSTANCE, "lastTransitionTime", ts(since),
        "reason", reason, "message", message);
  }

  /** When all the pod's claims were bound (not before scheduling), or null while one is not. */
  private @Nullable Instant volumesBoundAt(Manifest pod, Instant schedTime) {
    Instant at = schedTime;
    for (JsonValue v : arr(spec(pod), "volumes").items()) {
      if (!(v instanceof JsonObject vol) || !vol.has("persistentVolumeClaim")) {
        continue;
      }
      String claim = str(obj(vol, "persistentVolumeClaim"), "claimName", "");
      Manifest pvc = store.find(PVC, pod.namespace(), claim).orElse(null);
      if (pvc == null || !"Bound".equals(str(status(pvc), "phase", ""))) {
        return null;
      }
      Manifest pv = store.find(PV, "", str(spec(pvc), "volumeName", "")).orElse(null);
      Instant bound = pv == null ? null
          : parseTs(status(pv).getOrNull("lastPhaseTransitionTime"));
      if (bound != null && bound.isAfter(at)) {
        at = bound;
      }
    }
    return at;
  }

  // ---------------------------------------------------------------- helpers

  private static String names(List<JsonValue> specs) {
    List<String> out = new ArrayList<>();
    for (JsonValue v : specs) {
      if (v instanceof JsonObject c) {
        out.add(str(c, "name", ""));
      }
    }
    return String.join(" ", out);
  }

  static Duration backoff(long restart) {
    if (restart >= 5) {
      return MAX_BACKOFF;
    }
    Duration d = Duration.ofSeconds(10L << restart);
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }

  /** Go's {@code time.Duration} formatting for whole seconds: {@code 40s}, {@code 5m0s}. */
  static String goDuration(Duration d) {
    long s = d.getSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m" + (s % 60) + "s";
    }
    return (s / 3600) + "h" + (s % 3600 / 60) + "m" + (s % 60) + "s";
  }

  /** Parses {@code 30s}, {@code 2m}, {@code 1h}, {@code 1m30s} or ISO-8601; null if absent. */
  static @Nullable Duration duration(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.trim();
    try {
      if (t.startsWith("P") || t.startsWith("p")) {
        return Duration.parse(t);
      }
      return Duration.parse("PT" + t.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static String hostIp(Manifest node) {
    for (JsonValue a : arr(status(node), "addresses").items()) {
      if (a instanceof JsonObject addr && "InternalIP".equals(str(addr, "type", ""))) {
        return str(addr, "address", "");
      }
    }
    return "172.18.0." + (2 + Math.floorMod(node.name().hashCode(), 250));
  }

  private static String podIp(Manifest pod, Manifest node) {
    String cidr = str(spec(node), "podCIDR", "10.244.0.0/24");
    String prefix = cidr.substring(0, cidr.lastIndexOf('.') + 1);
    return prefix + (2 + Math.floorMod(uid(pod).hashCode(), 250));
  }

  static String containerId(Manifest pod, String container, long run) {
    return "containerd://" + sha256(uid(pod) + "/" + container + "/" + run);
  }

  /** The fully qualified reference a container runtime reports for an image. */
  static String fullImage(String image) {
    int slash = image.indexOf('/');
    String first = slash < 0 ? "" : image.substring(0, slash);
    boolean registry = slash >= 0
        && (first.contains(".") || first.contains(":") || first.equals("localhost"));
    String full = registry ? image : slash < 0 ? "docker.io/library/" + image
        : "docker.io/" + image;
    String last = full.substring(full.lastIndexOf('/') + 1);
    return last.contains(":") || last.contains("@") ? full : full + ":latest";
  }

  static String imageId(String image) {
    String full = fullImage(image);
    int at = full.indexOf('@');
    String repo;
    if (at >= 0) {
      repo = full.substring(0, at);
    } else {
      int colon = full.lastIndexOf(':');
      repo = colon > full.lastIndexOf('/') ? full.substring(0, colon) : full;
    }
    return repo + "@sha256:" + sha256(full);
  }

  /** Kubernetes' QoS class of a pod spec. */
  static String qosClass(JsonObject spec) {
    boolean any = false;
    boolean guaranteed = true;
    List<JsonValue> all = new ArrayList<>(arr(spec, "containers").items());
    all.addAll(arr(spec, "initContainers").items());
    for (JsonValue v : all) {
      JsonObject resources = v instanceof JsonObject c ? obj(c, "resources") : JsonObject.empty();
      JsonObject requests = obj(resources, "requests");
      JsonObject limits = obj(resources, "limits");
      for (String r : List.of("cpu", "memory")) {
        if (requests.has(r) || limits.has(r)) {
          any = true;
        }
        if (!limits.has(r) || (requests.has(r)
            && !requests.getOrNull(r).equals(limits.getOrNull(r)))) {
          guaranteed = false;
        }
      }
    }
    return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
  }
}
