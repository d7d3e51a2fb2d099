package io.gitopskit.core.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.gitopskit.core.diff.ignore.IgnoreRule;
import io.gitopskit.core.diff.ignore.IgnoreRules;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.Manifest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/** The Differ masks Secrets in every output and applies ignore-differences rules. */
class DiffSecretsAndRulesTest {

  static Manifest yaml(String text) {
    return ManifestLoader.defaults().loadYaml(text, "t.yaml").asList().get(0);
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static Manifest secret(String password, String token) {
    return yaml("apiVersion: v1\nkind: Secret\nmetadata: {name: creds, namespace: default}\n"
        + "type: Opaque\ndata:\n  password: " + b64(password) + "\n  token: " + b64(token) + "\n");
  }

  static Gen<String> secrets() {
    return in -> {
      int n = (int) in.next(Constraint.between(6, 24));
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < n; i++) {
        b.append((char) in.next(Constraint.between('!', '~')));
      }
      return b.toString();
    };
  }

  @Test
  void secretValues_neverAppearInAnyDiffOutput() {
    Differ differ = Differ.create(DiffOptions.defaults());
    qt().withExamples(300).forAll(secrets(), secrets(), secrets()).checkAssert((a, b, c) -> {
      Manifest desired = secret(a, b);
      Manifest live = secret(c, b).withAnnotation(
          "kubectl.kubernetes.io/last-applied-configuration", secret(c, a).root().toJson());
      DiffResult r = differ.diff(desired, live);
      String everything = String.valueOf(r.normalizedLive()) + r.predictedLive() + r.changes()
          + r.text() + r + r.changes().stream().map(ch -> ch.live() + "" + ch.desired()).toList();
      for (String value : List.of(a, b, c)) {
        assertThat(everything).doesNotContain(b64(value));
        if (value.length() >= 8) {
          assertThat(everything).doesNotContain(value);
        }
      }
      assertThat(r.modified()).isEqualTo(!a.equals(c));
    });
  }

  @Test
  void changedSecret_showsWhichKeyChanged_withMasks() {
    DiffResult r = Differ.create(DiffOptions.defaults())
        .diff(secret("new-password", "same-token"), secret("old-password", "same-token"));
    assertThat(r.modified()).isTrue();
    assertThat(r.changes()).extracting(FieldChange::path).containsExactly("/data/password");
    assertThat(r.text()).contains("password: \"++++").doesNotContain("same-token");
  }

  @Test
  void ignoreRules_dropJsonPointersAndJqPaths_fromTheComparison() {
    Manifest desired = yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: default}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: app, image: "nginx:1.27"}]}
        """);
    Manifest live = desired.with("/spec/replicas", io.gitopskit.core.json.JsonNumber.of(7))
        .with("/spec/template/spec/containers/0/image", JsonString.of("nginx:1.28"));
    Differ plain = Differ.create(DiffOptions.defaults());
    assertThat(plain.diff(desired, live).changes()).extracting(FieldChange::path)
        .containsExactlyInAnyOrder("/spec/replicas", "/spec/template/spec/containers/0/image");
    IgnoreRules rules = IgnoreRules.of(IgnoreRule.of("apps", "Deployment")
        .withJsonPointers("/spec/replicas")
        .withJqPathExpressions(".spec.template.spec.containers[].image"));
    DiffResult ignored = Differ.create(DiffOptions.defaults().withIgnoreRules(rules))
        .diff(desired, live);
    assertThat(ignored.modified()).isFalse();
    IgnoreRules other = IgnoreRules.of(IgnoreRule.of("apps", "StatefulSet")
        .withJsonPointers("/spec/replicas"));
    assertThat(Differ.create(DiffOptions.defaults().withIgnoreRules(other))
        .diff(desired, live).modified()).as("rules for other kinds do not apply").isTrue();
  }

  @Test
  void memory_givesTheSameResultAsAColdDiff_andSeesEveryChange() {
    Differ warm = Differ.create(DiffOptions.defaults());
    Differ cold = warm.withoutMemo();
    Manifest a = secret("one-password", "token-1");
    Manifest b = secret("two-password", "token-1");
    assertThat(warm.diff(a, b)).isEqualTo(cold.diff(a, b));
    assertThat(warm.diff(a, b)).isSameAs(warm.diff(a, b));
    assertThat(warm.diff(a, a).modified()).isFalse();
    Manifest c = b.withLabel("x", "y");
    assertThat(warm.diff(a, c)).isEqualTo(cold.diff(a, c));
  }
}
