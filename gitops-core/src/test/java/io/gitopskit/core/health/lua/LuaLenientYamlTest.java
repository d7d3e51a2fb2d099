package io.gitopskit.core.health.lua;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.load.ManifestLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dropping duplicate keys must not change how any other value reads. */
class LuaLenientYamlTest {

  private static List<JsonValue> read(String yaml) {
    LenientYaml.Result r = LenientYaml.dedupe(yaml, 1 << 20);
    return ManifestLoader.defaults().readDocuments(r.text(), "x.yaml");
  }

  @Test
  void duplicateKeys_lastWins_andAreNamed() {
    LenientYaml.Result r = LenientYaml.dedupe("a: 1\nb: {c: 1, c: 2}\na: 3\n", 1000);
    assertThat(r.duplicates()).containsExactly("c", "a");
    JsonObject o = (JsonObject) ManifestLoader.defaults().readDocuments(r.text(), "x.yaml")
        .get(0);
    assertThat(o.getOrNull("a")).isEqualTo(JsonNumber.of(3));
    assertThat(((JsonObject) o.getOrNull("b")).getOrNull("c")).isEqualTo(JsonNumber.of(2));
  }

  @Test
  void scalars_keepTheirStyleAndMeaning() {
    JsonObject o = (JsonObject) read("""
        quoted: "yes"
        plain: yes
        octal: 0644
        time: 2018-07-20T08:23:04Z
        text: |
          line one
          line two
        folded: >-
          a
          b
        empty:
        dup: 1
        dup: 2
        """).get(0);
    assertThat(o.getOrNull("quoted")).isEqualTo(JsonString.of("yes"));
    assertThat(o.getOrNull("plain")).isEqualTo(JsonBoolean.TRUE);
    assertThat(o.getOrNull("octal")).isEqualTo(JsonNumber.of(420));
    assertThat(o.getOrNull("time")).isEqualTo(JsonString.of("2018-07-20T08:23:04Z"));
    assertThat(o.getOrNull("text")).isEqualTo(JsonString.of("line one\nline two\n"));
    assertThat(o.getOrNull("folded")).isEqualTo(JsonString.of("a b"));
    assertThat(o.has("empty")).isTrue();
  }

  @Test
  void documentsAndAliases_survive() {
    List<JsonValue> docs = read("""
        ---
        base: &b {x: 1}
        copy: *b
        copy: *b
        ---
        second: true
        """);
    assertThat(docs).hasSize(2);
    JsonObject first = (JsonObject) docs.get(0);
    assertThat(first.getOrNull("copy")).isEqualTo(first.getOrNull("base"));
    assertThat(((JsonObject) docs.get(1)).getOrNull("second")).isEqualTo(JsonBoolean.TRUE);
  }
}
