package io.gitopskit.core.health;

import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.Manifest;
import java.util.List;

/** Small live objects for the health tests. */
final class LiveObjects {

  private LiveObjects() {}

  static Manifest yaml(String text) {
    List<Manifest> all = ManifestLoader.defaults().loadYaml(text, "test.yaml").asList();
    if (all.size() != 1) {
      throw new IllegalArgumentException("expected one object, got " + all.size());
    }
    return all.get(0);
  }

  static Manifest healthyDeployment(String name) {
    return yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: %s, namespace: shop, generation: 1}
        spec: {replicas: 1}
        status: {observedGeneration: 1, replicas: 1, updatedReplicas: 1, availableReplicas: 1}
        """.formatted(name));
  }

  static Manifest pod(String name, String phase) {
    return yaml("""
        apiVersion: v1
        kind: Pod
        metadata: {name: %s, namespace: shop}
        spec:
          restartPolicy: Always
          containers: [{name: app, image: "shop/web:1"}]
        status: {phase: %s}
        """.formatted(name, phase));
  }

  static Manifest configMap(String name) {
    return yaml("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: %s, namespace: shop}
        """.formatted(name));
  }

  static Manifest custom(String apiVersion, String kind, String name) {
    return yaml("""
        apiVersion: %s
        kind: %s
        metadata: {name: %s, namespace: shop}
        """.formatted(apiVersion, kind, name));
  }
}
