package io.gitopskit.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.Manifest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Whatever the shape of the status (fields of every JSON type, at the paths the rules read),
 * assessing never throws, typed kinds always get a health, and the result is deterministic.
 */
class HealthPropertiesTest {

  private static final List<String[]> KINDS = List.of(
      new String[] {"apps/v1", "Deployment"}, new String[] {"apps/v1", "StatefulSet"},
      new String[] {"apps/v1", "DaemonSet"}, new String[] {"apps/v1", "ReplicaSet"},
      new String[] {"v1", "Pod"}, new String[] {"batch/v1", "Job"},
      new String[] {"v1", "PersistentVolumeClaim"}, new String[] {"v1", "Service"},
      new String[] {"networking.k8s.io/v1", "Ingress"},
      new String[] {"autoscaling/v1", "HorizontalPodAutoscaler"},
      new String[] {"autoscaling/v2", "HorizontalPodAutoscaler"},
      new String[] {"apiregistration.k8s.io/v1", "APIService"},
      new String[] {"argoproj.io/v1alpha1", "Workflow"}, new String[] {"example.com/v1", "Widget"});

  private static final List<String> KEYS = List.of("replicas", "paused", "updatedReplicas",
      "availableReplicas", "readyReplicas", "currentReplicas", "observedGeneration",
      "conditions", "type", "status", "reason", "message", "updateStrategy", "rollingUpdate",
      "partition", "updateRevision", "currentRevision", "desiredNumberScheduled",
      "updatedNumberScheduled", "numberAvailable", "restartPolicy", "phase",
      "containerStatuses", "initContainerStatuses", "state", "lastState", "waiting",
      "terminated", "exitCode", "name", "loadBalancer", "ingress");

  private static final List<String> WORDS = List.of("True", "False", "Unknown", "Ready",
      "Stalled", "Reconciling", "Progressing", "ProgressDeadlineExceeded", "ReplicaFailure",
      "Available", "Failed", "Complete", "Suspended", "AbleToScale", "ScalingActive",
      "ScalingLimited", "FailedGetScale", "InvalidSelector", "RollingUpdate", "OnDelete",
      "Always", "Never", "OnFailure", "Pending", "Running", "Succeeded", "Error", "Bound",
      "Lost", "LoadBalancer", "ErrImagePull", "CrashLoopBackOff", "OOMKilled", "", "[]",
      "[{\"type\":\"AbleToScale\",\"status\":\"True\"}]", "{", "null");

  @Test
  void assess_neverThrows_typedKindsAlwaysHaveHealth_andIsDeterministic() {
    qt().withExamples(3000).forAll(manifests()).checkAssert(m -> {
      Optional<HealthStatus> first = HealthChecks.builtIn().assess(m);
      assertThat(HealthChecks.builtIn().assess(m)).isEqualTo(first);
      if (!m.kind().equals("Widget")) {
        assertThat(first).as(m.root().toJson()).isPresent();
      }
    });
  }

  private static Gen<Manifest> manifests() {
    return in -> {
      String[] kind = KINDS.get(pick(in, KINDS.size()));
      JsonObject.Builder metadata = JsonObject.builder().put("name", "x")
          .put("generation", value(in, 0));
      if (pick(in, 2) == 0) {
        metadata.put("annotations", JsonObject.of(HpaHealth.CONDITIONS_ANNOTATION,
            JsonString.of(WORDS.get(pick(in, WORDS.size())))));
      }
      return Manifest.of(JsonObject.builder().put("apiVersion", kind[0]).put("kind", kind[1])
          .put("metadata", metadata.build()).put("spec", object(in, 3))
          .put("status", pick(in, 8) == 0 ? value(in, 1) : object(in, 3)).build());
    };
  }

  private static JsonObject object(RandomnessSource in, int depth) {
    JsonObject.Builder b = JsonObject.builder();
    int n = pick(in, 6);
    for (int i = 0; i < n; i++) {
      String key = KEYS.get(pick(in, KEYS.size()));
      if (!b.has(key)) {
        b.put(key, value(in, depth - 1));
      }
    }
    return b.build();
  }

  private static JsonValue value(RandomnessSource in, int depth) {
    switch (pick(in, depth > 0 ? 9 : 6)) {
      case 0:
      case 1:
        return JsonString.of(WORDS.get(pick(in, WORDS.size())));
      case 2:
        return JsonNumber.of(in.next(Constraint.between(-3, 5)));
      case 3:
        return JsonNumber.of(BigDecimal.valueOf(in.next(Constraint.between(-30, 50)), 1));
      case 4:
        return JsonBoolean.of(pick(in, 2) == 0);
      case 5:
        return JsonNull.INSTANCE;
      case 6:
      case 7:
        return object(in, depth);
      default:
        JsonArray.Builder a = JsonArray.builder();
        int n = pick(in, 4);
        for (int i = 0; i < n; i++) {
          a.add(pick(in, 4) == 0 ? value(in, depth - 1) : object(in, depth - 1));
        }
        return a.build();
    }
  }

  private static int pick(RandomnessSource in, int bound) {
    return (int) in.next(Constraint.between(0, bound - 1));
  }
}
