package io.gitopskit.core.diff.mask;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.Manifest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cases of gitops-engine's {@code HideSecretData} tests, and the advisories of 6.3. */
class MaskSecretsTest {

  static Manifest yaml(String text) {
    return ManifestLoader.defaults().loadYaml(text, "test.yaml").iterator().next();
  }

  static Manifest secret(String data) {
    return yaml("apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: dev}\n" + data);
  }

  private static String data(Manifest m, String key) {
    return m.at("/data/" + key).map(v -> ((JsonString) v).value()).orElse(null);
  }

  @Test
  void sameKeysAndValues_getTheFirstMask() {
    MaskedPair p = SecretMasker.defaults().mask(secret("data: {a: dGVzdA==}"),
        secret("data: {a: dGVzdA==}"));

    assertThat(data(p.desired(), "a")).isEqualTo("++++++++");
    assertThat(data(p.live(), "a")).isEqualTo("++++++++");
  }

  @Test
  void differentValues_getLongerMasks_perKey() {
    MaskedPair p = SecretMasker.defaults().mask(
        secret("data: {a: dGVzdA==, b: b25l}"),
        secret("data: {a: dGVzdDI=, b: b25l, c: dGhyZWU=}"));

    assertThat(data(p.desired(), "a")).isEqualTo("++++++++");
    assertThat(data(p.live(), "a")).isEqualTo("++++++++++++");
    assertThat(data(p.desired(), "b")).isEqualTo(data(p.live(), "b")).isEqualTo("++++++++");
    assertThat(data(p.live(), "c")).isEqualTo("++++++++");
    assertThat(p.desired().at("/data/c")).isEmpty();
  }

  @Test
  void stringData_isNormalizedIntoData_soEqualContentMasksEqually() {
    MaskedPair p = SecretMasker.defaults().mask(
        secret("stringData: {password: test, token: new}\ndata: {password: b2xk}"),
        secret("data: {password: dGVzdA==, token: b2xk}"));

    assertThat(p.desired().root().has("stringData")).isFalse();
    assertThat(data(p.desired(), "password")).isEqualTo(data(p.live(), "password"));
    assertThat(data(p.desired(), "token")).isNotEqualTo(data(p.live(), "token"));
  }

  @Test
  void nonStringAndNullValues_areMaskedToo() {
    MaskedPair p = SecretMasker.defaults().mask(
        secret("data: {n: 42, x: null, e: ''}"), secret("data: {n: 42, x: '', e: ''}"));

    assertThat(p.desired().root().toJson()).doesNotContain("42");
    assertThat(data(p.desired(), "n")).isEqualTo(data(p.live(), "n"));
    assertThat(data(p.desired(), "x")).as("null is empty").isEqualTo(data(p.live(), "x"));
  }

  @Test
  void emptyData_staysAbsent_andMissingSidesAreFine() {
    MaskedPair p = SecretMasker.defaults().mask(secret("data: {}"), null);

    assertThat(p.desired().root().has("data")).isFalse();
    assertThat(p.live()).isNull();
    MaskedPair none = SecretMasker.defaults().mask(null, null);
    assertThat(none.desired()).isNull();
  }

  @Test
  void invalidSecret_withNonObjectData_doesNotLeak() {
    Manifest invalid = secret("data: c3VwZXItc2VjcmV0\nstringData: [plain-secret]");

    MaskedPair p = SecretMasker.defaults().mask(invalid, null);

    assertThat(p.desired().root().toJson()).doesNotContain("c3VwZXItc2VjcmV0")
        .doesNotContain("plain-secret");
  }

  @Test
  void lastApplied_isRewrittenWithTheThirdMask() {
    Manifest live = secret("""
        data: {a: bGl2ZQ==}
        """).withAnnotation(SecretMasker.LAST_APPLIED,
        "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"s\"},"
            + "\"stringData\":{\"a\":\"old\"}}");

    MaskedPair p = SecretMasker.defaults().mask(secret("data: {a: bmV3}"), live);

    String lastApplied = p.live().annotation(SecretMasker.LAST_APPLIED).orElseThrow();
    assertThat(lastApplied).doesNotContain("old").doesNotContain("b2xk");
    JsonValue parsed = ManifestLoader.defaults().readDocuments(lastApplied, "l.json").get(0);
    assertThat(((JsonObject) parsed).getObject("data").orElseThrow().getString("a"))
        .contains("++++++++++++++++");
    assertThat(data(p.desired(), "a")).isEqualTo("++++++++");
    assertThat(data(p.live(), "a")).isEqualTo("++++++++++++");
  }

  @Test
  void unparseableLastApplied_isReplacedWholesale() {
    Manifest live = secret("data: {a: bGl2ZQ==}")
        .withAnnotation(SecretMasker.LAST_APPLIED, "{\"data\":{\"a\":\"c2VjcmV0\"");

    MaskedPair p = SecretMasker.defaults().mask(null, live);

    assertThat(p.live().annotation(SecretMasker.LAST_APPLIED)).contains(SecretMasker.MASK);
  }

  @Test
  void hiddenAnnotations_areMaskedOnEveryKind_includingInsideLastApplied() {
    SecretMasker masker = SecretMasker.defaults()
        .withHiddenAnnotations(List.of("example.com/token"));
    Manifest desired = yaml("""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: c
          annotations: {example.com/token: abc123, visible: v}
        """);
    Manifest live = desired.withAnnotation("example.com/token", "xyz789")
        .withAnnotation(SecretMasker.LAST_APPLIED, "{\"metadata\":{\"annotations\":"
            + "{\"example.com/token\":\"abc123\"}}}");

    MaskedPair p = masker.mask(desired, live);

    assertThat(p.desired().annotations()).containsEntry("example.com/token", "++++++++")
        .containsEntry("visible", "v");
    assertThat(p.live().annotations()).containsEntry("example.com/token", "++++++++++++");
    assertThat(p.live().root().toJson()).doesNotContain("abc123").doesNotContain("xyz789");
    assertThat(p.live().annotation(SecretMasker.LAST_APPLIED).orElseThrow())
        .contains("\"example.com/token\":\"++++++++\"");
  }

  @Test
  void hidingTheLastAppliedAnnotation_replacesIt() {
    SecretMasker masker = SecretMasker.defaults()
        .withHiddenAnnotations(List.of(SecretMasker.LAST_APPLIED));
    Manifest live = secret("data: {a: bGl2ZQ==}")
        .withAnnotation(SecretMasker.LAST_APPLIED, "{\"data\":{\"a\":\"bGl2ZQ==\"}}");

    assertThat(masker.mask(null, live).live().annotation(SecretMasker.LAST_APPLIED))
        .contains(SecretMasker.MASK);
  }

  @Test
  void otherKindsWithoutHiddenAnnotations_areReturnedAsTheyAre() {
    Manifest cm = yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n");
    MaskedPair p = SecretMasker.defaults().mask(cm, cm);

    assertThat(p.desired()).isSameAs(cm);
    assertThat(p.live()).isSameAs(cm);
    assertThat(SecretMasker.isSecret(cm)).isFalse();
    Manifest sealed = yaml("apiVersion: bitnami.com/v1alpha1\nkind: Secret\n"
        + "metadata: {name: s}\ndata: {a: b}\n");
    assertThat(SecretMasker.isSecret(sealed)).as("core group only").isFalse();
  }

  @Test
  void inputsAreNeverChanged() {
    Manifest desired = secret("stringData: {a: plain}");
    String before = desired.root().toJson();

    SecretMasker.defaults().mask(desired, desired);

    assertThat(desired.root().toJson()).isEqualTo(before);
  }

  @Test
  void maskText_hidesValuesAndTheirEncodings_longestFirst() {
    String text = "Secret \"s\" is invalid: data[a]: \"hunter2\" and aHVudGVyMg== and "
        + "aHVudGVyMg and hunter22 and \"quote\\\"d\"";

    String masked = SecretMasker.maskText(text, "hunter2", "hunter22", "quote\"d", "");

    assertThat(masked).doesNotContain("hunter2").doesNotContain("aHVudGVyMg")
        .doesNotContain("quote").startsWith("Secret \"s\" is invalid: data[a]: ");
    assertThat(masked).isEqualTo("Secret \"s\" is invalid: data[a]: \"++++++++\" and "
        + "++++++++ and ++++++++ and ++++++++ and \"++++++++\"");
  }

  @Test
  void maskText_valuesMadeOfPlusSigns_doNotLoop() {
    assertThat(SecretMasker.maskText("a ++ b", "++")).isEqualTo("a ++++++++ b");
    assertThat(SecretMasker.maskText("nothing here", List.of())).isEqualTo("nothing here");
  }

  @Test
  void secretValues_collectsDecodedAndRawForms() {
    Manifest s = secret("data: {a: aHVudGVyMg==, bin: //79, e: ''}\nstringData: {b: plain}");

    assertThat(SecretMasker.secretValues(s))
        .containsExactlyInAnyOrder("aHVudGVyMg==", "hunter2", "//79", "plain");
    assertThat(SecretMasker.secretValues(null)).isEmpty();
    assertThat(SecretMasker.maskText("got hunter2", SecretMasker.secretValues(s)))
        .isEqualTo("got ++++++++");
  }
}
