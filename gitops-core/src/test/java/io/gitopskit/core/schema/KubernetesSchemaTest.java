package io.gitopskit.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.cluster.ApiResource;
import io.gitopskit.core.model.GroupVersionKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class KubernetesSchemaTest {

  static final GroupVersionKind DEPLOYMENT = new GroupVersionKind("apps", "v1", "Deployment");
  static final GroupVersionKind SERVICE = new GroupVersionKind("", "v1", "Service");
  static final GroupVersionKind NAMESPACE = new GroupVersionKind("", "v1", "Namespace");
  static final GroupVersionKind CLUSTER_ROLE =
      new GroupVersionKind("rbac.authorization.k8s.io", "v1", "ClusterRole");
  static final GroupVersionKind CONFIG_MAP = new GroupVersionKind("", "v1", "ConfigMap");

  private final KubernetesSchema schema = KubernetesSchema.builtIn();

  private Shape at(GroupVersionKind gvk, String dottedPath) {
    return schema.shapeAt(gvk, List.of(dottedPath.split("\\."))).orElseThrow(
        () -> new AssertionError("no shape at " + gvk + " " + dottedPath));
  }

  @Test
  void containers_areAMapListKeyedByName_withMergePatchKey() {
    ArrayShape containers = (ArrayShape) at(DEPLOYMENT, "spec.template.spec.containers");
    assertThat(containers.listType()).isEqualTo(ListType.MAP);
    assertThat(containers.listMapKeys()).containsExactly("name");
    assertThat(containers.patchMergeKey()).contains("name");
    assertThat(containers.patchStrategy()).contains("merge");
    assertThat(containers.patchMerges()).isTrue();
    assertThat(containers.items().definition()).contains("io.k8s.api.core.v1.Container");
  }

  @Test
  void containerPorts_areKeyedByPortAndProtocol_whilePatchKeysOnPortOnly() {
    ArrayShape ports = (ArrayShape) at(DEPLOYMENT, "spec.template.spec.containers.ports");
    assertThat(ports.listType()).isEqualTo(ListType.MAP);
    assertThat(ports.listMapKeys()).containsExactly("containerPort", "protocol");
    assertThat(ports.patchMergeKey()).contains("containerPort");
  }

  @Test
  void servicePorts_andEnv_andVolumes() {
    ArrayShape servicePorts = (ArrayShape) at(SERVICE, "spec.ports");
    assertThat(servicePorts.listType()).isEqualTo(ListType.MAP);
    assertThat(servicePorts.listMapKeys()).containsExactly("port", "protocol");
    assertThat(servicePorts.patchMergeKey()).contains("port");

    ArrayShape env = (ArrayShape) at(DEPLOYMENT, "spec.template.spec.containers.env");
    assertThat(env.listType()).isEqualTo(ListType.MAP);
    assertThat(env.listMapKeys()).containsExactly("name");
    assertThat(env.patchMergeKey()).contains("name");
    assertThat(env.patchStrategy()).contains("merge");

    ArrayShape volumes = (ArrayShape) at(DEPLOYMENT, "spec.template.spec.volumes");
    assertThat(volumes.patchStrategy()).contains("merge,retainKeys");
    assertThat(volumes.patchMerges()).isTrue();

    ArrayShape tolerations = (ArrayShape) at(DEPLOYMENT, "spec.template.spec.tolerations");
    assertThat(tolerations.listType()).isEqualTo(ListType.ATOMIC);
    assertThat(tolerations.patchStrategy()).isEmpty();

    ArrayShape finalizers = (ArrayShape) at(DEPLOYMENT, "metadata.finalizers");
    assertThat(finalizers.listType()).isEqualTo(ListType.SET);
    assertThat(finalizers.items()).isInstanceOf(ScalarShape.class);
  }

  @Test
  void deploymentSpec_requiresSelectorAndTemplate() {
    ObjectShape spec = (ObjectShape) at(DEPLOYMENT, "spec");
    assertThat(spec.definition()).contains("io.k8s.api.apps.v1.DeploymentSpec");
    assertThat(spec.required()).containsExactlyInAnyOrder("selector", "template");
    assertThat(spec.isRequired("replicas")).isFalse();
    assertThat(spec.fieldNames()).contains("replicas", "selector", "strategy", "template");
    assertThat(spec.fields().get("replicas")).isInstanceOfSatisfying(ScalarShape.class,
        s -> {
          assertThat(s.type()).isEqualTo(ScalarShape.Type.INTEGER);
          assertThat(s.format()).contains("int32");
        });
  }

  @Test
  void fieldOverrides_applyToTheReferringFieldOnly() {
    ObjectShape strategy = (ObjectShape) at(DEPLOYMENT, "spec.strategy");
    assertThat(strategy.patchStrategy()).contains("retainKeys");
    ObjectShape selector = (ObjectShape) at(DEPLOYMENT, "spec.selector");
    assertThat(selector.mapType()).isEqualTo(MapType.ATOMIC);
    assertThat(selector.patchStrategy()).isEmpty();
    ObjectShape labelSelector = (ObjectShape) schema
        .definition("io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector").orElseThrow();
    assertThat(labelSelector.patchStrategy()).isEmpty();
  }

  @Test
  void targetPort_isIntOrString() {
    ScalarShape targetPort = (ScalarShape) at(SERVICE, "spec.ports.targetPort");
    assertThat(targetPort.isIntOrString()).isTrue();
    assertThat(targetPort.format()).contains(ScalarShape.INT_OR_STRING);
    assertThat(targetPort.isQuantity()).isFalse();
  }

  @Test
  void resourceLimits_areMapsOfQuantities() {
    ObjectShape limits =
        (ObjectShape) at(DEPLOYMENT, "spec.template.spec.containers.resources.limits");
    assertThat(limits.isMap()).isTrue();
    ScalarShape value = (ScalarShape) limits.additionalProperties().orElseThrow();
    assertThat(value.isQuantity()).isTrue();
    assertThat(value.type()).isEqualTo(ScalarShape.Type.STRING);
    assertThat(at(DEPLOYMENT, "spec.template.spec.containers.resources.limits.cpu"))
        .isEqualTo(value);
  }

  @Test
  void labels_areGranularMapsOfStrings_andNodeSelectorIsAtomic() {
    ObjectShape labels = (ObjectShape) at(DEPLOYMENT, "metadata.labels");
    assertThat(labels.isMap()).isTrue();
    assertThat(labels.mapType()).isEqualTo(MapType.GRANULAR);
    assertThat(labels.additionalProperties()).get().isInstanceOfSatisfying(ScalarShape.class,
        s -> assertThat(s.type()).isEqualTo(ScalarShape.Type.STRING));
    ObjectShape nodeSelector = (ObjectShape) at(DEPLOYMENT, "spec.template.spec.nodeSelector");
    assertThat(nodeSelector.isMap()).isTrue();
    assertThat(nodeSelector.mapType()).isEqualTo(MapType.ATOMIC);
    ObjectShape serviceSelector = (ObjectShape) at(SERVICE, "spec.selector");
    assertThat(serviceSelector.mapType()).isEqualTo(MapType.ATOMIC);
  }

  @Test
  void timesAndRawContent() {
    ScalarShape created = (ScalarShape) at(DEPLOYMENT, "metadata.creationTimestamp");
    assertThat(created.isDateTime()).isTrue();
    Shape fieldsV1 = at(DEPLOYMENT, "metadata.managedFields.fieldsV1");
    assertThat(fieldsV1).isInstanceOf(AnyShape.class);
    assertThat(fieldsV1.field("f:spec")).contains(AnyShape.UNKNOWN);
    GroupVersionKind revision = new GroupVersionKind("apps", "v1", "ControllerRevision");
    assertThat(at(revision, "data")).isInstanceOf(AnyShape.class);
    assertThat(at(revision, "data.spec.anything")).isEqualTo(AnyShape.UNKNOWN);
  }

  @Test
  void unknownFieldsAndKinds_areEmpty() {
    assertThat(schema.shapeAt(DEPLOYMENT, List.of("spec", "nope"))).isEmpty();
    assertThat(schema.shapeOf(new GroupVersionKind("example.com", "v1", "Widget"))).isEmpty();
    assertThat(schema.shapeAt(DEPLOYMENT, List.of())).get()
        .isInstanceOfSatisfying(ObjectShape.class,
            o -> assertThat(o.definition()).contains("io.k8s.api.apps.v1.Deployment"));
  }

  @Test
  void recursiveDefinitions_resolveLazily() {
    GroupVersionKind crd = new GroupVersionKind("apiextensions.k8s.io", "v1",
        "CustomResourceDefinition");
    Shape props = at(crd, "spec.versions.schema.openAPIV3Schema.properties");
    ObjectShape schemaProps = (ObjectShape) ((ObjectShape) props).additionalProperties()
        .orElseThrow();
    assertThat(schemaProps.definition())
        .contains("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps");
    Shape deep = at(crd, "spec.versions.schema.openAPIV3Schema.properties.x.properties.y.items");
    assertThat(deep).isInstanceOf(AnyShape.class); // JSONSchemaPropsOrArray
    Shape again = at(crd, "spec.versions.schema.openAPIV3Schema.properties.x.properties.y");
    assertThat(again).isSameAs(schemaProps);
  }

  @Test
  void discovery_deployment() {
    ApiResource deployments = schema.resource(DEPLOYMENT).orElseThrow();
    assertThat(deployments.plural()).isEqualTo("deployments");
    assertThat(deployments.namespaced()).isTrue();
    assertThat(deployments.verbs()).contains("watch", "patch", "list", "create", "update",
        "delete", "deletecollection", "get");
    assertThat(deployments.qualifiedPlural()).isEqualTo("deployments.apps");
    assertThat(schema.hasStatusSubresource(DEPLOYMENT)).isTrue();
    assertThat(schema.subresources(DEPLOYMENT)).contains("scale", "status");
    assertThat(schema.resourceForPlural("apps", "v1", "deployments")).contains(deployments);
  }

  @Test
  void discovery_scopesAndVerbs() {
    ApiResource namespaces = schema.resource(NAMESPACE).orElseThrow();
    assertThat(namespaces.namespaced()).isFalse();
    assertThat(namespaces.plural()).isEqualTo("namespaces");
    assertThat(schema.hasStatusSubresource(NAMESPACE)).isTrue();
    assertThat(schema.resource(CLUSTER_ROLE).orElseThrow().namespaced()).isFalse();
    assertThat(schema.resource(CLUSTER_ROLE).orElseThrow().plural()).isEqualTo("clusterroles");
    assertThat(schema.hasStatusSubresource(CLUSTER_ROLE)).isFalse();
    assertThat(schema.resource(CONFIG_MAP).orElseThrow().namespaced()).isTrue();
    assertThat(schema.hasStatusSubresource(CONFIG_MAP)).isFalse();
    ApiResource tokenReviews = schema.resource(
        new GroupVersionKind("authentication.k8s.io", "v1", "TokenReview")).orElseThrow();
    assertThat(tokenReviews.verbs()).containsExactly("create");
    // kinds that are only subresources or options are not resources, but have shapes
    GroupVersionKind scale = new GroupVersionKind("autoscaling", "v1", "Scale");
    assertThat(schema.resource(scale)).isEmpty();
    assertThat(schema.shapeOf(scale)).isPresent();
  }

  @Test
  void discovery_listIsLargeSortedAndConsistent() {
    List<ApiResource> resources = schema.resources();
    assertThat(resources).hasSizeGreaterThan(50);
    assertThat(resources).isSortedAccordingTo((a, b) -> {
      int c = a.gvk().group().compareTo(b.gvk().group());
      c = c != 0 ? c : a.gvk().version().compareTo(b.gvk().version());
      return c != 0 ? c : a.gvk().kind().compareTo(b.gvk().kind());
    });
    for (ApiResource r : resources) {
      assertThat(schema.shapeOf(r.gvk())).as("shape of %s", r.gvk()).isPresent();
      assertThat(r.verbs()).as("verbs of %s", r.gvk()).isNotEmpty();
    }
    assertThat(schema.kubernetesVersion()).isEqualTo("1.35.0");
  }

  @Test
  void everyBuiltInKind_resolvesCompletely() {
    // walks every field of every served kind (stopping at repeated definitions)
    java.util.Set<Object> seen = java.util.Collections.newSetFromMap(
        new java.util.IdentityHashMap<>());
    for (ApiResource r : schema.resources()) {
      walk(schema.shapeOf(r.gvk()).orElseThrow(), seen);
    }
    assertThat(seen).hasSizeGreaterThan(500);
  }

  private static void walk(Shape shape, java.util.Set<Object> seen) {
    if (!seen.add(shape)) {
      return;
    }
    if (shape instanceof ObjectShape o) {
      o.fields().values().forEach(f -> walk(f, seen));
      o.additionalProperties().ifPresent(a -> walk(a, seen));
    } else if (shape instanceof ArrayShape a) {
      walk(a.items(), seen);
      if (a.listType() == ListType.MAP) {
        ObjectShape item = (ObjectShape) a.items();
        for (String key : a.listMapKeys()) {
          assertThat(item.hasField(key)).as("list map key %s of %s", key, a).isTrue();
        }
      }
    }
  }

  @Test
  void builtIn_isLoadedOnce_andShapesAreShared() throws Exception {
    assertThat(KubernetesSchema.builtIn()).isSameAs(schema);
    assertThat(schema.shapeOf(DEPLOYMENT).orElseThrow())
        .isSameAs(KubernetesSchema.builtIn().shapeOf(DEPLOYMENT).orElseThrow());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Shape>> tasks = new ArrayList<>();
      GroupVersionKind job = new GroupVersionKind("batch", "v1", "Job");
      for (int i = 0; i < 16; i++) {
        tasks.add(() -> schema.shapeAt(job, List.of("spec", "template", "spec", "containers",
            "volumeMounts")).orElseThrow());
      }
      List<Future<Shape>> results = pool.invokeAll(tasks);
      Shape first = results.get(0).get();
      for (Future<Shape> f : results) {
        assertThat(f.get()).isSameAs(first);
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void lookups_areCheap() {
    List<String> path = List.of("spec", "template", "spec", "containers", "ports");
    schema.shapeAt(DEPLOYMENT, path).orElseThrow();
    long start = System.nanoTime();
    int found = 0;
    for (int i = 0; i < 200_000; i++) {
      if (schema.shapeAt(DEPLOYMENT, path).isPresent()) {
        found++;
      }
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(found).isEqualTo(200_000);
    // generous bound: a regression to re-parsing or per-call building would be far slower
    assertThat(millis).isLessThan(2_000);
  }
}
