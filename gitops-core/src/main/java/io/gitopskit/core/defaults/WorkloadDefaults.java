package io.gitopskit.core.defaults;

import static io.gitopskit.core.defaults.Trees.defaultString;
import static io.gitopskit.core.defaults.Trees.defaultValue;
import static io.gitopskit.core.defaults.Trees.editEach;
import static io.gitopskit.core.defaults.Trees.editObject;
import static io.gitopskit.core.defaults.Trees.editStruct;
import static io.gitopskit.core.defaults.Trees.isEmpty;
import static io.gitopskit.core.defaults.Trees.isUnset;
import static io.gitopskit.core.defaults.Trees.num;
import static io.gitopskit.core.defaults.Trees.str;
import static io.gitopskit.core.defaults.Trees.string;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * Defaults of the workload kinds (k8s-defaults.md §3.2 to §3.6): Deployment, ReplicaSet,
 * ReplicationController, StatefulSet, DaemonSet, Job, CronJob, PodTemplate and Pod. Each method
 * takes and returns a whole object root.
 */
final class WorkloadDefaults {

  /** The annotation apps/v1 conversion writes for a DaemonSet's template generation. */
  static final String DAEMONSET_TEMPLATE_GENERATION = "deprecated.daemonset.template.generation";

  private WorkloadDefaults() {}

  static JsonObject pod(JsonObject root) {
    return editStruct(root, "spec", s -> PodSpecDefaults.podSpec(s, true));
  }

  static JsonObject podTemplate(JsonObject root) {
    return editStruct(root, "template", PodSpecDefaults::template);
  }

  static JsonObject deployment(JsonObject root) {
    return editStruct(root, "spec", spec -> {
      JsonObject s = defaultValue(spec, "replicas", 1);
      s = editStruct(s, "strategy", st -> {
        JsonObject t = defaultString(st, "type", "RollingUpdate");
        if (!"RollingUpdate".equals(string(t, "type"))) {
          return t;
        }
        return editStruct(t, "rollingUpdate", ru -> {
          JsonObject r = defaultValue(ru, "maxUnavailable", str("25%"));
          return defaultValue(r, "maxSurge", str("25%"));
        });
      });
      s = defaultValue(s, "revisionHistoryLimit", 10);
      s = defaultValue(s, "progressDeadlineSeconds", 600);
      return editStruct(s, "template", PodSpecDefaults::template);
    });
  }

  static JsonObject replicaSet(JsonObject root) {
    return editStruct(root, "spec", spec -> {
      JsonObject s = defaultValue(spec, "replicas", 1);
      return editStruct(s, "template", PodSpecDefaults::template);
    });
  }

  static JsonObject replicationController(JsonObject root) {
    JsonObject r = editStruct(root, "spec", spec -> {
      JsonObject s = defaultValue(spec, "replicas", 1);
      s = editObject(s, "template", PodSpecDefaults::template);
      JsonValue labels = templateLabels(s);
      if (labels != null && isEmpty(s.getOrNull("selector"))) {
        s = s.with("selector", labels);
      }
      return s;
    });
    JsonValue labels = templateLabels(Trees.objectOrEmpty(r, "spec"));
    JsonObject meta = Trees.objectOrEmpty(r, "metadata");
    if (labels != null && isEmpty(meta.getOrNull("labels"))) {
      r = r.with("metadata", meta.with("labels", labels));
    }
    return r;
  }

  /** The template's labels when they are a non-empty object, else null. */
  private static @Nullable JsonObject templateLabels(JsonObject spec) {
    JsonObject template = Trees.object(spec, "template");
    JsonObject meta = template == null ? null : Trees.object(template, "metadata");
    JsonObject labels = meta == null ? null : Trees.object(meta, "labels");
    return labels == null || labels.isEmpty() ? null : labels;
  }

  static JsonObject statefulSet(JsonObject root) {
    return editStruct(root, "spec", spec -> {
      JsonObject s = defaultString(spec, "podManagementPolicy", "OrderedReady");
      s = editStruct(s, "updateStrategy", us -> {
        JsonObject u = us;
        if (Trees.isEmptyString(u.getOrNull("type"))) {
          u = u.with("type", str("RollingUpdate"));
          u = defaultValue(u, "rollingUpdate", JsonObject.empty());
        }
        if ("RollingUpdate".equals(string(u, "type"))) {
          u = editObject(u, "rollingUpdate", ru -> {
            JsonObject r = defaultValue(ru, "partition", 0);
            return defaultValue(r, "maxUnavailable", 1);
          });
        }
        return u;
      });
      s = editStruct(s, "persistentVolumeClaimRetentionPolicy", p -> {
        JsonObject x = defaultString(p, "whenDeleted", "Retain");
        return defaultString(x, "whenScaled", "Retain");
      });
      s = defaultValue(s, "replicas", 1);
      s = defaultValue(s, "revisionHistoryLimit", 10);
      s = editStruct(s, "template", PodSpecDefaults::template);
      return editEach(s, "volumeClaimTemplates", WorkloadDefaults::claimTemplate);
    });
  }

  /** A StatefulSet volume claim template: TypeMeta, PVC spec defaults and a Pending status. */
  private static JsonObject claimTemplate(JsonObject claim) {
    JsonObject c = defaultString(claim, "apiVersion", "v1");
    c = defaultString(c, "kind", "PersistentVolumeClaim");
    c = editStruct(c, "spec", PodSpecDefaults::claimSpec);
    return editStruct(c, "status", st -> defaultString(st, "phase", "Pending"));
  }

  static JsonObject daemonSet(JsonObject root) {
    JsonObject r = editStruct(root, "spec", spec -> {
      JsonObject s = editStruct(spec, "updateStrategy", us -> {
        JsonObject u = defaultString(us, "type", "RollingUpdate");
        if (!"RollingUpdate".equals(string(u, "type"))) {
          return u;
        }
        return editStruct(u, "rollingUpdate", ru -> {
          JsonObject x = defaultValue(ru, "maxUnavailable", 1);
          return defaultValue(x, "maxSurge", 0);
        });
      });
      s = defaultValue(s, "revisionHistoryLimit", 10);
      return editStruct(s, "template", PodSpecDefaults::template);
    });
    return editStruct(r, "metadata", m -> editStruct(m, "annotations",
        a -> defaultString(a, DAEMONSET_TEMPLATE_GENERATION, "1")));
  }

  static JsonObject job(JsonObject root) {
    JsonObject r = editStruct(root, "spec", spec -> {
      JsonObject s = spec;
      if (isUnset(s.getOrNull("completions")) && isUnset(s.getOrNull("parallelism"))) {
        s = s.with("completions", num(1));
      }
      s = defaultValue(s, "parallelism", 1);
      if (isUnset(s.getOrNull("backoffLimit"))) {
        boolean perIndex = !isUnset(s.getOrNull("backoffLimitPerIndex"));
        s = s.with("backoffLimit", num(perIndex ? Integer.MAX_VALUE : 6));
      }
      s = defaultValue(s, "completionMode", str("NonIndexed"));
      s = defaultValue(s, "suspend", false);
      boolean failurePolicy = !isUnset(s.getOrNull("podFailurePolicy"));
      s = editObject(s, "podFailurePolicy", p -> editEach(p, "rules",
          rule -> editEach(rule, "onPodConditions", c -> defaultString(c, "status", "True"))));
      s = defaultValue(s, "podReplacementPolicy",
          str(failurePolicy ? "Failed" : "TerminatingOrFailed"));
      s = defaultValue(s, "manualSelector", false);
      return editStruct(s, "template", PodSpecDefaults::template);
    });
    return copyTemplateLabels(r);
  }

  /** A Job without labels takes its template's labels (SetDefaults_Job). */
  static JsonObject copyTemplateLabels(JsonObject job) {
    JsonObject spec = Trees.objectOrEmpty(job, "spec");
    JsonObject template = Trees.objectOrEmpty(spec, "template");
    JsonObject labels = Trees.object(Trees.objectOrEmpty(template, "metadata"), "labels");
    JsonObject meta = Trees.objectOrEmpty(job, "metadata");
    if (labels == null || labels.isEmpty() || !isEmpty(meta.getOrNull("labels"))) {
      return job;
    }
    return job.with("metadata", meta.with("labels", labels));
  }

  static JsonObject cronJob(JsonObject root) {
    return editStruct(root, "spec", spec -> {
      JsonObject s = defaultString(spec, "concurrencyPolicy", "Allow");
      s = defaultValue(s, "suspend", false);
      s = defaultValue(s, "successfulJobsHistoryLimit", 3);
      s = defaultValue(s, "failedJobsHistoryLimit", 1);
      return editStruct(s, "jobTemplate", jt -> editStruct(jt, "spec",
          js -> editStruct(js, "template", PodSpecDefaults::template)));
    });
  }
}
