package io.gitopskit.core.diff.ignore;

import static io.gitopskit.core.diff.ignore.IgnoreRulesTest.deployment;
import static io.gitopskit.core.diff.ignore.IgnoreRulesTest.json;
import static io.gitopskit.core.diff.ignore.IgnoreRulesTest.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.diff.ignore.IgnoreRuleException.Reason;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.patch.ssa.ManagedFields;
import org.junit.jupiter.api.Test;

/** {@code managedFieldsManagers}: Argo CD's {@code util/argo/managedfields} behaviour. */
class IgnoreManagedFieldsTest {

  static final Manifest LIVE = yaml("""
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: dev
        labels: {app: web, team: a}
        managedFields:
        - manager: argocd-controller
          operation: Apply
          apiVersion: apps/v1
          fieldsType: FieldsV1
          fieldsV1:
            f:metadata: {f:labels: {f:app: {}}}
            f:spec:
              f:template:
                f:spec:
                  f:containers:
                    k:{"name":"web"}: {.: {}, f:image: {}, f:name: {}}
        - manager: kube-controller-manager
          operation: Update
          apiVersion: apps/v1
          fieldsType: FieldsV1
          fieldsV1:
            f:metadata: {f:labels: {f:team: {}}}
            f:spec: {f:replicas: {}, f:paused: {}}
        - manager: sidecar-injector
          operation: Update
          apiVersion: apps/v1
          fieldsType: FieldsV1
          fieldsV1:
            f:spec: {f:template: {f:spec: {f:containers: {}}}}
      spec:
        replicas: 7
        paused: false
        template:
          spec:
            containers:
            - {name: web, image: nginx:1.27}
            - {name: proxy, image: envoy}
      """);

  static final Manifest DESIRED = yaml("""
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: dev
        labels: {app: web, team: b}
      spec:
        replicas: 3
        paused: false
        template:
          spec:
            containers:
            - {name: web, image: nginx:1.28}
      """);

  private static IgnoreRules trusting(String... managers) {
    return IgnoreRules.of(IgnoreRule.of("apps", "Deployment").withManagedFieldsManagers(managers));
  }

  @Test
  void ownedAndDifferingFields_areRemovedFromBothSides() {
    Manifest[] r = trusting("kube-controller-manager").stripManagedByTrusted(DESIRED, LIVE);

    assertThat(r[0].at("/spec/replicas")).isEmpty();
    assertThat(r[1].at("/spec/replicas")).isEmpty();
    assertThat(r[0].labels()).containsOnlyKeys("app");
    assertThat(r[1].labels()).containsOnlyKeys("app");
  }

  @Test
  void ownedButEqualFields_stay() {
    Manifest[] r = trusting("kube-controller-manager").stripManagedByTrusted(DESIRED, LIVE);

    assertThat(r[0].at("/spec/paused")).isPresent();
    assertThat(r[1].at("/spec/paused")).isPresent();
  }

  @Test
  void fieldsOfOtherManagers_stay() {
    Manifest[] r = trusting("kube-controller-manager").stripManagedByTrusted(DESIRED, LIVE);

    assertThat(r[0].at("/spec/template/spec/containers/0/image"))
        .contains(JsonString.of("nginx:1.28"));
    assertThat(r[1].at("/spec/template/spec/containers/0/image"))
        .contains(JsonString.of("nginx:1.27"));
  }

  @Test
  void listsAreAtomic_soItemFieldsAreNeverStripped() {
    Manifest[] r = trusting("argocd-controller").stripManagedByTrusted(DESIRED, LIVE);

    assertThat(r[0].at("/spec/template/spec/containers/0/image")).isPresent();
    assertThat(r[1].at("/spec/template/spec/containers/0/image")).isPresent();
  }

  @Test
  void anOwnedAtomicList_isStrippedWhole() {
    Manifest[] r = trusting("sidecar-injector").stripManagedByTrusted(DESIRED, LIVE);

    assertThat(r[0].at("/spec/template/spec/containers")).isEmpty();
    assertThat(r[1].at("/spec/template/spec/containers")).isEmpty();
    assertThat(r[1].at("/spec/replicas")).contains(JsonNumber.of(7));
  }

  @Test
  void noTrustedManager_returnsTheInputs() {
    Manifest[] r = IgnoreRules.of(IgnoreRule.of("apps", "Deployment")
        .withJsonPointers("/spec/replicas")).stripManagedByTrusted(DESIRED, LIVE);
    assertThat(r[0]).isSameAs(DESIRED);
    assertThat(r[1]).isSameAs(LIVE);

    Manifest[] other = IgnoreRules.of(IgnoreRule.of("", "ConfigMap")
        .withManagedFieldsManagers("kube-controller-manager")).stripManagedByTrusted(DESIRED, LIVE);
    assertThat(other[0]).isSameAs(DESIRED);
    assertThat(other[1]).isSameAs(LIVE);

    Manifest[] unknown = trusting("nobody").stripManagedByTrusted(DESIRED, LIVE);
    assertThat(unknown[0]).isSameAs(DESIRED);
  }

  @Test
  void malformedManagedFields_isATypedError() {
    Manifest live = deployment("web", "dev", 2).with("/metadata/managedFields",
        json("[{'manager':'kube-controller-manager','operation':'Patch'}]"));

    assertThatThrownBy(() -> trusting("kube-controller-manager")
        .stripManagedByTrusted(DESIRED, live))
        .isInstanceOfSatisfying(IgnoreRuleException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.INVALID_MANAGED_FIELDS);
          assertThat(e.resource()).contains("apps/Deployment/dev/web");
        });
  }

  @Test
  void afterStripping_theHpaCaseIsInSync() {
    IgnoreRules rules = trusting("kube-controller-manager");
    Manifest desired = DESIRED.withLabel("team", "a")
        .with("/spec/template/spec/containers", json(
            "[{'name':'web','image':'nginx:1.27'},{'name':'proxy','image':'envoy'}]"));

    Manifest[] r = rules.stripManagedByTrusted(desired, LIVE);

    assertThat(r[0].root()).isEqualTo(
        ManagedFields.strip(r[1].root()));
    assertThat(LIVE.at("/spec/replicas")).as("input unchanged").contains(JsonNumber.of(7));
  }
}
