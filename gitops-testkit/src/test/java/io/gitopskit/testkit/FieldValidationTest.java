package io.gitopskit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.cluster.ApplyOptions;
import io.gitopskit.core.cluster.ClusterException;
import io.gitopskit.core.cluster.FieldValidation;
import io.gitopskit.core.cluster.WriteOptions;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.schema.KubernetesSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code fieldValidation}: Strict names unknown fields; Warn (the default) and Ignore accept. */
class FieldValidationTest {

  private static final GroupVersionKind CM = new GroupVersionKind("", "v1", "ConfigMap");
  private static final WriteOptions STRICT =
      WriteOptions.defaults().withFieldValidation(FieldValidation.STRICT);

  private static Manifest yaml(String text) {
    return ManifestLoader.defaults().loadYaml(text, "test.yaml").asList().get(0);
  }

  private static Manifest odd() {
    return yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: default, labels: {any-key: ok}}
        spec:
          selector: {matchLabels: {app: web}}
          replicaz: 3
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - {name: c, image: nginx, imagePullPolicy: Always, colour: blue}
        """);
  }

  @Test
  void unknownFieldsAreFoundWithTheirPathsAndMapKeysAreNot() {
    assertThat(SchemaValidation.unknownFields(KubernetesSchema.builtIn(), odd()))
        .containsExactly("spec.replicaz", "spec.template.spec.containers[0].colour");
  }

  @Test
  void noFalseUnknownFieldsInArgoCdsInstallBundle() throws IOException {
    Path file = corpus("argo-cd/install.yaml");
    List<Manifest> objects = ManifestLoader.defaults().loadYaml(Files.readString(file),
        file.toString()).asList();
    assertThat(objects).hasSizeGreaterThan(50);
    List<String> unknown = new ArrayList<>();
    for (Manifest m : objects) {
      for (String f : SchemaValidation.unknownFields(KubernetesSchema.builtIn(), m)) {
        unknown.add(m.key() + " " + f);
      }
    }
    assertThat(unknown).isEmpty();
  }

  @Test
  void strictWritesFailWithTheServersTextsAndStoreNothing() {
    SimulatedCluster cluster = SimulatedCluster.create();
    Manifest cm = yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: default}"
        + "\ndata: {k: v}\nbogus: 1\n");

    assertThatThrownBy(() -> cluster.create(cm, STRICT))
        .isInstanceOfSatisfying(ClusterException.Invalid.class, e -> {
          assertThat(e.getMessage()).isEqualTo("ConfigMap in version \"v1\" cannot be handled"
              + " as a ConfigMap: strict decoding error: unknown field \"bogus\"");
          assertThat(e.causes()).singleElement().satisfies(c ->
              assertThat(c.field()).isEqualTo("bogus"));
        });
    assertThatThrownBy(() -> cluster.applyClientSide(cm, STRICT))
        .isInstanceOf(ClusterException.Invalid.class);
    assertThatThrownBy(() -> cluster.applyServerSide(cm, ApplyOptions.defaults()
        .withFieldValidation(FieldValidation.STRICT)))
        .hasMessage("failed to create typed patch object (default/c; /v1, Kind=ConfigMap): "
            + ".bogus: field not declared in schema");
    // several: structured-merge-diff's list of errors
    assertThatThrownBy(() -> cluster.applyServerSide(cm.with("/other", JsonString.of("x")),
        ApplyOptions.defaults().withFieldValidation(FieldValidation.STRICT)))
        .hasMessage("failed to create typed patch object (default/c; /v1, Kind=ConfigMap): "
            + "errors:\n  .bogus: field not declared in schema\n  .other: field not declared in"
            + " schema");
    assertThat(cluster.get(CM, "default", "c")).isEmpty();

    Manifest stored = cluster.create(cm.without("/bogus"), STRICT);
    assertThatThrownBy(() -> cluster.update(stored.with("/bogus", JsonString.of("x")), STRICT))
        .isInstanceOf(ClusterException.Invalid.class);
    assertThatThrownBy(() -> cluster.patch(CM, "default", "c",
        io.gitopskit.core.cluster.PatchType.JSON_MERGE, JsonObject.of("bogus", JsonString.of("x")),
        STRICT)).isInstanceOf(ClusterException.Invalid.class);
  }

  @Test
  void warnByDefaultAndIgnoreAcceptUnknownFields() {
    SimulatedCluster cluster = SimulatedCluster.create();
    assertThat(WriteOptions.defaults().fieldValidation()).isEqualTo(FieldValidation.WARN);
    assertThat(new ApplyOptions("m", false, false).fieldValidation())
        .isEqualTo(FieldValidation.WARN);
    cluster.create(odd().withName("created"), WriteOptions.defaults().withFieldValidation(
        FieldValidation.IGNORE));
    cluster.applyClientSide(odd().withName("other"), WriteOptions.defaults());
    assertThat(cluster.get(new GroupVersionKind("apps", "v1", "Deployment"), "default", "other"))
        .isPresent();
  }

  @Test
  void aStrictPatchIsNotBlamedForAnUnknownFieldTheLiveObjectAlreadyHas() {
    SimulatedCluster cluster = SimulatedCluster.create();
    cluster.create(yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: "
        + "default}\nbogus: 1\n"), WriteOptions.defaults());

    Manifest patched = cluster.patch(CM, "default", "c",
        io.gitopskit.core.cluster.PatchType.JSON_MERGE,
        JsonObject.of("data", JsonObject.of("k", JsonString.of("v"))), STRICT);

    assertThat(patched.at("/data/k")).contains(JsonString.of("v"));
    assertThatThrownBy(() -> cluster.patch(CM, "default", "c",
        io.gitopskit.core.cluster.PatchType.JSON_MERGE,
        JsonObject.of("other", JsonString.of("x")), STRICT))
        .hasMessageEndingWith("strict decoding error: unknown field \"other\"");
  }

  @Test
  void serverSideApplyRefusesUnknownFieldsWhateverTheFieldValidation() {
    // the apply patch is converted to a typed object, which fails on an undeclared field
    SimulatedCluster cluster = SimulatedCluster.create();
    for (FieldValidation v : FieldValidation.values()) {
      assertThatThrownBy(() -> cluster.applyServerSide(odd(), ApplyOptions.defaults()
          .withFieldValidation(v)))
          .hasMessageContaining(".spec.replicaz: field not declared in schema");
    }
    assertThat(cluster.get(new GroupVersionKind("apps", "v1", "Deployment"), "default", "web"))
        .isEmpty();
  }

  @Test
  void serverSideApplyOfACustomResourceFollowsTheFieldValidation() {
    // a custom resource's apply is pruned by its structural schema on a real server
    // (kubernetes#111074), not refused; the simulated one keeps the field under Warn/Ignore
    SimulatedCluster cluster = SimulatedCluster.create();
    cluster.create(yaml("""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: gadgets.example.io}
        spec:
          group: example.io
          scope: Namespaced
          names: {kind: Gadget, plural: gadgets}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec: {type: object, properties: {size: {type: integer}}}
        """), WriteOptions.defaults());
    Manifest gadget = yaml("apiVersion: example.io/v1\nkind: Gadget\nmetadata: {name: g,"
        + " namespace: default}\nspec: {size: 3, colour: blue}\n");

    assertThatThrownBy(() -> cluster.applyServerSide(gadget, ApplyOptions.defaults()
        .withFieldValidation(FieldValidation.STRICT)))
        .hasMessageContaining(".spec.colour: field not declared in schema");
    Manifest applied = cluster.applyServerSide(gadget, ApplyOptions.defaults()
        .withFieldValidation(FieldValidation.IGNORE));
    assertThat(applied.at("/spec/size")).isPresent();
  }

  private static Path corpus(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("../shared/corpus").resolve(relative).normalize();
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("corpus file not found beside the checkout: " + relative);
  }
}
