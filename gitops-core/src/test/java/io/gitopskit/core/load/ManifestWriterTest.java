package io.gitopskit.core.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.model.ManifestSet;
import org.junit.jupiter.api.Test;

class ManifestWriterTest {

  @Test
  void yaml_isKubectlStyle_sortedAndQuotedWhereNeeded() {
    ManifestSet set = ManifestLoader.defaults().loadYaml("""
        kind: Deployment
        apiVersion: apps/v1
        metadata:
          name: web
          labels: {version: "1.0", enabled: "yes", app: web}
        spec:
          replicas: 2
          template:
            spec:
              containers:
              - name: web
                image: nginx:1.27
                args: ["--port", "8080"]
                env: []
          script: |
            echo hi
            exit 0
        """, "in.yaml");
    assertThat(ManifestWriter.toYaml(set)).isEqualTo("""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          labels:
            app: web
            enabled: "yes"
            version: "1.0"
          name: web
        spec:
          replicas: 2
          script: |
            echo hi
            exit 0
          template:
            spec:
              containers:
              - args:
                - "--port"
                - "8080"
                env: []
                image: "nginx:1.27"
                name: web
        """);
  }

  @Test
  void multipleDocuments_areSeparated() {
    ManifestSet set = ManifestLoader.defaults().loadYaml(
        "apiVersion: v1\nkind: A\nmetadata: {name: a}\n---\napiVersion: v1\nkind: B\n"
            + "metadata: {name: b}\n", "x.yaml");
    assertThat(ManifestWriter.toYaml(set)).isEqualTo(
        "apiVersion: v1\nkind: A\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: B\n"
            + "metadata:\n  name: b\n");
    assertThat(ManifestWriter.toYaml(ManifestSet.empty())).isEmpty();
  }
}
