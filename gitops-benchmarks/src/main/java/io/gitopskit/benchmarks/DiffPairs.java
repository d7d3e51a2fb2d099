package io.gitopskit.benchmarks;

import io.gitopskit.core.cluster.WriteOptions;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.testkit.SimulatedCluster;
import java.time.Duration;
import java.util.Locale;

/**
 * Realistic (desired, live) pairs, the live side produced by the simulated API server (server
 * defaults, status, managedFields, last-applied annotation via client-side apply).
 */
final class DiffPairs {

  /** One pair. */
  record Pair(String name, Manifest desired, Manifest live) {}

  private DiffPairs() {}

  static Manifest yaml(String text) {
    return ManifestLoader.defaults().loadYaml(text, "pair.yaml").asList().get(0);
  }

  static Pair deployment() {
    SimulatedCluster c = SimulatedCluster.create();
    Manifest desired = yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: default
          labels: {app.kubernetes.io/name: web, app.kubernetes.io/part-of: shop}
        spec:
          replicas: 3
          selector: {matchLabels: {app.kubernetes.io/name: web}}
          template:
            metadata: {labels: {app.kubernetes.io/name: web}}
            spec:
              containers:
              - name: web
                image: registry.example.com/shop/web:1.4.2
                args: ["--port=8080", "--log-level=info"]
                ports: [{name: http, containerPort: 8080}]
                env:
                - {name: JAVA_OPTS, value: "-Xmx512m"}
                - {name: REGION, value: eu-west-1}
                resources:
                  requests: {cpu: 100m, memory: 256Mi}
                  limits: {cpu: "1", memory: 512Mi}
                readinessProbe:
                  httpGet: {path: /ready, port: http}
        """);
    c.applyClientSide(desired, WriteOptions.defaults());
    c.clock().advance(Duration.ofSeconds(30));
    return new Pair("deployment", desired, c.get(desired.gvk(), "default", "web").orElseThrow());
  }

  static Pair configMap200() {
    SimulatedCluster c = SimulatedCluster.builder().controllers(false).build();
    StringBuilder b = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
        + "  name: settings\n  namespace: default\ndata:\n");
    for (int i = 0; i < 200; i++) {
      b.append(String.format(Locale.ROOT, "  key-%03d: value-%d-%s%n", i, i, "x".repeat(i % 20)));
    }
    Manifest desired = yaml(b.toString());
    c.applyClientSide(desired, WriteOptions.defaults());
    return new Pair("configmap-200", desired,
        c.get(desired.gvk(), "default", "settings").orElseThrow());
  }

  static Pair customResource() {
    SimulatedCluster c = SimulatedCluster.builder().controllers(false).build();
    c.create(yaml("""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: databases.example.io}
        spec:
          group: example.io
          scope: Namespaced
          names: {kind: Database, plural: databases}
          versions:
          - name: v1
            served: true
            storage: true
            subresources: {status: {}}
            schema:
              openAPIV3Schema:
                type: object
                x-kubernetes-preserve-unknown-fields: true
        """), WriteOptions.defaults());
    Manifest desired = yaml("""
        apiVersion: example.io/v1
        kind: Database
        metadata: {name: orders, namespace: default, labels: {team: shop}}
        spec:
          engine: postgres
          version: "16.4"
          storage: {size: 50Gi, class: fast}
          backups: {schedule: "0 3 * * *", retentionDays: 14}
          users:
          - {name: app, roles: [read, write]}
          - {name: report, roles: [read]}
        """);
    c.applyClientSide(desired, WriteOptions.defaults());
    return new Pair("custom-resource", desired,
        c.get(desired.gvk(), "default", "orders").orElseThrow());
  }
}
