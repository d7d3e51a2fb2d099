package io.gitopskit.benchmarks;

import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Realistic live objects with status, for the health benchmarks. Deterministic (seeded). */
final class HealthObjects {

  private HealthObjects() {}

  static Manifest deployment(int i, Random r) {
    int replicas = 1 + r.nextInt(5);
    int updated = r.nextInt(4) == 0 ? r.nextInt(replicas + 1) : replicas;
    int available = r.nextInt(5) == 0 ? r.nextInt(updated + 1) : updated;
    boolean deadline = r.nextInt(20) == 0;
    return yaml(String.format(Locale.ROOT, """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web-%d, namespace: ns-%d, generation: 3}
        spec:
          replicas: %d
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: app, image: "nginx:1.27"}]}
        status:
          observedGeneration: 3
          replicas: %d
          updatedReplicas: %d
          readyReplicas: %d
          availableReplicas: %d
          conditions:
          - {type: Available, status: "True", reason: MinimumReplicasAvailable}
          - {type: Progressing, status: "%s", reason: %s}
        """, i, i % 50, replicas, replicas, updated, available, available,
        deadline ? "False" : "True",
        deadline ? "ProgressDeadlineExceeded" : "NewReplicaSetAvailable"));
  }

  static Manifest pod(int i, Random r) {
    String state = switch (r.nextInt(4)) {
      case 0 -> "waiting: {reason: CrashLoopBackOff, message: back-off restarting}";
      case 1 -> "waiting: {reason: ContainerCreating}";
      default -> "running: {startedAt: \"2026-01-01T00:00:00Z\"}";
    };
    return yaml(String.format(Locale.ROOT, """
        apiVersion: v1
        kind: Pod
        metadata: {name: web-%d, namespace: ns-%d}
        spec:
          restartPolicy: Always
          containers: [{name: app, image: "nginx:1.27"}]
        status:
          phase: Running
          conditions:
          - {type: Ready, status: "%s"}
          containerStatuses:
          - name: app
            ready: true
            restartCount: %d
            state: {%s}
        """, i, i % 50, r.nextBoolean() ? "True" : "False", r.nextInt(3), state));
  }

  static Manifest other(int i, Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> yaml("apiVersion: v1\nkind: Service\nmetadata: {name: s-" + i
          + ", namespace: ns}\nspec: {type: LoadBalancer}\nstatus:\n  loadBalancer:\n"
          + "    ingress: [{ip: 192.0.2.1}]\n");
      case 1 -> yaml("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: c-" + i
          + ", namespace: ns}\nstatus: {phase: " + (r.nextBoolean() ? "Bound" : "Pending")
          + "}\n");
      case 2 -> yaml("apiVersion: batch/v1\nkind: Job\nmetadata: {name: j-" + i
          + ", namespace: ns}\nstatus:\n  conditions:\n  - {type: Complete, status: \"True\"}\n");
      case 3 -> yaml("apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db-" + i
          + ", namespace: ns, generation: 1}\nspec: {replicas: 3}\nstatus: {observedGeneration:"
          + " 1, replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3,"
          + " currentRevision: db-1, updateRevision: db-1}\n");
      default -> yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-" + i
          + ", namespace: ns}\ndata: {k: v}\n");
    };
  }

  /** A mixed set: 30% Deployments, 30% Pods, 40% other kinds. */
  static List<Manifest> mixed(int n) {
    Random r = new Random(7);
    List<Manifest> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int k = r.nextInt(10);
      out.add(k < 3 ? deployment(i, r) : k < 6 ? pod(i, r) : other(i, r));
    }
    return out;
  }

  static List<Manifest> deployments(int n) {
    Random r = new Random(11);
    List<Manifest> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(deployment(i, r));
    }
    return out;
  }

  private static Manifest yaml(String text) {
    return ManifestLoader.defaults().loadYaml(text, "bench.yaml").asList().get(0);
  }
}
