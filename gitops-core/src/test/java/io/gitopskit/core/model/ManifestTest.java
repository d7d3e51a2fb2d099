package io.gitopskit.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestTest {

  static JsonObject deployment() {
    return (JsonObject) JsonValue.of(Map.of(
        "apiVersion", "apps/v1",
        "kind", "Deployment",
        "metadata", Map.of("name", "web", "namespace", "dev",
            "labels", Map.of("app", "web", "tier", "front"),
            "annotations", Map.of("argocd.argoproj.io/sync-wave", "2")),
        "spec", Map.of("replicas", 2, "template", Map.of("spec",
            Map.of("containers", List.of(Map.of("name", "web", "image", "nginx:1.27")))))));
  }

  @Test
  void accessors_readIdentityAndMetadata() {
    Manifest m = Manifest.of(deployment());
    assertThat(m.apiVersion()).isEqualTo("apps/v1");
    assertThat(m.group()).isEqualTo("apps");
    assertThat(m.version()).isEqualTo("v1");
    assertThat(m.kind()).isEqualTo("Deployment");
    assertThat(m.gvk()).isEqualTo(new GroupVersionKind("apps", "v1", "Deployment"));
    assertThat(m.name()).isEqualTo("web");
    assertThat(m.namespace()).isEqualTo("dev");
    assertThat(m.key()).hasToString("apps/Deployment/dev/web");
    assertThat(m.labels()).containsExactly(Map.entry("app", "web"), Map.entry("tier", "front"));
    assertThat(m.annotation("argocd.argoproj.io/sync-wave")).contains("2");
    assertThat(m.label("missing")).isEmpty();
    assertThat(m.at("/spec/template/spec/containers/0/image"))
        .contains(JsonString.of("nginx:1.27"));
    assertThat(m).hasToString("apps/v1 Deployment dev/web");
  }

  @Test
  void modifiedCopies_neverChangeTheOriginal() {
    Manifest m = Manifest.of(deployment());
    Manifest changed = m.withLabel("env", "prod")
        .withAnnotation("note", "x")
        .withoutLabel("tier")
        .withNamespace("prod")
        .withName("web2")
        .with("/spec/replicas", JsonNumber.of(5))
        .without("/spec/template");
    assertThat(m).isEqualTo(Manifest.of(deployment()));
    assertThat(m.labels()).containsOnlyKeys("app", "tier");
    assertThat(changed.labels()).containsOnlyKeys("app", "env");
    assertThat(changed.annotations()).containsEntry("note", "x");
    assertThat(changed.key()).hasToString("apps/Deployment/prod/web2");
    assertThat(changed.at("/spec/replicas")).contains(JsonNumber.of(5));
    assertThat(changed.at("/spec/template")).isEmpty();
    assertThat(changed.withNamespace("").namespace()).isEmpty();
    assertThatThrownBy(() -> m.labels().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void labelsOnAnObjectWithout_areCreated() {
    Manifest cm = Manifest.of((JsonObject) JsonValue.of(Map.of("apiVersion", "v1",
        "kind", "ConfigMap", "metadata", Map.of("name", "c"))));
    assertThat(cm.labels()).isEmpty();
    assertThat(cm.withLabel("a", "b").labels()).containsExactly(Map.entry("a", "b"));
    assertThat(cm.key()).hasToString("/ConfigMap//c");
  }

  @Test
  void equality_isByContent_notOrigin() {
    Manifest a = Manifest.of(deployment(), new SourceLocation("a.yaml", 1, 1, 1));
    Manifest b = Manifest.of(deployment(), new SourceLocation("b.yaml", 9, 1, 2));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.contentHash()).isEqualTo(b.contentHash());
    assertThat(a.origin()).contains(new SourceLocation("a.yaml", 1, 1, 1));
    assertThat(a.withOrigin(null).origin()).isEmpty();
  }

  @Test
  void generateName_standsInForTheName() {
    Manifest job = Manifest.of((JsonObject) JsonValue.of(Map.of("apiVersion", "batch/v1",
        "kind", "Job", "metadata", Map.of("generateName", "migrate-"))));
    assertThat(job.hasGeneratedName()).isTrue();
    assertThat(job.name()).isEqualTo("migrate-");
  }

  @Test
  void check_namesTheOffendingField() {
    assertThat(problem(Map.of("kind", "X", "metadata", Map.of("name", "a"))))
        .hasToString("apiVersion: is required");
    assertThat(problem(Map.of("apiVersion", 1, "kind", "X", "metadata", Map.of("name", "a"))))
        .hasToString("apiVersion: must be a non-empty string");
    assertThat(problem(Map.of("apiVersion", "a/b/c", "kind", "X", "metadata",
        Map.of("name", "a")))).hasToString("apiVersion: must have the form group/version or version");
    assertThat(problem(Map.of("apiVersion", "v1", "metadata", Map.of("name", "a"))))
        .hasToString("kind: is required");
    assertThat(problem(Map.of("apiVersion", "v1", "kind", "X")))
        .hasToString("metadata: is required");
    assertThat(problem(Map.of("apiVersion", "v1", "kind", "X", "metadata", List.of())))
        .hasToString("metadata: must be an object");
    assertThat(problem(Map.of("apiVersion", "v1", "kind", "X", "metadata", Map.of())))
        .hasToString("metadata.name: is required (or metadata.generateName)");
    assertThat(problem(Map.of("apiVersion", "v1", "kind", "X", "metadata", Map.of("name", 5))))
        .hasToString("metadata.name: must be a string");
    assertThat(problem(Map.of("apiVersion", "v1", "kind", "X", "metadata",
        Map.of("name", "a", "labels", Map.of("n", 1))))).hasToString("metadata.labels.n: must be a string");
    assertThat(problem(Map.of("apiVersion", "v1", "kind", "X", "metadata",
        Map.of("name", "a", "annotations", "x")))).hasToString("metadata.annotations: must be an object of strings");
    assertThatThrownBy(() -> Manifest.of(deployment()).without("/metadata/name"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata.name");
  }

  private static FieldProblem problem(Map<String, Object> object) {
    return Manifest.check((JsonObject) JsonValue.of(object)).orElseThrow();
  }
}
