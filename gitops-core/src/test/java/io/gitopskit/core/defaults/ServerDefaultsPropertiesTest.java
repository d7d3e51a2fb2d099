package io.gitopskit.core.defaults;

import static io.gitopskit.core.defaults.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.Manifest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Properties over generated Deployments, StatefulSets, Jobs, Pods and Services: defaulting is
 * idempotent, and it only adds — every value the user set is still there afterwards.
 */
class ServerDefaultsPropertiesTest {

  private static final List<String> IMAGES = List.of("nginx", "nginx:latest", "nginx:1.25",
      "ghcr.io/org/app:v1", "localhost:5000/x", "Bad/Image", "");
  private static final List<String> QUANTITIES = List.of("100m", "0.5", "1", "1Gi", "1024Mi",
      "1.5G", "2e3", "250m", "64Ki", "0.0001");

  // ---- generators ----

  private static boolean coin(RandomnessSource in) {
    return in.next(Constraint.between(0, 1)) == 1;
  }

  private static <T> T pick(RandomnessSource in, List<T> from) {
    return from.get((int) in.next(Constraint.between(0, from.size() - 1)));
  }

  private static JsonObject container(RandomnessSource in, int i) {
    JsonObject.Builder c = JsonObject.builder().put("name", "c" + i)
        .put("image", pick(in, IMAGES));
    if (coin(in)) {
      c.put("imagePullPolicy", pick(in, List.of("Never", "Always", "IfNotPresent")));
    }
    if (coin(in)) {
      JsonObject.Builder port = JsonObject.builder()
          .put("containerPort", JsonNumber.of(in.next(Constraint.between(1, 65535))));
      if (coin(in)) {
        port.put("protocol", pick(in, List.of("UDP", "SCTP")));
      }
      c.put("ports", JsonArray.of(port.build()));
    }
    if (coin(in)) {
      JsonObject.Builder r = JsonObject.builder();
      if (coin(in)) {
        r.put("limits", JsonObject.builder().put("cpu", pick(in, QUANTITIES))
            .put("memory", pick(in, QUANTITIES)).build());
      }
      if (coin(in)) {
        r.put("requests", JsonObject.of("cpu", JsonString.of(pick(in, QUANTITIES))));
      }
      c.put("resources", r.build());
    }
    if (coin(in)) {
      JsonObject.Builder probe = JsonObject.builder()
          .put("httpGet", JsonObject.of("port", JsonNumber.of(8080)));
      if (coin(in)) {
        probe.put("periodSeconds", JsonNumber.of(in.next(Constraint.between(1, 60))));
      }
      c.put("readinessProbe", probe.build());
    }
    return c.build();
  }

  private static JsonObject podSpec(RandomnessSource in) {
    JsonObject.Builder s = JsonObject.builder();
    int n = (int) in.next(Constraint.between(1, 3));
    JsonArray.Builder cs = JsonArray.builder();
    for (int i = 0; i < n; i++) {
      cs.add(container(in, i));
    }
    s.put("containers", cs.build());
    if (coin(in)) {
      s.put("restartPolicy", pick(in, List.of("Always", "OnFailure", "Never")));
    }
    if (coin(in)) {
      s.put("terminationGracePeriodSeconds", JsonNumber.of(in.next(Constraint.between(0, 90))));
    }
    if (coin(in)) {
      s.put("serviceAccountName", "sa");
    }
    if (coin(in)) {
      s.put("hostNetwork", JsonBoolean.of(coin(in)));
    }
    if (coin(in)) {
      s.put("volumes", JsonArray.of(
          JsonObject.builder().put("name", "v").put("configMap",
              coin(in) ? JsonObject.of("name", JsonString.of("cm"))
                  : JsonObject.builder().put("name", "cm")
                      .put("defaultMode", JsonNumber.of(256)).build()).build(),
          JsonObject.of("name", JsonString.of("scratch"))));
    }
    return s.build();
  }

  private static JsonObject template(RandomnessSource in) {
    return JsonObject.builder()
        .put("metadata", JsonObject.of("labels", JsonObject.of("app", JsonString.of("a"))))
        .put("spec", podSpec(in)).build();
  }

  private static JsonObject meta(String name) {
    return JsonObject.of("name", JsonString.of(name));
  }

  static Gen<Manifest> deployments() {
    return in -> {
      JsonObject.Builder spec = JsonObject.builder()
          .put("selector", JsonObject.of("matchLabels", JsonObject.of("app", JsonString.of("a"))))
          .put("template", template(in));
      if (coin(in)) {
        spec.put("replicas", JsonNumber.of(in.next(Constraint.between(0, 5))));
      }
      long strategy = in.next(Constraint.between(0, 3));
      if (strategy == 1) {
        spec.put("strategy", JsonObject.of("type", JsonString.of("Recreate")));
      } else if (strategy == 2) {
        spec.put("strategy", JsonObject.of("rollingUpdate",
            JsonObject.of("maxSurge", JsonNumber.of(in.next(Constraint.between(0, 3))))));
      } else if (strategy == 3) {
        spec.put("strategy", JsonObject.builder().put("type", "RollingUpdate")
            .put("rollingUpdate", JsonObject.of("maxUnavailable", JsonString.of("50%"))).build());
      }
      if (coin(in)) {
        spec.put("progressDeadlineSeconds", JsonNumber.of(in.next(Constraint.between(1, 900))));
      }
      return Manifest.of(JsonObject.builder().put("apiVersion", "apps/v1")
          .put("kind", "Deployment").put("metadata", meta("d")).put("spec", spec.build()).build());
    };
  }

  static Gen<Manifest> workloads() {
    return in -> {
      long kind = in.next(Constraint.between(0, 3));
      JsonObject.Builder root = JsonObject.builder().put("metadata", meta("w"));
      if (kind == 0) {
        return deployments().generate(in);
      } else if (kind == 1) {
        JsonObject.Builder spec = JsonObject.builder().put("template", template(in));
        if (coin(in)) {
          spec.put("updateStrategy", JsonObject.of("type", JsonString.of("OnDelete")));
        }
        if (coin(in)) {
          spec.put("volumeClaimTemplates", JsonArray.of(JsonObject.builder()
              .put("metadata", meta("data"))
              .put("spec", JsonObject.of("resources", JsonObject.of("requests",
                  JsonObject.of("storage", JsonString.of(pick(in, QUANTITIES)))))).build()));
        }
        root.put("apiVersion", "apps/v1").put("kind", "StatefulSet").put("spec", spec.build());
      } else if (kind == 2) {
        JsonObject.Builder spec = JsonObject.builder().put("template", template(in));
        if (coin(in)) {
          spec.put("completions", JsonNumber.of(in.next(Constraint.between(1, 5))));
        }
        if (coin(in)) {
          spec.put("parallelism", JsonNumber.of(in.next(Constraint.between(1, 5))));
        }
        root.put("apiVersion", "batch/v1").put("kind", "Job").put("spec", spec.build());
      } else {
        root.put("apiVersion", "v1").put("kind", "Pod").put("spec", podSpec(in));
      }
      return Manifest.of(root.build());
    };
  }

  static Gen<Manifest> services() {
    return in -> {
      JsonObject.Builder spec = JsonObject.builder();
      String type = pick(in, List.of("", "ClusterIP", "NodePort", "LoadBalancer",
          "ExternalName"));
      if (!type.isEmpty()) {
        spec.put("type", type);
      }
      if (coin(in)) {
        spec.put("selector", JsonObject.of("app", JsonString.of("a")));
      }
      long ip = in.next(Constraint.between(0, 3));
      if (ip == 1) {
        spec.put("clusterIP", "None");
      } else if (ip == 2) {
        spec.put("clusterIP", "10.96.0.10");
      } else if (ip == 3) {
        spec.put("clusterIPs", JsonArray.of(JsonString.of("fd00::1")));
      }
      if (coin(in)) {
        spec.put("sessionAffinity", "ClientIP");
        if (coin(in)) {
          spec.put("sessionAffinityConfig", JsonObject.of("clientIP",
              JsonObject.of("timeoutSeconds", JsonNumber.of(60))));
        }
      }
      if (coin(in)) {
        spec.put("externalIPs", JsonArray.of(JsonString.of("203.0.113.1")));
      }
      if (coin(in)) {
        spec.put("ipFamilyPolicy", pick(in, List.of("SingleStack", "PreferDualStack")));
      }
      if (coin(in)) {
        spec.put("externalTrafficPolicy", "Local");
      }
      JsonArray.Builder ports = JsonArray.builder();
      int n = (int) in.next(Constraint.between(0, 3));
      for (int i = 0; i < n; i++) {
        JsonObject.Builder p = JsonObject.builder().put("name", "p" + i)
            .put("port", JsonNumber.of(in.next(Constraint.between(1, 65535))));
        long target = in.next(Constraint.between(0, 2));
        if (target == 1) {
          p.put("targetPort", JsonNumber.of(in.next(Constraint.between(1, 65535))));
        } else if (target == 2) {
          p.put("targetPort", "http");
        }
        if (coin(in)) {
          p.put("protocol", "UDP");
        }
        ports.add(p.build());
      }
      spec.put("ports", ports.build());
      return Manifest.of(JsonObject.builder().put("apiVersion", "v1").put("kind", "Service")
          .put("metadata", meta("s")).put("spec", spec.build()).build());
    };
  }

  // ---- properties ----

  @Test
  void applyIsIdempotent() {
    qt().withExamples(500).forAll(workloads()).checkAssert(m -> {
      Manifest once = ServerDefaults.apply(m);
      assertThat(ServerDefaults.apply(once)).as(m.root().toJson()).isEqualTo(once);
    });
    qt().withExamples(500).forAll(services()).checkAssert(m -> {
      Manifest once = ServerDefaults.apply(m);
      assertThat(ServerDefaults.apply(once)).as(m.root().toJson()).isEqualTo(once);
    });
  }

  @Test
  void applyNeverOverwritesUserValues() {
    qt().withExamples(500).forAll(workloads()).checkAssert(m ->
        assertContains(ServerDefaults.apply(m).root(), m.root(), ""));
    qt().withExamples(500).forAll(services()).checkAssert(m ->
        assertContains(ServerDefaults.apply(m).root(), m.root(), ""));
  }

  @Test
  void fullySpecifiedObjectsAreReturnedAsIs() {
    Manifest full = yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 2
          revisionHistoryLimit: 3
          progressDeadlineSeconds: 120
          selector: {matchLabels: {app: web}}
          strategy: {type: Recreate}
          template:
            metadata: {labels: {app: web}}
            spec:
              restartPolicy: OnFailure
              terminationGracePeriodSeconds: 5
              dnsPolicy: Default
              schedulerName: custom
              securityContext: {runAsNonRoot: true}
              containers:
              - name: c
                image: nginx
                imagePullPolicy: Never
                terminationMessagePath: /tmp/log
                terminationMessagePolicy: FallbackToLogsOnError
                ports: [{containerPort: 80, protocol: SCTP}]
                resources: {limits: {cpu: 250m}}
        """);
    assertThat(ServerDefaults.apply(full)).isSameAs(full);
  }

  /**
   * Every field of {@code input} is in {@code output} with the same value; quantities may be
   * rewritten to an equal value (canonical form, rounded up to milli).
   */
  private static void assertContains(JsonValue output, JsonValue input, String path) {
    if (input instanceof JsonObject in) {
      assertThat(output).as(path).isInstanceOf(JsonObject.class);
      JsonObject out = (JsonObject) output;
      for (int i = 0; i < in.size(); i++) {
        String key = in.keyAt(i);
        assertThat(out.has(key)).as(path + "/" + key).isTrue();
        assertContains(out.getOrNull(key), in.valueAt(i), path + "/" + key);
      }
    } else if (input instanceof JsonArray in) {
      assertThat(output).as(path).isInstanceOf(JsonArray.class);
      JsonArray out = (JsonArray) output;
      assertThat(out.size()).as(path).isEqualTo(in.size());
      for (int i = 0; i < in.size(); i++) {
        assertContains(out.get(i), in.get(i), path + "/" + i);
      }
    } else if (!input.equals(output)) {
      Quantity a = PodSpecDefaults.quantity(input);
      Quantity b = PodSpecDefaults.quantity(output);
      assertThat(a).as(path + ": " + input + " -> " + output).isNotNull();
      assertThat(b).as(path).isEqualTo(a.roundUp(Quantity.MILLI));
      assertThat(path).as("only resource lists are rewritten").contains("/resources/");
    }
  }
}
