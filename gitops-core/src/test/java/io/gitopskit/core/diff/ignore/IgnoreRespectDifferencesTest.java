package io.gitopskit.core.diff.ignore;

import static io.gitopskit.core.diff.ignore.IgnoreRulesTest.deployment;
import static io.gitopskit.core.diff.ignore.IgnoreRulesTest.json;
import static io.gitopskit.core.diff.ignore.IgnoreRulesTest.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.model.Manifest;
import org.junit.jupiter.api.Test;

/** {@code RespectIgnoreDifferences=true}: ignored fields keep live's values on apply. */
class IgnoreRespectDifferencesTest {

  static final IgnoreRules REPLICAS = IgnoreRules.of(IgnoreRule.of("apps", "Deployment")
      .withJsonPointers("/spec/replicas"));

  @Test
  void ignoredField_takesLiveValue() {
    Manifest out = REPLICAS.respectIgnoreDifferences(deployment("web", "dev", 3),
        deployment("web", "dev", 7));

    assertThat(out.at("/spec/replicas")).contains(JsonNumber.of(7));
    assertThat(out.at("/spec/template/spec/containers/0/image"))
        .contains(JsonString.of("nginx:1.27"));
  }

  @Test
  void ignoredFieldAbsentInLive_isLeftOut() {
    Manifest live = deployment("web", "dev", 7).without("/spec/replicas");

    Manifest out = REPLICAS.respectIgnoreDifferences(deployment("web", "dev", 3), live);

    assertThat(out.at("/spec/replicas")).isEmpty();
  }

  @Test
  void withoutLive_desiredIsAppliedAsIs() {
    Manifest desired = deployment("web", "dev", 3);

    assertThat(REPLICAS.respectIgnoreDifferences(desired, null)).isSameAs(desired);
  }

  @Test
  void nonMatchingRules_returnDesired() {
    Manifest desired = deployment("web", "dev", 3);
    IgnoreRules rules = IgnoreRules.of(IgnoreRule.of("", "ConfigMap").withJsonPointers("/data"));

    assertThat(rules.respectIgnoreDifferences(desired, deployment("web", "dev", 9)))
        .isSameAs(desired);
  }

  @Test
  void fieldsDesiredDoesNotHave_areNotAdded() {
    IgnoreRules rules = IgnoreRules.of(IgnoreRule.of("apps", "Deployment")
        .withJsonPointers("/spec/replicas", "/metadata/annotations/owner"));
    Manifest live = deployment("web", "dev", 7).withAnnotation("owner", "hpa")
        .withAnnotation("other", "x");

    Manifest out = rules.respectIgnoreDifferences(deployment("web", "dev", 3), live);

    assertThat(out.annotations()).isEmpty();
    assertThat(out.at("/spec/replicas")).contains(JsonNumber.of(7));
  }

  @Test
  void annotationLeftEmpty_takesOnlyTheIgnoredLiveKey() {
    IgnoreRules rules = IgnoreRules.of(IgnoreRule.of("apps", "Deployment")
        .withJsonPointers("/metadata/annotations/owner"));
    Manifest desired = deployment("web", "dev", 3).withAnnotation("owner", "git");
    Manifest live = deployment("web", "dev", 3).withAnnotation("owner", "hpa")
        .withAnnotation("controller-added", "x");

    Manifest out = rules.respectIgnoreDifferences(desired, live);

    assertThat(out.annotations()).containsExactly(java.util.Map.entry("owner", "hpa"));
  }

  @Test
  void jqRemovedListItems_comeFromLiveAtTheirLivePositions() {
    IgnoreRules rules = IgnoreRules.of(IgnoreRule.of("apps", "Deployment")
        .withJqPathExpressions(
            ".spec.template.spec.containers[].env[]? | select(.name == \"INJECTED\")"));
    Manifest desired = yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers:
              - name: web
                env:
                - {name: A, value: "new"}
                - {name: INJECTED, value: from-git}
                - {name: B, value: b}
        """);
    Manifest live = yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers:
              - name: web
                env:
                - {name: INJECTED, value: from-cluster}
                - {name: A, value: old}
                - {name: B, value: b}
        """);

    Manifest out = rules.respectIgnoreDifferences(desired, live);

    assertThat(out.at("/spec/template/spec/containers/0/env")).contains(json(
        "[{'name':'INJECTED','value':'from-cluster'},{'name':'A','value':'new'},"
            + "{'name':'B','value':'b'}]"));
  }

  @Test
  void jqRemovedScalar_takesLiveValue() {
    IgnoreRules rules = IgnoreRules.of(IgnoreRule.of("admissionregistration.k8s.io", "*")
        .withJqPathExpressions(".webhooks[]?.clientConfig.caBundle"));
    Manifest live = IgnoreRulesTest.WEBHOOK;
    Manifest desired = live.without("/webhooks/0/clientConfig/caBundle")
        .with("/webhooks/1/clientConfig/caBundle", JsonString.of("b2xk"));

    Manifest out = rules.respectIgnoreDifferences(desired, live);

    assertThat(out.at("/webhooks/0/clientConfig/caBundle")).isEmpty();
    assertThat(out.at("/webhooks/1/clientConfig/caBundle"))
        .contains(JsonString.of("Q0EgYnVuZGxlIGI="));
  }

  @Test
  void trustedManagersFields_takeLiveValues() {
    IgnoreRules rules = IgnoreRules.of(IgnoreRule.of("apps", "Deployment")
        .withManagedFieldsManagers("kube-controller-manager"));

    Manifest out = rules.respectIgnoreDifferences(IgnoreManagedFieldsTest.DESIRED,
        IgnoreManagedFieldsTest.LIVE);

    assertThat(out.at("/spec/replicas")).contains(JsonNumber.of(7));
    assertThat(out.labels()).containsEntry("team", "a").containsEntry("app", "web");
    assertThat(out.at("/spec/template/spec/containers/0/image"))
        .as("not owned by a trusted manager").contains(JsonString.of("nginx:1.28"));
    assertThat(out.metadata().has("managedFields")).isFalse();
  }
}
