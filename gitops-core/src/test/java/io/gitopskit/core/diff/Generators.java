package io.gitopskit.core.diff;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.Manifest;
import java.util.List;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Realistic desired objects as Git holds them: helm-style values (quantities in any notation,
 * omitted protocols and target ports, explicit empty lists, {@code creationTimestamp: null} in
 * templates, {@code stringData}), of the kinds GitOps tools manage most.
 */
public final class Generators {

  static final List<String> QUANTITIES = List.of("100m", "0.5", "1", "1Gi", "1024Mi", "1.5G",
      "2e3", "250m", "64Ki", "0.25", "512Mi");
  private static final List<String> IMAGES = List.of("nginx", "nginx:1.25", "ghcr.io/o/app:v1",
      "busybox:latest", "registry.local:5000/x@sha256:" + "a".repeat(64));

  private Generators() {}

  static boolean coin(RandomnessSource in) {
    return in.next(Constraint.between(0, 1)) == 1;
  }

  static <T> T pick(RandomnessSource in, List<T> from) {
    return from.get((int) in.next(Constraint.between(0, from.size() - 1)));
  }

  static int between(RandomnessSource in, int lo, int hi) {
    return (int) in.next(Constraint.between(lo, hi));
  }

  private static JsonString s(String v) {
    return JsonString.of(v);
  }

  private static JsonNumber n(long v) {
    return JsonNumber.of(v);
  }

  private static JsonValue quantity(RandomnessSource in) {
    String q = pick(in, QUANTITIES);
    if (coin(in) && (q.equals("1") || q.equals("0.5") || q.equals("0.25"))) {
      return JsonNumber.parse(q);
    }
    return s(q);
  }

  private static JsonObject metadata(RandomnessSource in, String name, boolean namespaced) {
    JsonObject.Builder m = JsonObject.builder().put("name", name);
    if (namespaced) {
      m.put("namespace", "dev");
    }
    JsonObject.Builder labels = JsonObject.builder().put("app.kubernetes.io/name", name);
    if (coin(in)) {
      labels.put("app.kubernetes.io/instance", "demo");
    }
    m.put("labels", labels.build());
    long a = in.next(Constraint.between(0, 2));
    if (a == 1) {
      m.put("annotations", JsonObject.empty());
    } else if (a == 2) {
      m.put("annotations", JsonObject.of("example.com/owner", s("team-" + name)));
    }
    return m.build();
  }

  private static JsonObject container(RandomnessSource in, int i) {
    JsonObject.Builder c = JsonObject.builder().put("name", "c" + i)
        .put("image", pick(in, IMAGES));
    if (coin(in)) {
      c.put("imagePullPolicy", pick(in, List.of("Always", "IfNotPresent")));
    }
    if (coin(in)) {
      JsonObject.Builder port = JsonObject.builder().put("containerPort", n(8080 + i));
      if (coin(in)) {
        port.put("name", "http");
      }
      if (coin(in)) {
        port.put("protocol", "TCP");
      }
      c.put("ports", JsonArray.of(port.build()));
    }
    if (coin(in)) {
      c.put("env", JsonArray.of(
          JsonObject.builder().put("name", "MODE").put("value", "prod").build(),
          JsonObject.builder().put("name", "POD").put("valueFrom", JsonObject.of("fieldRef",
              JsonObject.of("fieldPath", s("metadata.name")))).build()));
    }
    if (coin(in)) {
      JsonObject.Builder r = JsonObject.builder();
      if (coin(in)) {
        r.put("limits", JsonObject.builder().put("cpu", quantity(in))
            .put("memory", quantity(in)).build());
      }
      if (coin(in)) {
        r.put("requests", JsonObject.of("cpu", quantity(in)));
      }
      c.put("resources", r.build());
    }
    if (coin(in)) {
      JsonObject.Builder probe = JsonObject.builder()
          .put("httpGet", JsonObject.builder().put("path", "/healthz")
              .put("port", coin(in) ? n(8080) : s("http")).build());
      if (coin(in)) {
        probe.put("periodSeconds", n(between(in, 1, 60)));
      }
      c.put("readinessProbe", probe.build());
    }
    if (coin(in)) {
      c.put("args", coin(in) ? JsonArray.empty() : JsonArray.of(s("--verbose")));
    }
    if (coin(in)) {
      c.put("volumeMounts", JsonArray.of(JsonObject.builder().put("name", "config")
          .put("mountPath", "/etc/app").build()));
    }
    return c.build();
  }

  private static JsonObject podSpec(RandomnessSource in, boolean job) {
    JsonObject.Builder s = JsonObject.builder();
    JsonArray.Builder cs = JsonArray.builder();
    int count = between(in, 1, 2);
    for (int i = 0; i < count; i++) {
      cs.add(container(in, i));
    }
    s.put("containers", cs.build());
    if (job) {
      s.put("restartPolicy", pick(in, List.of("OnFailure", "Never")));
    }
    if (coin(in)) {
      s.put("imagePullSecrets", JsonArray.empty());
    }
    if (coin(in)) {
      s.put("hostNetwork", JsonBoolean.FALSE);
    }
    if (coin(in)) {
      s.put("serviceAccountName", "app");
    }
    if (coin(in)) {
      s.put("nodeSelector", coin(in) ? JsonObject.empty()
          : JsonObject.of("kubernetes.io/os", s("linux")));
    }
    if (coin(in)) {
      s.put("volumes", JsonArray.of(JsonObject.builder().put("name", "config")
          .put("configMap", JsonObject.of("name", s("app-config"))).build()));
    }
    return s.build();
  }

  private static JsonObject template(RandomnessSource in, String app, boolean job) {
    JsonObject.Builder meta = JsonObject.builder()
        .put("labels", JsonObject.of("app", s(app)));
    if (coin(in)) {
      meta.put("creationTimestamp", JsonNull.INSTANCE);
    }
    return JsonObject.builder().put("metadata", meta.build()).put("spec", podSpec(in, job))
        .build();
  }

  private static Manifest object(String apiVersion, String kind, JsonObject metadata,
      String field, JsonObject body) {
    return Manifest.of(JsonObject.builder().put("apiVersion", apiVersion).put("kind", kind)
        .put("metadata", metadata).put(field, body).build());
  }

  /**
   * Generated objects.
   *
   * @return the generator
   */
  public static Gen<Manifest> deployments() {
    return in -> {
      JsonObject.Builder spec = JsonObject.builder()
          .put("selector", JsonObject.of("matchLabels", JsonObject.of("app", s("web"))))
          .put("template", template(in, "web", false));
      if (coin(in)) {
        spec.put("replicas", n(between(in, 0, 5)));
      }
      long strategy = in.next(Constraint.between(0, 2));
      if (strategy == 1) {
        spec.put("strategy", JsonObject.of("type", s("Recreate")));
      } else if (strategy == 2) {
        spec.put("strategy", JsonObject.builder().put("type", "RollingUpdate")
            .put("rollingUpdate", JsonObject.of("maxUnavailable", s("50%"))).build());
      }
      return object("apps/v1", "Deployment", metadata(in, "web", true), "spec", spec.build());
    };
  }

  /**
   * Generated objects.
   *
   * @return the generator
   */
  public static Gen<Manifest> statefulSets() {
    return in -> {
      JsonObject.Builder spec = JsonObject.builder().put("serviceName", "db")
          .put("selector", JsonObject.of("matchLabels", JsonObject.of("app", s("db"))))
          .put("template", template(in, "db", false));
      if (coin(in)) {
        spec.put("replicas", n(between(in, 1, 3)));
      }
      if (coin(in)) {
        JsonObject.Builder vctMeta = JsonObject.builder().put("name", "data");
        if (coin(in)) {
          vctMeta.put("creationTimestamp", JsonNull.INSTANCE);
        }
        spec.put("volumeClaimTemplates", JsonArray.of(JsonObject.builder()
            .put("metadata", vctMeta.build())
            .put("spec", JsonObject.builder()
                .put("accessModes", JsonArray.of(s("ReadWriteOnce")))
                .put("resources", JsonObject.of("requests", JsonObject.of("storage",
                    s(pick(in, List.of("1Gi", "1024Mi", "10Gi", "500M")))))).build())
            .build()));
      }
      return object("apps/v1", "StatefulSet", metadata(in, "db", true), "spec", spec.build());
    };
  }

  /**
   * Generated objects.
   *
   * @return the generator
   */
  public static Gen<Manifest> jobs() {
    return in -> {
      JsonObject.Builder spec = JsonObject.builder().put("template", template(in, "batch",
          true));
      if (coin(in)) {
        spec.put("backoffLimit", n(between(in, 0, 6)));
      }
      if (coin(in)) {
        spec.put("completions", n(between(in, 1, 3)));
      }
      JsonObject meta = metadata(in, "migrate", true);
      if (coin(in)) {
        meta = meta.without("labels");
      }
      return object("batch/v1", "Job", meta, "spec", spec.build());
    };
  }

  /**
   * Generated objects.
   *
   * @return the generator
   */
  public static Gen<Manifest> services() {
    return in -> {
      JsonObject.Builder spec = JsonObject.builder();
      String type = pick(in, List.of("", "ClusterIP", "NodePort", "LoadBalancer"));
      if (!type.isEmpty()) {
        spec.put("type", type);
      }
      spec.put("selector", JsonObject.of("app", s("web")));
      if (type.isEmpty() && coin(in)) {
        spec.put("clusterIP", "None");
      }
      JsonObject.Builder port = JsonObject.builder().put("port", n(80));
      if (coin(in)) {
        port.put("name", "http");
      }
      if (coin(in)) {
        port.put("targetPort", coin(in) ? n(8080) : s("http"));
      }
      if (coin(in)) {
        port.put("protocol", "TCP");
      }
      JsonArray.Builder ports = JsonArray.builder().add(port.build());
      if (coin(in)) {
        ports.add(JsonObject.builder().put("name", "metrics").put("port", n(9090)).build());
      }
      spec.put("ports", ports.build());
      if (coin(in)) {
        spec.put("sessionAffinity", "None");
      }
      return object("v1", "Service", metadata(in, "web", true), "spec", spec.build());
    };
  }

  /**
   * Generated objects.
   *
   * @return the generator
   */
  public static Gen<Manifest> configMaps() {
    return in -> {
      JsonObject.Builder data = JsonObject.builder();
      int count = between(in, 0, 3);
      for (int i = 0; i < count; i++) {
        data.put("key" + i, coin(in) ? "value " + i : "");
      }
      JsonObject.Builder root = JsonObject.builder().put("apiVersion", "v1")
          .put("kind", "ConfigMap").put("metadata", metadata(in, "app-config", true))
          .put("data", data.build());
      if (coin(in)) {
        root.put("binaryData", JsonObject.of("blob", s("AAEC")));
      }
      return Manifest.of(root.build());
    };
  }

  /**
   * Generated objects.
   *
   * @return the generator
   */
  public static Gen<Manifest> secrets() {
    return in -> {
      JsonObject.Builder root = JsonObject.builder().put("apiVersion", "v1")
          .put("kind", "Secret").put("metadata", metadata(in, "creds", true));
      if (coin(in)) {
        root.put("type", "Opaque");
      }
      if (coin(in)) {
        root.put("stringData", JsonObject.builder().put("user", "admin")
            .put("password", "pä55-" + between(in, 0, 999)).build());
      } else {
        root.put("data", JsonObject.of("token", s("c2VjcmV0")));
      }
      return Manifest.of(root.build());
    };
  }

  /**
   * Generated objects.
   *
   * @return the generator
   */
  public static Gen<Manifest> namespaces() {
    return in -> Manifest.of(JsonObject.builder().put("apiVersion", "v1")
        .put("kind", "Namespace").put("metadata", metadata(in, "team-" + between(in, 1, 9),
            false)).build());
  }

  /**
   * Generated objects.
   *
   * @return the generator
   */
  public static Gen<Manifest> rbac() {
    return in -> {
      long k = in.next(Constraint.between(0, 3));
      JsonObject rule = JsonObject.builder()
          .put("apiGroups", JsonArray.of(s(""))).put("resources", JsonArray.of(s("pods")))
          .put("verbs", JsonArray.of(s("get"), s("list"))).build();
      if (k == 0) {
        return Manifest.of(JsonObject.builder().put("apiVersion", "rbac.authorization.k8s.io/v1")
            .put("kind", "Role").put("metadata", metadata(in, "reader", true))
            .put("rules", coin(in) ? JsonArray.of(rule) : JsonArray.empty()).build());
      }
      if (k == 1) {
        return Manifest.of(JsonObject.builder().put("apiVersion", "rbac.authorization.k8s.io/v1")
            .put("kind", "ClusterRole").put("metadata", metadata(in, "reader", false))
            .put("rules", JsonArray.of(rule)).build());
      }
      JsonObject.Builder ref = JsonObject.builder().put("kind", k == 2 ? "Role" : "ClusterRole")
          .put("name", "reader");
      if (coin(in)) {
        ref.put("apiGroup", "rbac.authorization.k8s.io");
      }
      JsonObject subject = JsonObject.builder().put("kind", "ServiceAccount").put("name", "app")
          .put("namespace", "dev").build();
      return Manifest.of(JsonObject.builder().put("apiVersion", "rbac.authorization.k8s.io/v1")
          .put("kind", k == 2 ? "RoleBinding" : "ClusterRoleBinding")
          .put("metadata", metadata(in, "read-pods", k == 2)).put("roleRef", ref.build())
          .put("subjects", JsonArray.of(subject)).build());
    };
  }

  /** Any of the kinds above. */
  /**
   * Generated objects.
   *
   * @return the generator
   */
  public static Gen<Manifest> any() {
    List<Gen<Manifest>> all = List.of(deployments(), statefulSets(), jobs(), services(),
        configMaps(), secrets(), namespaces(), rbac());
    return in -> pick(in, all).generate(in);
  }
}
