package io.gitopskit.testkit;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.Manifest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Job controller: keeps {@code parallelism} pods (at most the completions still needed)
 * running, with the Job's labels and its {@code testkit.gitopskit.io/*} annotations; succeeds
 * ({@code SuccessCriteriaMet} and {@code Complete}, reason {@code CompletionsReached}) once
 * {@code completions} pods succeeded (or, without completions, one pod succeeded and none is
 * active); fails ({@code FailureTarget} and {@code Failed}) with {@code BackoffLimitExceeded}
 * once more than {@code backoffLimit} pods failed (for OnFailure: once restarts reach it) or
 * with {@code DeadlineExceeded} after {@code activeDeadlineSeconds}; retries failed pods after
 * 10 s, 20 s, 40 s ... 6 min; {@code spec.suspend} deletes active pods and sets
 * {@code Suspended}; {@code ttlSecondsAfterFinished} deletes a finished Job. Indexed completion
 * and pod failure policies are not simulated.
 */
final class JobController extends Reconciler {

  private static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(6);

  JobController(Store store, SimulatedCluster.ImagePolicy images) {
    super(store, images);
  }

  @Override
  void reconcile() {
    Map<String, List<Manifest>> pods = byController(POD);
    for (Manifest job : store.objectsOf(JOB)) {
      List<Manifest> owned = pods.getOrDefault(uid(job), List.of());
      unlessSettled(job, versions(job, owned), () -> sync(job, owned));
    }
  }

  private void sync(Manifest job, List<Manifest> owned) {
    if (terminating(job)) {
      return;
    }
    Instant now = now();
    JsonObject spec = spec(job);
    JsonObject status = status(job);
    List<Manifest> active = new ArrayList<>();
    List<Manifest> failedPods = new ArrayList<>();
    int succeeded = 0;
    for (Manifest p : owned) {
      String phase = str(status(p), "phase", "");
      if (phase.equals("Succeeded")) {
        succeeded++;
      } else if (phase.equals("Failed")) {
        failedPods.add(p);
      } else if (!terminating(p)) {
        active.add(p);
      }
    }
    int failed = failedPods.size();
    boolean finished = conditionTrue(status, "Complete") || conditionTrue(status, "Failed");
    if (finished) {
      active.forEach(this::delete);
      writeStatus(job, counters(status, List.of(), succeeded, failed), KCM);
      expire(job, status, now);
      return;
    }
    if (bool(spec, "suspend")) {
      active.forEach(this::delete);
      status = setCondition(status, jobCondition("Suspended", "True", "JobSuspended",
          "Job suspended", now));
      writeStatus(job, counters(status, List.of(), succeeded, failed), KCM);
      return;
    }
    if (conditionTrue(status, "Suspended")) {
      status = setCondition(status, jobCondition("Suspended", "False", "JobResumed",
          "Job resumed", now)).with("startTime", json(ts(now)));
    }
    if (!status.has("startTime")) {
      status = status.with("startTime", json(ts(now)));
    }
    Instant start = parseTs(status.getOrNull("startTime"));
    long backoffLimit = num(spec, "backoffLimit", 6);
    String restartPolicy = str(obj(obj(spec, "template"), "spec"), "restartPolicy", "Never");
    boolean exceeded = failed > backoffLimit;
    if (restartPolicy.equals("OnFailure")) {
      long restarts = 0;
      for (Manifest p : active) {
        for (JsonValue c : arr(status(p), "containerStatuses").items()) {
          restarts += c instanceof JsonObject cs ? num(cs, "restartCount", 0) : 0;
        }
      }
      exceeded |= backoffLimit == 0 ? restarts > 0 : restarts >= backoffLimit;
    }
    long deadline = num(spec, "activeDeadlineSeconds", -1);
    boolean late = deadline >= 0 && start != null && !now.isBefore(start.plusSeconds(deadline));
    if (exceeded || late) {
      active.forEach(this::delete);
      String reason = exceeded ? "BackoffLimitExceeded" : "DeadlineExceeded";
      String message = exceeded ? "Job has reached the specified backoff limit"
          : "Job was active longer than specified deadline";
      status = setCondition(status, jobCondition("FailureTarget", "True", reason, message, now));
      status = setCondition(status, jobCondition("Failed", "True", reason, message, now));
      writeStatus(job, counters(status, List.of(), succeeded, failed), KCM);
      return;
    }
    long parallelism = num(spec, "parallelism", 1);
    Long completions = spec.has("completions") ? num(spec, "completions", 1)
        : spec.has("parallelism") ? null : 1L;
    boolean complete = completions != null ? succeeded >= completions
        : succeeded >= 1 && active.isEmpty();
    if (complete) {
      active.forEach(this::delete);
      String message = "Reached expected number of succeeded pods";
      status = setCondition(status, jobCondition("SuccessCriteriaMet", "True",
          "CompletionsReached", message, now));
      status = setCondition(status, jobCondition("Complete", "True", "CompletionsReached",
          message, now)).with("completionTime", json(ts(now)));
      writeStatus(job, counters(status, List.of(), succeeded, failed), KCM);
      return;
    }
    long wanted = completions != null ? Math.min(parallelism, completions - succeeded)
        : succeeded > 0 ? 0 : parallelism;
    if (active.size() < wanted && retryDue(failedPods, now)) {
      JsonObject template = obj(spec, "template");
      JsonObject labels = o("batch.kubernetes.io/controller-uid", uid(job),
          "batch.kubernetes.io/job-name", job.name(), "controller-uid", uid(job),
          "job-name", job.name());
      JsonObject templateLabels = obj(obj(template, "metadata"), "labels");
      for (int i = 0; i < templateLabels.size(); i++) {
        labels = labels.with(templateLabels.keyAt(i), templateLabels.valueAt(i));
      }
      JsonObject annotations = JsonObject.empty();
      for (Map.Entry<String, String> a : job.annotations().entrySet()) {
        if (a.getKey().startsWith("testkit.gitopskit.io/")) {
          annotations = annotations.with(a.getKey(), json(a.getValue()));
        }
      }
      JsonObject changes = obj(template, "spec").has("restartPolicy") ? JsonObject.empty()
          : o("restartPolicy", "Never");
      for (long i = active.size(); i < wanted; i++) {
        active.add(create(newPod(job, template, null, labels, annotations, changes), KCM));
      }
    } else if (active.size() > wanted) {
      List<Manifest> surplus = new ArrayList<>(active);
      surplus.sort(Comparator.comparing(Reconciler::created, Comparator.reverseOrder()));
      for (Manifest p : surplus.subList(0, (int) (active.size() - wanted))) {
        delete(p);
        active.remove(p);
      }
    }
    writeStatus(job, counters(status, active, succeeded, failed), KCM);
  }

  /** Whether the back-off after the latest pod failure has passed. */
  private static boolean retryDue(List<Manifest> failedPods, Instant now) {
    if (failedPods.isEmpty()) {
      return true;
    }
    Instant last = Instant.EPOCH;
    for (Manifest p : failedPods) {
      Instant t = finishedAt(p);
      last = t.isAfter(last) ? t : last;
    }
    long shift = Math.min(failedPods.size() - 1, 10);
    Duration delay = Duration.ofSeconds(10L << shift);
    if (delay.compareTo(MAX_RETRY_DELAY) > 0) {
      delay = MAX_RETRY_DELAY;
    }
    return !now.isBefore(last.plus(delay));
  }

  private static Instant finishedAt(Manifest pod) {
    Instant last = created(pod);
    for (JsonValue c : arr(status(pod), "containerStatuses").items()) {
      if (c instanceof JsonObject cs) {
        Instant t = parseTs(obj(obj(cs, "state"), "terminated").getOrNull("finishedAt"));
        last = t != null && t.isAfter(last) ? t : last;
      }
    }
    return last;
  }

  private void expire(Manifest job, JsonObject status, Instant now) {
    long ttl = num(spec(job), "ttlSecondsAfterFinished", -1);
    if (ttl < 0) {
      return;
    }
    JsonObject done = conditionTrue(status, "Complete") ? condition(status, "Complete")
        : condition(status, "Failed");
    Instant at = done == null ? null : parseTs(done.getOrNull("lastTransitionTime"));
    if (at != null && !now.isBefore(at.plusSeconds(ttl))) {
      delete(job);
    }
  }

  private static JsonObject counters(JsonObject status, List<Manifest> active, int succeeded,
      int failed) {
    int ready = 0;
    for (Manifest p : active) {
      ready += podReady(p) ? 1 : 0;
    }
    JsonObject out = status.with("ready", json(ready)).with("terminating", json(0))
        .with("uncountedTerminatedPods", JsonObject.empty());
    out = active.isEmpty() ? out.without("active") : out.with("active", json(active.size()));
    out = succeeded == 0 ? out.without("succeeded") : out.with("succeeded", json(succeeded));
    return failed == 0 ? out.without("failed") : out.with("failed", json(failed));
  }

  private static JsonObject jobCondition(String type, String value, String reason,
      String message, @Nullable Instant now) {
    String t = now == null ? null : ts(now);
    return o("type", type, "status", value, "lastProbeTime", t, "lastTransitionTime", t,
        "reason", reason, "message", message);
  }
}
