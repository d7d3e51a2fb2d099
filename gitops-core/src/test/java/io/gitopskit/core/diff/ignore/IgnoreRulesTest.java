package io.gitopskit.core.diff.ignore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.diff.Normalizer;
import io.gitopskit.core.diff.ignore.IgnoreRuleException.Reason;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.Manifest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IgnoreRulesTest {

  static Manifest yaml(String text) {
    return ManifestLoader.defaults().loadYaml(text, "test.yaml").iterator().next();
  }

  static JsonValue json(String text) {
    return ManifestLoader.defaults().readDocuments(text.replace('\'', '"'), "t.json").get(0);
  }

  static Manifest deployment(String name, String namespace, int replicas) {
    return yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: %s
          namespace: %s
        spec:
          replicas: %d
          template:
            spec:
              containers:
              - name: web
                image: nginx:1.27
        """.formatted(name, namespace, replicas));
  }

  static final Manifest WEBHOOK = yaml("""
      apiVersion: admissionregistration.k8s.io/v1
      kind: MutatingWebhookConfiguration
      metadata:
        name: injector
      webhooks:
      - name: a.example.com
        clientConfig:
          caBundle: Q0EgYnVuZGxlIGE=
          service:
            name: injector
            namespace: system
      - name: b.example.com
        clientConfig:
          caBundle: Q0EgYnVuZGxlIGI=
      """);

  @Test
  void jsonPointer_ignoresReplicasOfHpaManagedDeployment() {
    IgnoreRules rules = IgnoreRules.of(IgnoreRule.of("apps", "Deployment")
        .withJsonPointers("/spec/replicas"));
    Manifest desired = deployment("web", "dev", 3);
    Manifest live = deployment("web", "dev", 7);

    Manifest d = rules.normalize(desired);
    Manifest l = rules.normalize(live);

    assertThat(d).isEqualTo(l);
    assertThat(d.at("/spec/replicas")).isEmpty();
    assertThat(d.at("/spec/template/spec/containers/0/image")).isPresent();
    assertThat(desired.at("/spec/replicas")).contains(JsonNumber.of(3));
  }

  @Test
  void jq_ignoresWebhookCaBundles_andRemovesWhatItLeftEmpty() {
    IgnoreRules rules = IgnoreRules.of(
        IgnoreRule.of("admissionregistration.k8s.io", "MutatingWebhookConfiguration")
            .withJqPathExpressions(".webhooks[]?.clientConfig.caBundle"));

    Manifest n = rules.normalize(WEBHOOK);

    assertThat(n.root().toJson()).doesNotContain("caBundle");
    assertThat(n.at("/webhooks/0/clientConfig/service/name"))
        .contains(JsonString.of("injector"));
    assertThat(n.at("/webhooks/1/clientConfig")).as("left empty, so removed").isEmpty();
    assertThat(n.at("/webhooks/1/name")).contains(JsonString.of("b.example.com"));
  }

  @Test
  void jq_optionalIterationOnObjectWithoutTheField_changesNothing() {
    IgnoreRules rules = IgnoreRules.of(IgnoreRule.of("*", "*")
        .withJqPathExpressions(".webhooks[]?.clientConfig.caBundle"));
    Manifest d = deployment("web", "dev", 1);

    assertThat(rules.normalize(d)).isSameAs(d);
  }

  @Test
  void jq_selectRemovesListItems() {
    IgnoreRules rules = IgnoreRules.of(IgnoreRule.of("apps", "Deployment")
        .withJqPathExpressions(
            ".spec.template.spec.containers[] | select(.name == \"istio-proxy\")"));
    Manifest live = yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers:
              - {name: web, image: nginx}
              - {name: istio-proxy, image: proxyv2}
        """);

    Manifest n = rules.normalize(live);

    assertThat(n.at("/spec/template/spec/containers"))
        .contains(json("[{'name':'web','image':'nginx'}]"));
  }

  @Test
  void jq_keepsNumbersAndUntouchedSubtreesExactly() {
    Manifest m = yaml("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c, annotations: {a: x, b: "y"}}
        data: {k: v}
        spec: {big: 123456789012345678901234567890, dec: 1.50, n: 7}
        """);
    IgnoreRules rules = IgnoreRules.of(IgnoreRule.of("", "ConfigMap")
        .withJqPathExpressions(".metadata.annotations.a"));

    Manifest n = rules.normalize(m);

    assertThat(n.root().without("metadata")).isEqualTo(m.root().without("metadata"));
    assertThat(n.root().getOrNull("spec")).isSameAs(m.root().getOrNull("spec"));
    assertThat(n.annotations()).containsOnlyKeys("b");
  }

  @Test
  void scoping_byNameAndNamespace() {
    IgnoreRules rules = IgnoreRules.of(IgnoreRule.of("apps", "Deployment")
        .withName("web").withNamespace("prod").withJsonPointers("/spec/replicas"));

    assertThat(rules.normalize(deployment("web", "prod", 2)).at("/spec/replicas")).isEmpty();
    assertThat(rules.normalize(deployment("api", "prod", 2)).at("/spec/replicas")).isPresent();
    assertThat(rules.normalize(deployment("web", "dev", 2)).at("/spec/replicas")).isPresent();
    assertThat(rules.matching(deployment("web", "prod", 2))).hasSize(1);
    assertThat(rules.matching(deployment("web", "dev", 2))).isEmpty();
  }

  @Test
  void scoping_byGroupAndKindGlobs() {
    Manifest deploy = deployment("web", "dev", 2);
    Manifest cm = yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n");

    assertThat(IgnoreRule.of("*", "*").matches(deploy)).isTrue();
    assertThat(IgnoreRule.of("apps", "Deploy*").matches(deploy)).isTrue();
    assertThat(IgnoreRule.of("app?", "{Deployment,StatefulSet}").matches(deploy)).isTrue();
    assertThat(IgnoreRule.of("", "Deployment").matches(deploy)).as("core only").isFalse();
    assertThat(IgnoreRule.of("", "ConfigMap").matches(cm)).isTrue();
    assertThat(IgnoreRule.of("*.k8s.io", "*").matches(cm)).isFalse();
    assertThat(IgnoreRule.of("apps", "deployment").matches(deploy)).as("case-sensitive")
        .isFalse();
  }

  @Test
  void jsonPointer_missingPathsAndEscapes() {
    Manifest m = yaml("""
        apiVersion: v1
        kind: Service
        metadata:
          name: s
          annotations: {"example.com/owner": team-a, keep: "yes"}
        spec: {ports: [{port: 80}]}
        """);
    IgnoreRules rules = IgnoreRules.of(IgnoreRule.of("", "Service").withJsonPointers(
        "/spec/clusterIP", "/spec/ports/5/port", "/status/loadBalancer",
        "/metadata/annotations/example.com~1owner"));

    Manifest n = rules.normalize(m);

    assertThat(n.annotations()).containsOnlyKeys("keep");
    assertThat(n.at("/spec/ports/0/port")).contains(JsonNumber.of(80));
  }

  @Test
  void cleanup_keepsEmptyContainersThatWereAlreadyEmpty() {
    Manifest m = yaml("""
        apiVersion: v1
        kind: Pod
        metadata: {name: p, annotations: {only: one}, labels: {}}
        spec:
          volumes: [{name: scratch, emptyDir: {}}]
          tolerations: [{key: a}, {key: b}]
        """);
    IgnoreRules rules = IgnoreRules.of(IgnoreRule.of("", "Pod")
        .withJsonPointers("/metadata/annotations/only", "/spec/tolerations/0/key"));

    Manifest n = rules.normalize(m);

    assertThat(n.metadata().has("annotations")).as("left empty").isFalse();
    assertThat(n.metadata().has("labels")).as("was empty").isTrue();
    assertThat(n.at("/spec/volumes/0/emptyDir")).contains(JsonObject.empty());
    assertThat(n.at("/spec/tolerations")).as("item left empty is dropped")
        .contains(json("[{'key':'b'}]"));
  }

  @Test
  void identityFields_areNeverRemoved() {
    Manifest m = deployment("web", "dev", 1);
    IgnoreRules rules = IgnoreRules.of(IgnoreRule.of("*", "*")
        .withJsonPointers("/metadata", "/kind").withJqPathExpressions(".apiVersion"));

    Manifest n = rules.normalize(m);

    assertThat(n.key()).isEqualTo(m.key());
    assertThat(n.apiVersion()).isEqualTo("apps/v1");
    assertThat(n.metadata().keys()).containsExactly("name", "namespace");
  }

  @Test
  void noMatchingRule_returnsTheSameInstance() {
    Manifest m = deployment("web", "dev", 1);
    IgnoreRules rules = IgnoreRules.of(IgnoreRule.of("", "Secret").withJsonPointers("/data"));

    assertThat(rules.normalize(m)).isSameAs(m);
    assertThat(IgnoreRules.empty().normalizer().normalize(m)).isSameAs(m);
  }

  @Test
  void normalizer_composesWithOtherNormalizers() {
    IgnoreRules rules = IgnoreRules.of(IgnoreRule.of("apps", "Deployment")
        .withJsonPointers("/spec/replicas"));
    Normalizer both = rules.normalizer().andThen(m -> m.withLabel("seen", "true"));

    Manifest n = both.normalize(deployment("web", "dev", 4));

    assertThat(n.at("/spec/replicas")).isEmpty();
    assertThat(n.label("seen")).contains("true");
  }

  @Test
  void fromJson_readsArgoCdShape() {
    JsonArray spec = (JsonArray) ManifestLoader.defaults().readDocuments("""
        - group: apps
          kind: Deployment
          jsonPointers: [/spec/replicas]
        - group: admissionregistration.k8s.io
          kind: MutatingWebhookConfiguration
          name: injector
          jqPathExpressions: ['.webhooks[]?.clientConfig.caBundle']
        - group: '*'
          kind: '*'
          namespace: prod
          managedFieldsManagers: [kube-controller-manager]
        """, "app.yaml").get(0);

    IgnoreRules rules = IgnoreRules.fromJson(spec);

    assertThat(rules.rules()).containsExactly(
        IgnoreRule.of("apps", "Deployment").withJsonPointers("/spec/replicas"),
        IgnoreRule.of("admissionregistration.k8s.io", "MutatingWebhookConfiguration")
            .withName("injector").withJqPathExpressions(".webhooks[]?.clientConfig.caBundle"),
        IgnoreRule.of("*", "*").withNamespace("prod")
            .withManagedFieldsManagers("kube-controller-manager"));
    assertThat(rules.normalize(WEBHOOK).root().toJson()).doesNotContain("caBundle");
    assertThat(rules.trustedManagers(deployment("a", "prod", 1)))
        .containsExactly("kube-controller-manager");
  }

  @Test
  void invalidRules_failAtConstruction() {
    assertThatThrownBy(() -> IgnoreRule.of("apps", " ")).isInstanceOf(
        IllegalArgumentException.class);
    assertThatThrownBy(() -> IgnoreRule.of("apps", "[Deploy"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IgnoreRule.of("apps", "Deployment").withJsonPointers("spec"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IgnoreRule.of("apps", "Deployment").withJsonPointers(""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IgnoreRules.of(IgnoreRule.of("apps", "Deployment")
        .withJqPathExpressions(".spec[")))
        .isInstanceOfSatisfying(IgnoreRuleException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.INVALID_EXPRESSION);
          assertThat(e.expression()).isEqualTo(".spec[");
          assertThat(e.getMessage()).contains("apps/Deployment").contains(".spec[");
        });
    assertThatThrownBy(() -> IgnoreRules.of(IgnoreRule.of("*", "*")
        .withJqPathExpressions(".a) | {} | (.b")))
        .as("an expression cannot close del( early")
        .isInstanceOfSatisfying(IgnoreRuleException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_EXPRESSION));
    assertThatThrownBy(() -> IgnoreRules.empty().withJqTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IgnoreRules.empty().withJqMaxSteps(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
