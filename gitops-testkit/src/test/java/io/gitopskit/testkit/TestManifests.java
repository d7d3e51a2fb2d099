package io.gitopskit.testkit;

import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.model.Manifest;

/** Objects the test kit's tests share: YAML in, a CRD and one of its custom resources. */
public final class TestManifests {

  /** The kind {@link #widgetCrd()} defines. */
  public static final GroupVersionKind WIDGET = new GroupVersionKind("example.io", "v1",
      "Widget");

  private TestManifests() {
  }

  /**
   * The first object of a YAML text.
   *
   * @param text the YAML
   * @return the object
   */
  public static Manifest yaml(String text) {
    return ManifestLoader.defaults().loadYaml(text, "test.yaml").asList().get(0);
  }

  /**
   * The CRD of {@code widgets.example.io}: namespaced, any fields.
   *
   * @return the CRD
   */
  public static Manifest widgetCrd() {
    return yaml("""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.io}
        spec:
          group: example.io
          scope: Namespaced
          names: {kind: Widget, plural: widgets}
          versions:
          - name: v1
            served: true
            storage: true
            schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
        """);
  }

  /**
   * The Widget {@code w} of size 3.
   *
   * @param namespace its namespace
   * @return the custom resource
   */
  public static Manifest widget(String namespace) {
    return yaml("apiVersion: example.io/v1\nkind: Widget\nmetadata: {name: w, namespace: "
        + namespace + "}\nspec: {size: 3}\n");
  }
}
