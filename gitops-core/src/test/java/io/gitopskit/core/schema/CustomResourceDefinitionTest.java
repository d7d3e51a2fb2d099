package io.gitopskit.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.cluster.ApiResource;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.model.Manifest;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomResourceDefinitionTest {

  static final String WIDGETS = """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata:
        name: widgets.example.com
      spec:
        group: example.com
        names:
          kind: Widget
          listKind: WidgetList
          plural: widgets
          singular: widget
        scope: Namespaced
        versions:
          - name: v1alpha1
            served: true
            storage: false
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    x-kubernetes-preserve-unknown-fields: true
          - name: v1
            served: true
            storage: true
            subresources:
              status: {}
              scale:
                specReplicasPath: .spec.replicas
                statusReplicasPath: .status.replicas
            schema:
              openAPIV3Schema:
                type: object
                required: [spec]
                properties:
                  spec:
                    type: object
                    required: [size]
                    properties:
                      size:
                        type: integer
                        format: int32
                      port:
                        x-kubernetes-int-or-string: true
                      selector:
                        type: object
                        additionalProperties:
                          type: string
                        x-kubernetes-map-type: atomic
                      tags:
                        type: array
                        items:
                          type: string
                        x-kubernetes-list-type: set
                      args:
                        type: array
                        items:
                          type: string
                      template:
                        type: object
                        x-kubernetes-preserve-unknown-fields: true
                      endpoints:
                        type: array
                        x-kubernetes-list-type: map
                        x-kubernetes-list-map-keys: [host, port]
                        items:
                          type: object
                          required: [host]
                          properties:
                            host:
                              type: string
                            port:
                              type: integer
                              default: 443
                            weight:
                              type: integer
                  status:
                    type: object
                    properties:
                      replicas:
                        type: integer
          - name: v0
            served: false
            storage: false
            schema:
              openAPIV3Schema:
                type: object
      """;

  static final String GADGETS = """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata:
        name: gadgets.example.com
      spec:
        group: example.com
        names: {kind: Gadget, plural: gadgets}
        scope: Cluster
        versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      replicas: {type: integer}
      """;

  static final GroupVersionKind WIDGET = new GroupVersionKind("example.com", "v1", "Widget");
  static final GroupVersionKind WIDGET_ALPHA =
      new GroupVersionKind("example.com", "v1alpha1", "Widget");

  static Manifest crd(String yaml) {
    return ManifestLoader.defaults().loadYaml(yaml, "crd.yaml").asList().get(0);
  }

  private final KubernetesSchema builtIn = KubernetesSchema.builtIn();

  @Test
  void crd_addsItsKindsPerServedVersion() {
    KubernetesSchema schema = builtIn.withCustomResourceDefinition(crd(WIDGETS));
    ApiResource widgets = schema.resource(WIDGET).orElseThrow();
    assertThat(widgets.plural()).isEqualTo("widgets");
    assertThat(widgets.namespaced()).isTrue();
    assertThat(widgets.verbs()).isEqualTo(ApiResource.ALL_VERBS);
    assertThat(schema.resource(WIDGET_ALPHA)).isPresent();
    assertThat(schema.resource(new GroupVersionKind("example.com", "v0", "Widget"))).isEmpty();
    assertThat(schema.resourceForPlural("example.com", "v1", "widgets")).contains(widgets);
    assertThat(schema.isCustom(WIDGET)).isTrue();
    assertThat(schema.resources()).hasSize(builtIn.resources().size() + 2);
    // the built-in schema is unchanged
    assertThat(builtIn.resource(WIDGET)).isEmpty();
    assertThat(builtIn.shapeOf(WIDGET)).isEmpty();
  }

  @Test
  void crd_subresourcesPerVersion() {
    KubernetesSchema schema = builtIn.withCustomResourceDefinition(crd(WIDGETS));
    assertThat(schema.hasStatusSubresource(WIDGET)).isTrue();
    assertThat(schema.subresources(WIDGET)).containsExactlyInAnyOrder("status", "scale");
    assertThat(schema.hasStatusSubresource(WIDGET_ALPHA)).isFalse();
  }

  @Test
  void crd_shapesHonourTheSchemaExtensions() {
    KubernetesSchema schema = builtIn.withCustomResourceDefinition(crd(WIDGETS));
    ObjectShape spec = (ObjectShape) schema.shapeAt(WIDGET, List.of("spec")).orElseThrow();
    assertThat(spec.required()).containsExactly("size");

    ArrayShape endpoints = (ArrayShape) spec.field("endpoints").orElseThrow();
    assertThat(endpoints.listType()).isEqualTo(ListType.MAP);
    assertThat(endpoints.listMapKeys()).containsExactly("host", "port");
    assertThat(endpoints.patchMergeKey()).isEmpty();

    assertThat(((ArrayShape) spec.field("tags").orElseThrow()).listType())
        .isEqualTo(ListType.SET);
    assertThat(((ArrayShape) spec.field("args").orElseThrow()).listType())
        .isEqualTo(ListType.ATOMIC);
    assertThat(((ObjectShape) spec.field("selector").orElseThrow()).mapType())
        .isEqualTo(MapType.ATOMIC);
    assertThat(((ScalarShape) spec.field("port").orElseThrow()).isIntOrString()).isTrue();

    ObjectShape template = (ObjectShape) spec.field("template").orElseThrow();
    assertThat(template.preserveUnknownFields()).isTrue();
    assertThat(schema.shapeAt(WIDGET, List.of("spec", "template", "anything", "deeper")))
        .contains(AnyShape.UNKNOWN);
    assertThat(schema.shapeAt(WIDGET, List.of("spec", "endpoints", "weight"))).get()
        .isInstanceOf(ScalarShape.class);
    assertThat(schema.shapeAt(WIDGET, List.of("spec", "unknown"))).isEmpty();
  }

  @Test
  void crd_metadataIsTheBuiltInObjectMeta() {
    KubernetesSchema schema = builtIn.withCustomResourceDefinition(crd(WIDGETS));
    ObjectShape labels = (ObjectShape) schema.shapeAt(WIDGET, List.of("metadata", "labels"))
        .orElseThrow();
    assertThat(labels.isMap()).isTrue();
    assertThat(schema.shapeAt(WIDGET, List.of("metadata")).orElseThrow().definition())
        .contains("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
    assertThat(schema.shapeAt(WIDGET, List.of("apiVersion"))).get()
        .isInstanceOf(ScalarShape.class);
  }

  @Test
  void crd_sameNameReplaces_otherCrdsAccumulate() {
    KubernetesSchema one = builtIn.withCustomResourceDefinition(crd(WIDGETS));
    String v2only = WIDGETS.replace("name: v1alpha1\n      served: true",
        "name: v1alpha1\n      served: false");
    KubernetesSchema two = one.withCustomResourceDefinition(crd(v2only));
    assertThat(two.resource(WIDGET_ALPHA)).isEmpty();
    assertThat(two.resource(WIDGET)).isPresent();

    KubernetesSchema both = two.withCustomResourceDefinition(crd(GADGETS));
    ApiResource gadgets =
        both.resource(new GroupVersionKind("example.com", "v1", "Gadget")).orElseThrow();
    assertThat(gadgets.namespaced()).isFalse();
    assertThat(both.hasStatusSubresource(gadgets.gvk())).isFalse();
    assertThat(both.resource(WIDGET)).isPresent();
  }

  @Test
  void invalidCrds_areRefusedNamingTheField() {
    assertRefused(WIDGETS.replace("scope: Namespaced", "scope: Galaxy"), "spec.scope");
    assertRefused(WIDGETS.replace("plural: widgets", "plural: Widgets"), "spec.names.plural");
    assertRefused(WIDGETS.replace("group: example.com", "group: example"), "spec.group");
    assertRefused(WIDGETS.replace("name: widgets.example.com", "name: things.example.com"),
        "metadata.name");
    assertRefused(WIDGETS.replace("\n                  x-kubernetes-list-map-keys: [host, port]", ""),
        "spec.versions[1].schema.openAPIV3Schema.properties.spec.properties.endpoints"
            + ".x-kubernetes-list-map-keys");
    assertRefused(WIDGETS.replace("[host, port]", "[host, missing]"),
        "spec.versions[1].schema.openAPIV3Schema.properties.spec.properties.endpoints"
            + ".x-kubernetes-list-map-keys[1]");
    assertRefused(WIDGETS.replace("[host, port]", "[host, weight]"),
        "x-kubernetes-list-map-keys[1]: \"weight\" must be required or have a default");
    assertRefused(WIDGETS.replace("x-kubernetes-list-type: set", "x-kubernetes-list-type: bag"),
        "spec.properties.tags.x-kubernetes-list-type");
    assertRefused(WIDGETS.replace("format: int32", "format: int32\n"
            + "                  x-kubernetes-map-type: atomic"),
        "spec.properties.size.x-kubernetes-map-type");
    assertRefused(WIDGETS.replace("type: integer\n                  format: int32",
        "type: int"), "spec.properties.size.type");
    assertRefused(WIDGETS.replace("storage: false\n      schema:\n        openAPIV3Schema:\n"
            + "          type: object\n          properties:",
        "storage: true\n      schema:\n        openAPIV3Schema:\n"
            + "          type: object\n          properties:"),
        "spec.versions: must have exactly one version marked as storage version");
    assertRefused(GADGETS.replaceAll("(?s)\\n *schema:.*", "\n"),
        "spec.versions[0].schema: required");
    assertRefused(GADGETS.replace("apiextensions.k8s.io/v1", "apiextensions.k8s.io/v1beta1"),
        "apiVersion");
  }

  @Test
  void crd_cannotClaimABuiltInKind() {
    String ingress = GADGETS.replace("gadgets.example.com", "ingresses.networking.k8s.io")
        .replace("group: example.com", "group: networking.k8s.io")
        .replace("{kind: Gadget, plural: gadgets}", "{kind: Ingress, plural: ingresses}");
    assertThatThrownBy(() -> builtIn.withCustomResourceDefinition(crd(ingress)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spec.names.kind");
  }

  private void assertRefused(String yaml, String fieldAndMessage) {
    Manifest manifest = crd(yaml);
    assertThatThrownBy(() -> builtIn.withCustomResourceDefinition(manifest))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(fieldAndMessage);
  }
}
