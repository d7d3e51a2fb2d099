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

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Defaults of the configuration, storage, autoscaling, RBAC and CRD kinds (k8s-defaults.md
 * §3.8, §3.10, §3.12, §3.13). Each method takes and returns a whole object root.
 */
final class ObjectDefaults {

  /** The label the API server sets on every Namespace. */
  static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

  private static final String RBAC_GROUP = "rbac.authorization.k8s.io";

  private ObjectDefaults() {}

  /**
   * Secret: {@code type: Opaque}; {@code stringData} merged into {@code data} as base64 (string
   * values win per key) and removed. Non-string {@code stringData} values are left in place so
   * that validation can reject them.
   */
  static JsonObject secret(JsonObject root) {
    JsonObject r = defaultString(root, "type", "Opaque");
    if (!(r.getOrNull("stringData") instanceof JsonObject stringData)) {
      return isUnset(r.getOrNull("stringData")) ? r.without("stringData") : r;
    }
    JsonObject data = Trees.objectOrEmpty(r, "data");
    JsonObject.Builder rest = JsonObject.builder();
    Base64.Encoder b64 = Base64.getEncoder();
    for (int i = 0; i < stringData.size(); i++) {
      if (stringData.valueAt(i) instanceof JsonString s) {
        data = data.with(stringData.keyAt(i),
            str(b64.encodeToString(s.value().getBytes(StandardCharsets.UTF_8))));
      } else {
        rest.put(stringData.keyAt(i), stringData.valueAt(i));
      }
    }
    JsonObject remaining = rest.build();
    r = data.isEmpty() ? r : r.with("data", data);
    return remaining.isEmpty() ? r.without("stringData") : r.with("stringData", remaining);
  }

  /** Namespace: the {@code kubernetes.io/metadata.name} label, always equal to the name. */
  static JsonObject namespace(JsonObject root) {
    JsonObject meta = Trees.objectOrEmpty(root, "metadata");
    String name = string(meta, "name");
    if (name.isEmpty()) {
      return root;
    }
    return editStruct(root, "metadata", m -> editStruct(m, "labels",
        l -> l.with(NAMESPACE_NAME_LABEL, str(name))));
  }

  static JsonObject persistentVolumeClaim(JsonObject root) {
    return editStruct(root, "spec", PodSpecDefaults::claimSpec);
  }

  static JsonObject persistentVolume(JsonObject root) {
    return editStruct(root, "spec", spec -> {
      JsonObject s = defaultString(spec, "persistentVolumeReclaimPolicy", "Retain");
      s = defaultValue(s, "volumeMode", str("Filesystem"));
      s = editObject(s, "capacity", PodSpecDefaults::resourceList);
      return editObject(s, "hostPath", h -> defaultValue(h, "type", str("")));
    });
  }

  static JsonObject storageClass(JsonObject root) {
    JsonObject r = defaultValue(root, "reclaimPolicy", str("Delete"));
    return defaultValue(r, "volumeBindingMode", str("Immediate"));
  }

  /** HorizontalPodAutoscaler autoscaling/v2. */
  static JsonObject horizontalPodAutoscaler(JsonObject root) {
    return editStruct(root, "spec", spec -> {
      JsonObject s = defaultValue(spec, "minReplicas", 1);
      if (isEmpty(s.getOrNull("metrics"))) {
        JsonObject target = JsonObject.builder().put("type", str("Utilization"))
            .put("averageUtilization", num(80)).build();
        JsonObject resource = JsonObject.builder().put("name", str("cpu"))
            .put("target", target).build();
        s = s.with("metrics", JsonArray.of(JsonObject.builder().put("type", str("Resource"))
            .put("resource", resource).build()));
      }
      return editObject(s, "behavior", b -> {
        JsonObject x = editStruct(b, "scaleUp", up -> {
          JsonObject u = defaultValue(up, "stabilizationWindowSeconds", 0);
          u = defaultValue(u, "selectPolicy", str("Max"));
          return defaultValue(u, "policies",
              JsonArray.of(policy("Pods", 4), policy("Percent", 100)));
        });
        return editStruct(x, "scaleDown", down -> {
          JsonObject d = defaultValue(down, "selectPolicy", str("Max"));
          return defaultValue(d, "policies", JsonArray.of(policy("Percent", 100)));
        });
      });
    });
  }

  private static JsonObject policy(String type, long value) {
    return JsonObject.builder().put("type", str(type)).put("value", num(value))
        .put("periodSeconds", num(15)).build();
  }

  /** RoleBinding and ClusterRoleBinding. */
  static JsonObject roleBinding(JsonObject root) {
    JsonObject r = editStruct(root, "roleRef", ref -> defaultString(ref, "apiGroup", RBAC_GROUP));
    return editEach(r, "subjects", subject -> {
      String kind = string(subject, "kind");
      if (kind.equals("User") || kind.equals("Group")) {
        return defaultString(subject, "apiGroup", RBAC_GROUP);
      }
      return subject;
    });
  }

  /** CustomResourceDefinition apiextensions.k8s.io/v1. */
  static JsonObject customResourceDefinition(JsonObject root) {
    return editStruct(root, "spec", spec -> {
      JsonObject s = editStruct(spec, "names", names -> {
        String kind = string(names, "kind");
        JsonObject n = defaultString(names, "singular", kind.toLowerCase(Locale.ROOT));
        return kind.isEmpty() ? n : defaultString(n, "listKind", kind + "List");
      });
      s = defaultValue(s, "conversion", JsonObject.of("strategy", str("None")));
      return editObject(s, "conversion", c -> editObject(c, "webhook",
          w -> editObject(w, "clientConfig",
              cc -> editObject(cc, "service", svc -> defaultValue(svc, "port", 443)))));
    });
  }

  /** The storage version of a CRD, or empty when none is marked. */
  static String storageVersion(JsonObject root) {
    JsonObject spec = Trees.objectOrEmpty(root, "spec");
    for (JsonObject v : PodSpecDefaults.objects(spec, "versions")) {
      if (Trees.isTrue(v, "storage")) {
        return string(v, "name");
      }
    }
    return "";
  }
}
