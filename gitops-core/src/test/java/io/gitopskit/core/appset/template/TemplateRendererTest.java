package io.gitopskit.core.appset.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.generators.SourceDSL;

class TemplateRendererTest {

  private static JsonObject obj(Object o) {
    return (JsonObject) JsonValue.of(o);
  }

  private final JsonObject flat = obj(Map.of("path.basename", "app1", "name", "in-cluster",
      "values.env", "dev"));
  private final JsonObject nested = obj(Map.of(
      "path", Map.of("basename", "app_1", "segments", List.of("apps", "app_1")),
      "name", "Prod-West", "replicas", 3, "enabled", true,
      "labels", Map.of("env", "prod", "tier", "web"), "empty", ""));
  private final TemplateRenderer fast = new TemplateRenderer(TemplateOptions.fast());
  private final TemplateRenderer go = new TemplateRenderer(TemplateOptions.go(List.of()));
  private final TemplateRenderer goStrict =
      new TemplateRenderer(TemplateOptions.go(List.of("missingkey=error")));

  @Test
  void fast_substitutesTrimmedKeys_andKeepsMissingOnesLiteral() {
    assertThat(fast.render("{{path.basename}}-{{ name }}", flat)).isEqualTo("app1-in-cluster");
    assertThat(fast.render("{{ nope }} {{}} {{values.env}}", flat))
        .isEqualTo("{{ nope }} {{}} dev");
    assertThat(fast.render("plain {{unclosed", flat)).isEqualTo("plain {{unclosed");
  }

  @Test
  void fast_nonStringParamsStayLiteral() {
    assertThat(fast.render("{{replicas}}", nested)).isEqualTo("{{replicas}}");
  }

  @Test
  void go_fieldsIndexPipelinesAndFunctions() {
    assertThat(go.render("{{.path.basename}}", nested)).isEqualTo("app_1");
    assertThat(go.render("{{ index .path.segments 0 }}", nested)).isEqualTo("apps");
    assertThat(go.render("{{ index .labels \"env\" }}", nested)).isEqualTo("prod");
    assertThat(go.render("{{ .name | lower }}", nested)).isEqualTo("prod-west");
    assertThat(go.render("{{ upper .name }}", nested)).isEqualTo("PROD-WEST");
    assertThat(go.render("{{ .path.basename | normalize }}", nested)).isEqualTo("app-1");
    assertThat(go.render("{{ replace \"-\" \"_\" .name }}", nested)).isEqualTo("Prod_West");
    assertThat(go.render("{{ trunc 4 .name }}", nested)).isEqualTo("Prod");
    assertThat(go.render("{{ trunc -4 .name }}", nested)).isEqualTo("West");
    assertThat(go.render("{{ quote .name }}", nested)).isEqualTo("\"Prod-West\"");
    assertThat(go.render("{{ printf \"%s-%d\" .name .replicas }}", nested))
        .isEqualTo("Prod-West-3");
    assertThat(go.render("{{ .empty | default \"fallback\" }}", nested)).isEqualTo("fallback");
    assertThat(go.render("{{ .missing | default \"x\" }}", nested)).isEqualTo("x");
    assertThat(go.render("{{ .labels | toJson }}", nested))
        .isEqualTo("{\"env\":\"prod\",\"tier\":\"web\"}");
    assertThat(go.render("{{ .labels | toYaml }}", nested)).isEqualTo("env: prod\ntier: web");
    assertThat(go.render("{{ (index .path.segments 1) | upper }}", nested)).isEqualTo("APP_1");
    // (x).f chains a field; (x) .f is a second operand
    assertThat(go.render(
        "{{ (.labels).env }}|{{ if and (eq .name \"Prod-West\") .enabled }}y{{ end }}", nested))
        .isEqualTo("prod|y");
  }

  /** Argo CD decodes parameters with encoding/json: every number is a float64 printed by %v. */
  @Test
  void go_numbersAreGoFloats() {
    JsonObject numbers = obj(Map.of("big", 1000000, "replicas", 3, "half", 1.5, "tiny", 0.00001));
    assertThat(go.render("{{ .big }} {{ .replicas }} {{ .half }} {{ .tiny }}", numbers))
        .isEqualTo("1e+06 3 1.5 1e-05");
    assertThat(go.render("{{ toJson .big }} {{ .big | toString }}", numbers))
        .isEqualTo("1000000 1e+06");
    assertThat(go.render("{{ kindIs \"float64\" .replicas }} {{ add .replicas 1 }}", numbers))
        .isEqualTo("true 4");
    assertThat(go.render("{{ printf \"%v|%g\" .big .big }}", numbers)).isEqualTo("1e+06|1e+06");
  }

  @Test
  void go_controlFlowVariablesAndTrimMarkers() {
    assertThat(go.render("{{ if eq .labels.env \"prod\" }}P{{ else if .enabled }}E{{ else }}N{{ end }}",
        nested)).isEqualTo("P");
    assertThat(go.render("{{- range $i, $s := .path.segments }}{{ $i }}={{ $s }};{{ end -}}",
        nested)).isEqualTo("0=apps;1=app_1;");
    assertThat(go.render("{{ with .labels }}{{ .tier }}{{ end }}", nested)).isEqualTo("web");
    assertThat(go.render("{{ $n := .name }}{{ $n }}/{{ $.replicas }}", nested))
        .isEqualTo("Prod-West/3");
    assertThat(go.render("a  {{- /* comment */ -}}  b", nested)).isEqualTo("ab");
    // a comment ends at the first */ whatever quotes it holds
    assertThat(go.render("a{{/* say \"hi or `x }} */}}b {{- /* c */ -}} c", nested))
        .isEqualTo("abc");
    // Go trims only space, tab, CR and LF
    assertThat(go.render("a\u000c\u3000 {{- 1 -}} \n\t\u00a0b", nested))
        .isEqualTo("a\u000c\u30001\u00a0b");
    assertThat(go.render("{{ range .nope }}x{{ else }}none{{ end }}", nested)).isEqualTo("none");
  }

  @Test
  void go_missingKey_rendersNoValue_orFailsWithMissingkeyError() {
    assertThat(go.render("{{ .nope }}", nested)).isEqualTo("<no value>");
    assertThatThrownBy(() -> goStrict.render("{{ .nope }}", nested))
        .isInstanceOf(TemplateException.class).hasMessageContaining("map has no entry for key");
    assertThatThrownBy(() -> go.render("{{ .nope.deeper }}", nested))
        .isInstanceOf(TemplateException.class).hasMessageContaining("nil pointer");
  }

  /**
   * Go converts a nil interface ending a pipeline to an invalid value, printed {@code <no
   * value>} (so a JSON null parameter prints like a missing key), but passes a missing key to
   * a function as nil, which fmt prints {@code <nil>}; Sprig's cat and join drop nils.
   */
  @Test
  void go_nilAndMissingValues_printAsGoPrintsThem() {
    java.util.Map<String, Object> m = new java.util.HashMap<>();
    m.put("nul", null);
    JsonObject p = obj(m);
    assertThat(go.render("{{ .nul }}|{{ first (list) }}|{{ $x := .nul }}{{ $x }}", p))
        .isEqualTo("<no value>|<no value>|<no value>");
    assertThat(go.render("{{ print .nope }}|{{ printf \"%v\" .nope }}|{{ .nul | toString }}", p))
        .isEqualTo("<nil>|<nil>|<nil>");
    assertThat(go.render("{{ cat \"a\" .nope \"b\" }}|{{ join \",\" (list \"a\" nil \"b\") }}", p))
        .isEqualTo("a b|a,b");
  }

  /** Since Go 1.18 and/or stop evaluating their arguments once the result is known. */
  @Test
  void go_andOr_shortCircuit() {
    assertThat(go.render("{{ if and false .nope.deeper }}x{{ else }}y{{ end }}", nested))
        .isEqualTo("y");
    assertThat(goStrict.render("{{ if and (hasKey . \"nope\") .nope }}x{{ else }}y{{ end }}",
        nested)).isEqualTo("y");
    assertThat(goStrict.render("{{ or .name .nope }}|{{ .empty | or .name }}", nested))
        .isEqualTo("Prod-West|Prod-West");
    assertThat(go.render("{{ and .name .empty }}|{{ .name | and 1 }}|{{ or 0 \"\" }}", nested))
        .isEqualTo("|Prod-West|");
  }

  /** Sprig functions common in ApplicationSets: keys|sortAlpha, has, dig, add1, max, min. */
  @Test
  void go_moreSprigFunctions() {
    assertThat(go.render("{{ keys .labels | sortAlpha | join \",\" }}", nested))
        .isEqualTo("env,tier");
    assertThat(go.render("{{ has \"apps\" .path.segments }}|{{ has \"x\" .path.segments }}",
        nested)).isEqualTo("true|false");
    assertThat(go.render("{{ dig \"labels\" \"env\" \"d\" . }}|{{ dig \"labels\" \"x\" \"d\" . }}",
        nested)).isEqualTo("prod|d");
    assertThat(go.render("{{ add1 .replicas }}|{{ max 1 5 3 }}|{{ min 4 2 }}", nested))
        .isEqualTo("4|5|2");
  }

  /** Sprig's toRawJson encodes without HTML escaping; toJson escapes like json.Marshal. */
  @Test
  void go_toRawJson_doesNotEscapeHtml() {
    assertThat(go.render("{{ toRawJson (dict \"a\" \"<b>&\") }}|{{ toJson \"<&>\" }}", nested))
        .isEqualTo("{\"a\":\"<b>&\"}|\"\\u003c\\u0026\\u003e\"");
  }

  /** Go's string escapes; unicode.IsSpace in trim/nospace; splitList "" per character. */
  @Test
  void go_escapesSpacesAndSplitLikeGo() {
    assertThat(go.render("{{ \"\\x41\\101\\U0001F600\\a\\v\\f\\b\" }}", nested))
        .isEqualTo("AA\uD83D\uDE00\u0007\u000b\f\b");
    assertThat(go.render(
        "[{{ trim \"\u00a0x\u0085\u3000\" }}|{{ nospace \"a\u00a0b c\" }}]", nested))
        .isEqualTo("[x|abc]");
    assertThat(go.render("{{ splitList \"\" \"abc\" | join \",\" }}", nested)).isEqualTo("a,b,c");
  }

  /** Go 1.18's break and continue inside range; elsewhere a parse error. */
  @Test
  void go_breakAndContinueInRange() {
    JsonObject p = obj(Map.of("l", List.of("a", "b", "c", "d")));
    assertThat(go.render("{{ range .l }}{{ if eq . \"b\" }}{{ continue }}{{ end }}"
        + "{{ if eq . \"d\" }}{{ break }}{{ end }}{{ . }}{{ end }}", p)).isEqualTo("ac");
    assertThat(go.render("{{ range $i, $x := .l }}{{ range $.l }}{{ break }}{{ end }}{{ $x }}"
        + "{{ end }}", p)).isEqualTo("abcd");
    assertThatThrownBy(() -> go.render("{{ if true }}{{ break }}{{ end }}", p))
        .isInstanceOf(TemplateException.class).hasMessageContaining("{{break}} outside {{range}}");
    assertThatThrownBy(() -> go.render("{{ range .l }}{{ else }}{{ continue }}{{ end }}", p))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("{{continue}} outside {{range}}");
  }

  /** regexReplaceAll expands the replacement as Go's regexp.Expand: $name takes the longest name. */
  @Test
  void go_regexReplaceAll_expandsLikeGo() {
    assertThat(go.render("{{ regexReplaceAll \"a(b)\" \"abab\" \"${1}x\" }}|"
        + "{{ regexReplaceAll \"a(b)\" \"ab\" \"[$1x]\" }}|"
        + "{{ regexReplaceAll \"a(b)\" \"ab\" \"$$1\\\\$1.$2\" }}|"
        + "{{ regexReplaceAll \"(?<n>b)\" \"ab\" \"<${n}0>\" }}", nested))
        .isEqualTo("bxbx|[]|$1\\b.|a<b0>");
    // a group the expression does not have expands to nothing, as in Go (not an error)
    assertThat(go.render("{{ regexReplaceAll \"w\" \"awe\" \"$9\" }}", nested)).isEqualTo("ae");
  }

  /** Sprig's title is strings.Title: non-alphanumeric ASCII (not '_') and spaces separate words. */
  @Test
  void go_title_separatesWordsLikeGo() {
    assertThat(go.render("{{ title \"foo_bar.baz-qux x\" }}", nested))
        .isEqualTo("Foo_bar.Baz-Qux X");
  }

  @Test
  void go_syntaxErrorsAndUnknownFunctionsAreReported() {
    assertThatThrownBy(() -> go.render("{{ if .enabled }}x", nested))
        .isInstanceOf(TemplateException.class).hasMessageContaining("missing {{end}}");
    assertThatThrownBy(() -> go.render("{{ env \"HOME\" }}", nested))
        .isInstanceOf(TemplateException.class).hasMessageContaining("\"env\" not defined");
    assertThatThrownBy(() -> go.render("{{ .name", nested))
        .isInstanceOf(TemplateException.class).hasMessageContaining("unclosed action");
  }

  @Test
  void renderTree_rendersValuesAndKeys_andSharesUnchangedSubtrees() {
    JsonObject template = obj(Map.of(
        "metadata", Map.of("name", "{{path.basename}}",
            "labels", Map.of("{{name}}", "yes")),
        "spec", Map.of("project", "default", "replicas", 2, "list", List.of("a", "{{values.env}}"))));
    JsonObject out = (JsonObject) fast.renderTree(template, flat);
    assertThat(out.toJson()).isEqualTo("{\"metadata\":{\"labels\":{\"in-cluster\":\"yes\"},"
        + "\"name\":\"app1\"},\"spec\":{\"list\":[\"a\",\"dev\"],\"project\":\"default\","
        + "\"replicas\":2}}");
    JsonObject plain = obj(Map.of("a", Map.of("b", "c")));
    assertThat(fast.renderTree(plain, flat)).isSameAs(plain);
  }

  @Test
  void normalize_followsArgoCd() {
    assertThat(TemplateRenderer.normalize("production_01/west")).isEqualTo("production-01-west");
    assertThat(TemplateRenderer.normalize("app_3")).isEqualTo("app-3");
    assertThat(TemplateRenderer.normalize("file_name.yaml")).isEqualTo("file-name.yaml");
    assertThat(TemplateRenderer.normalize("-.Upper.-")).isEqualTo("upper");
    assertThat(TemplateRenderer.normalize("x".repeat(300))).hasSize(253);
    // Go's regexp replaces one rune, not one UTF-16 unit, per invalid character
    assertThat(TemplateRenderer.normalize("A\uD83D\uDE00b")).isEqualTo("a-b");
  }

  @Test
  void property_normalizeIsIdempotentAndDnsSafe() {
    QuickTheory.qt().forAll(SourceDSL.strings().allPossible().ofLengthBetween(0, 40))
        .checkAssert(s -> {
          String n = TemplateRenderer.normalize(s);
          assertThat(n).matches("[-a-z0-9.]*");
          assertThat(TemplateRenderer.normalize(n)).isEqualTo(n);
        });
  }

  @Test
  void property_fastTextWithoutBracesIsUnchanged() {
    QuickTheory.qt().forAll(SourceDSL.strings().basicLatinAlphabet().ofLengthBetween(0, 40))
        .assuming(s -> !s.contains("{{"))
        .checkAssert(s -> {
          assertThat(fast.render(s, flat)).isEqualTo(s);
          assertThat(go.render(s, nested)).isEqualTo(s);
        });
  }
}
