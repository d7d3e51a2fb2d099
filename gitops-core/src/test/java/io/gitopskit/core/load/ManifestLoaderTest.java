package io.gitopskit.core.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.model.DuplicateResourceException;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ManifestSet;
import io.gitopskit.core.model.ResourceKey;
import io.gitopskit.core.model.SourceLocation;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestLoaderTest {

  private final ManifestLoader loader = ManifestLoader.defaults();

  @Test
  void multiDocumentYaml_skipsEmptyDocuments_andRecordsOrigins() {
    String yaml = """
        ---
        # only a comment
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: one
          namespace: dev
        data:
          k: v
        ---
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: two
        """;
    ManifestSet set = loader.loadYaml(yaml, "app.yaml");
    assertThat(set.keys()).extracting(ResourceKey::toString)
        .containsExactly("/ConfigMap/dev/one", "apps/Deployment//two");
    assertThat(set.asList().get(0).origin()).contains(new SourceLocation("app.yaml", 4, 1, 2));
    assertThat(set.asList().get(1).origin()).contains(new SourceLocation("app.yaml", 13, 1, 4));
  }

  @Test
  void listKinds_areFlattened() {
    String yaml = """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: ConfigMap
          metadata: {name: a}
        - apiVersion: v1
          kind: Secret
          metadata: {name: b}
        ---
        apiVersion: v1
        kind: ConfigMapList
        items: []
        """;
    ManifestSet set = loader.loadYaml(yaml, "list.yaml");
    assertThat(set.keys()).extracting(ResourceKey::toString)
        .containsExactly("/ConfigMap//a", "/Secret//b");
    assertThat(set.asList().get(1).origin().orElseThrow().line()).isEqualTo(7);
  }

  @Test
  void json_singleAndConcatenatedObjects() {
    ManifestSet set = loader.loadJson("""
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"b"},"data":{"n":"1.50"}}
        """, "x.json");
    assertThat(set.size()).isEqualTo(2);
    assertThat(set.asList().get(1).at("/data/n")).contains(JsonString.of("1.50"));
    assertThat(set.asList().get(1).origin()).contains(new SourceLocation("x.json", 2, 1, 2));
    assertThat(loader.load("{\"apiVersion\":\"v1\",\"kind\":\"A\",\"metadata\":{\"name\":\"a\"}}",
        "y.json").size()).isEqualTo(1);
  }

  @Test
  void scalars_resolveAsKubernetesReadsThem() {
    Manifest m = loader.loadYaml("""
        apiVersion: v1
        kind: X
        metadata: {name: x}
        spec:
          octal: 0644
          hex: 0x1F
          under: 1_000
          float: 1.5
          exp: 1e3
          a: yes
          b: On
          c: no
          tilde: ~
          empty:
          quoted: "0644"
          single: 'true'
          version: 1.10
          leadingZeroDecimal: 08
          plain: hello world
          tagged: !!str 42
          int: !!int "7"
          block: |
            line1
            line2
        """, "s.yaml").asList().get(0);
    assertThat(m.at("/spec/octal")).contains(JsonNumber.of(420));
    assertThat(m.at("/spec/hex")).contains(JsonNumber.of(31));
    assertThat(m.at("/spec/under")).contains(JsonNumber.of(1000));
    assertThat(m.at("/spec/float")).contains(JsonNumber.parse("1.5"));
    assertThat(m.at("/spec/exp")).contains(JsonNumber.of(1000));
    assertThat(m.at("/spec/a")).contains(JsonBoolean.TRUE);
    assertThat(m.at("/spec/b")).contains(JsonBoolean.TRUE);
    assertThat(m.at("/spec/c")).contains(JsonBoolean.FALSE);
    assertThat(m.at("/spec/tilde")).contains(JsonNull.INSTANCE);
    assertThat(m.at("/spec/empty")).contains(JsonNull.INSTANCE);
    assertThat(m.at("/spec/quoted")).contains(JsonString.of("0644"));
    assertThat(m.at("/spec/single")).contains(JsonString.of("true"));
    assertThat(m.at("/spec/version")).contains(JsonNumber.parse("1.1"));
    assertThat(m.at("/spec/leadingZeroDecimal")).contains(JsonNumber.of(8));
    assertThat(m.at("/spec/plain")).contains(JsonString.of("hello world"));
    assertThat(m.at("/spec/tagged")).contains(JsonString.of("42"));
    assertThat(m.at("/spec/int")).contains(JsonNumber.of(7));
    assertThat(m.at("/spec/block")).contains(JsonString.of("line1\nline2\n"));
  }

  @Test
  void anchorsAliasesAndMergeKeys_expandLikeKubectl() {
    Manifest m = loader.loadYaml("""
        apiVersion: v1
        kind: X
        metadata: {name: x}
        base: &base {a: 1, b: 2}
        derived:
          <<: *base
          b: 3
        many:
          <<: [{c: 1}, {c: 2, d: 4}]
        copy: *base
        """, "a.yaml").asList().get(0);
    assertThat(m.at("/derived").orElseThrow().toJson()).isEqualTo("{\"a\":1,\"b\":3}");
    assertThat(m.at("/many").orElseThrow().toJson()).isEqualTo("{\"c\":1,\"d\":4}");
    assertThat(m.at("/copy")).isEqualTo(m.at("/base"));
  }

  @Test
  void errors_nameFileLineColumnDocumentObjectAndField() {
    String yaml = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: ok}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels:
            tier: 3
        """;
    assertThatThrownBy(() -> loader.loadYaml(yaml, "deploy/web.yaml"))
        .isInstanceOf(LoadException.class)
        .hasMessage("failed to load deploy/web.yaml:10:11 (document 2): apps/v1 Deployment web:"
            + " metadata.labels.tier: must be a string")
        .satisfies(e -> {
          LoadException le = (LoadException) e;
          assertThat(le.location()).isEqualTo(new SourceLocation("deploy/web.yaml", 10, 11, 2));
          assertThat(le.field()).contains("metadata.labels.tier");
          assertThat(le.object()).contains("apps/v1 Deployment web");
        });
  }

  @Test
  void missingRequiredFields_areClearErrors() {
    assertThatThrownBy(() -> loader.loadYaml("kind: X\nmetadata: {name: a}\n", "f.yaml"))
        .hasMessage("failed to load f.yaml:1:1 (document 1): X a: apiVersion: is required");
    assertThatThrownBy(() -> loader.loadYaml("apiVersion: v1\nmetadata: {name: a}\n", "f.yaml"))
        .hasMessageContaining("kind: is required");
    assertThatThrownBy(() -> loader.loadYaml("apiVersion: v1\nkind: X\nmetadata:\n  labels: {}\n",
        "f.yaml"))
        .hasMessage("failed to load f.yaml:4:3 (document 1): v1 X: metadata.name: is required"
            + " (or metadata.generateName)");
    assertThatThrownBy(() -> loader.loadYaml("- a\n- b\n", "f.yaml"))
        .hasMessage("failed to load f.yaml:1:1 (document 1): document must be an object, not a list");
    assertThatThrownBy(() -> loader.loadYaml(
        "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: A\n  metadata: {}\n",
        "l.yaml"))
        .hasMessageContaining("l.yaml:6:13 (document 1)")
        .hasMessageContaining("items[0].metadata.name: is required");
  }

  @Test
  void oneBadFile_failsTheWholeLoad_withoutPartialResults() {
    String yaml = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: good}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: [oops}
        """;
    assertThatThrownBy(() -> loader.loadYaml(yaml, "bad.yaml"))
        .isInstanceOf(LoadException.class)
        .hasMessageStartingWith("failed to load bad.yaml:7:")
        .hasMessageContaining("(document 2)")
        .hasMessageContaining("YAML syntax error");
  }

  @Test
  void syntaxErrors_inJson_areLocated_andDoNotEchoInput() {
    assertThatThrownBy(() -> loader.loadJson("{\"apiVersion\": \"v1\",\n \"kind\": hunter2}",
        "s.json"))
        .isInstanceOf(LoadException.class)
        .hasMessageStartingWith("failed to load s.json:2:")
        .hasMessageContaining("JSON syntax error")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void secretValues_neverAppearInErrors() {
    String secret = "s3cr3t-Pa55word";
    String yaml = """
        apiVersion: v1
        kind: Secret
        metadata:
          name: creds
          annotations:
            token: %s
            bad: %s: more
        """.formatted(secret, secret);
    assertThatThrownBy(() -> loader.loadYaml(yaml, "secret.yaml"))
        .isInstanceOf(LoadException.class)
        .hasMessageNotContaining(secret);
    String wrongType = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: c\n  labels:\n"
        + "    pw: [" + secret + "]\n";
    assertThatThrownBy(() -> loader.loadYaml(wrongType, "secret.yaml"))
        .hasMessageContaining("metadata.labels.pw")
        .hasMessageNotContaining(secret);
  }

  @Test
  void duplicateKeys_andDuplicateResources_areRefused() {
    assertThatThrownBy(() -> loader.loadYaml(
        "apiVersion: v1\nkind: X\nmetadata:\n  name: a\n  name: b\n", "d.yaml"))
        .hasMessage("failed to load d.yaml:5:3 (document 1): metadata.name: duplicate key \"name\"");
    assertThatThrownBy(() -> loader.loadYaml("""
        apiVersion: v1
        kind: X
        metadata: {name: a}
        ---
        apiVersion: v1
        kind: X
        metadata: {name: a}
        """, "d.yaml"))
        .isInstanceOf(DuplicateResourceException.class)
        .hasMessageContaining("d.yaml:1:1 (document 1)")
        .hasMessageContaining("d.yaml:5:1 (document 2)");
  }

  @Test
  void tags_neverConstructTypes() {
    assertThatThrownBy(() -> loader.loadYaml("""
        apiVersion: v1
        kind: X
        metadata: {name: a}
        evil: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]
        """, "t.yaml"))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("unsupported YAML tag")
        .hasMessageContaining("t.yaml:4:7");
    assertThatThrownBy(() -> loader.loadYaml("apiVersion: v1\nkind: X\nmetadata: {name: a}\n"
        + "x: !custom value\n", "t.yaml")).hasMessageContaining("unsupported YAML tag !custom");
  }

  @Test
  void streams_areReadAsUtf8_withByteOrderMarks() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = "apiVersion: v1\nkind: X\nmetadata: {name: ü}\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, all, 0, bom.length);
    System.arraycopy(body, 0, all, bom.length, body.length);
    assertThat(loader.load(new ByteArrayInputStream(all), "u.yaml").asList().get(0).name())
        .isEqualTo("ü");
  }

  @Test
  void readDocuments_returnsPlainTrees() {
    assertThat(loader.readDocuments("a: 1\n---\n---\n- x\n", "v.yaml"))
        .extracting(Object::toString).containsExactly("{\"a\":1}", "[\"x\"]");
  }

  @Test
  void nonStringKeys_becomeStringsAsInKubernetes() {
    Manifest m = loader.loadYaml("apiVersion: v1\nkind: X\nmetadata: {name: a}\n"
        + "data:\n  1: one\n  yes: t\n  ~: n\n", "k.yaml").asList().get(0);
    // as sigs.k8s.io/yaml does: the key yes is the boolean true, and the value n is false
    assertThat(m.at("/data").orElseThrow().toJson())
        .isEqualTo("{\"1\":\"one\",\"null\":false,\"true\":\"t\"}");
  }

  @Test
  void infinities_areRefusedBecauseJsonCannotHoldThem() {
    assertThatThrownBy(() -> loader.loadYaml("apiVersion: v1\nkind: X\nmetadata: {name: a}\n"
        + "x: .inf\n", "i.yaml")).hasMessageContaining("i.yaml:4:4")
        .hasMessageContaining("infinity");
  }

  @Test
  void corpus_argoCdInstall_loadsCompletely() {
    java.nio.file.Path install = Corpus.file("argo-cd/install.yaml");
    ManifestSet set = loader.loadFile(install);
    assertThat(set.size()).isGreaterThanOrEqualTo(50);
    assertThat(set.keys()).extracting(ResourceKey::toString)
        .contains("apiextensions.k8s.io/CustomResourceDefinition//applications.argoproj.io");
    assertThat(set.stream().map(Manifest::kind).distinct().toList())
        .contains("Deployment", "StatefulSet", "Service", "ConfigMap", "Secret");
    List<Manifest> secrets = set.stream().filter(m -> m.kind().equals("Secret")).toList();
    assertThat(secrets).isNotEmpty();
  }
}
