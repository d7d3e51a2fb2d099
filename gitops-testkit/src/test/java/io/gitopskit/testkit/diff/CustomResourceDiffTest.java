package io.gitopskit.testkit.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.cluster.ApplyOptions;
import io.gitopskit.core.cluster.WriteOptions;
import io.gitopskit.core.diff.DiffMethod;
import io.gitopskit.core.diff.DiffOptions;
import io.gitopskit.core.diff.DiffResult;
import io.gitopskit.core.diff.Differ;
import io.gitopskit.core.diff.FieldChange;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.schema.KubernetesSchema;
import io.gitopskit.testkit.SimulatedCluster;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Custom resources through the simulated cluster: client-side applied ones take the JSON merge
 * path, server-side applied ones the field-ownership path with the CRD's schema; either way what
 * the cluster stores is in sync, and an edit of a field Git sets is drift.
 */
class CustomResourceDiffTest {

  private static final String CRD = """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: widgets.example.com}
      spec:
        group: example.com
        scope: Namespaced
        names: {plural: widgets, singular: widget, kind: Widget}
        versions:
        - name: v1
          served: true
          storage: true
          subresources: {status: {}}
          schema:
            openAPIV3Schema:
              type: object
              properties:
                spec:
                  type: object
                  properties:
                    size: {type: integer}
                    ports:
                      type: array
                      x-kubernetes-list-type: map
                      x-kubernetes-list-map-keys: [name]
                      items:
                        type: object
                        required: [name]
                        properties:
                          name: {type: string}
                          port: {type: integer}
                status:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
      """;

  private static final String WIDGET = """
      apiVersion: example.com/v1
      kind: Widget
      metadata:
        name: w
        namespace: default
        annotations: {}
        creationTimestamp: null
      spec:
        size: 3
        ports: [{name: http, port: 80}]
      status: {ready: false}
      """;

  private static Manifest yaml(String text) {
    List<JsonValue> docs = ManifestLoader.defaults().readDocuments(text, "inline.yaml");
    return Manifest.of((JsonObject) docs.get(0));
  }

  @Test
  void customResources_areInSync_andEditsAreDrift() {
    Manifest crd = yaml(CRD);
    SimulatedCluster cluster = SimulatedCluster.create();
    cluster.create(crd, WriteOptions.defaults());
    KubernetesSchema schema = KubernetesSchema.builtIn().withCustomResourceDefinition(crd);
    Differ differ = Differ.create(DiffOptions.defaults().withSchema(schema));
    Manifest widget = yaml(WIDGET);

    cluster.applyClientSide(widget, WriteOptions.defaults());
    Manifest live = cluster.get(widget.gvk(), "default", "w").orElseThrow();
    DiffResult r = differ.diff(widget, live);
    assertThat(r.method()).isEqualTo(DiffMethod.THREE_WAY);
    assertThat(r.changes()).isEmpty();

    Manifest bigger = widget.with("/spec/size", JsonNumber.of(5));
    assertThat(differ.diff(bigger, live).changes()).extracting(FieldChange::path)
        .containsExactly("/spec/size");

    Manifest ssa = widget.withAnnotation("argocd.argoproj.io/sync-options",
        "ServerSideApply=true");
    cluster.applyServerSide(ssa, ApplyOptions.defaults().withForce(true));
    live = cluster.get(widget.gvk(), "default", "w").orElseThrow();
    r = differ.diff(ssa, live);
    assertThat(r.method()).isEqualTo(DiffMethod.FIELD_OWNERSHIP);
    assertThat(r.changes()).isEmpty();
    assertThat(Differ.create(DiffOptions.defaults().withSchema(schema).withServerSide(cluster))
        .diff(ssa, live).changes()).isEmpty();

    cluster.edit(widget.gvk(), "default", "w",
        root -> Manifest.of(root).with("/spec/size", JsonNumber.of(1)).root());
    live = cluster.get(widget.gvk(), "default", "w").orElseThrow();
    assertThat(differ.diff(ssa, live).changes()).extracting(FieldChange::path)
        .containsExactly("/spec/size");
  }
}
