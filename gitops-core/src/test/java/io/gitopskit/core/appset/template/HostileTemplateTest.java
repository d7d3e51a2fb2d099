package io.gitopskit.core.appset.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Templates written to exhaust the host: deep nesting, huge output, long loops, catastrophic
 * regular expressions, out-of-range arguments, recursion. Each must end in a {@link
 * TemplateException} with a clear message (the time-outs only guard against hangs) — or, where
 * Go itself has an answer (printf widths), in Go's answer.
 */
class HostileTemplateTest {

  private static final Duration GUARD = Duration.ofSeconds(10);
  private static final int MAX = TemplateRenderer.MAX_RENDERED_CHARS;

  private final TemplateRenderer go = new TemplateRenderer(TemplateOptions.go(List.of()));
  private final TemplateRenderer fast = new TemplateRenderer(TemplateOptions.fast());
  private final JsonObject params = obj(Map.of("name", "web", "n", 3));

  private static JsonObject obj(Object o) {
    return (JsonObject) JsonValue.of(o);
  }

  private String render(String template) {
    return assertTimeoutPreemptively(GUARD, () -> go.render(template, params));
  }

  private void assertFails(String template, String problem) {
    assertThatThrownBy(() -> render(template)).isInstanceOf(TemplateException.class)
        .hasMessageContaining(problem);
  }

  // ---------------------------------------------------------------- nesting

  @Test
  void deeplyNestedParentheses_areRefused_notAStackOverflow() {
    assertFails("{{ " + "(".repeat(20_000) + ".name" + ")".repeat(20_000) + " }}",
        "nested deeper than 100");
    assertThat(render("{{ " + "(".repeat(50) + ".name" + ")".repeat(50) + " }}")).isEqualTo("web");
  }

  @Test
  void deeplyNestedBlocks_areRefused() {
    assertFails("{{if true}}".repeat(20_000) + "x" + "{{end}}".repeat(20_000),
        "nested deeper than 100");
    assertFails("{{if false}}{{else if false}}".repeat(1) + "{{else if false}}".repeat(20_000)
        + "{{end}}", "nested deeper than 100");
    assertThat(render("{{with .}}".repeat(50) + "{{.name}}" + "{{end}}".repeat(50)))
        .isEqualTo("web");
  }

  @Test
  void deeplyNestedPipelines_inOneAction_work() {
    assertThat(render("{{ .name" + " | upper | lower".repeat(5_000) + " }}")).isEqualTo("web");
  }

  // ---------------------------------------------------------------- size and time

  @Test
  void printfWithAHugeWidth_givesGosAnswer() {
    assertThat(render("{{ printf \"%01000000000d\" 7 }}")).isEqualTo("%!(NOVERB)%!(EXTRA int=7)");
    assertThat(render("{{ printf \"%.99999999f\" 1.5 }}"))
        .isEqualTo("%!(NOVERB)%!(EXTRA float64=1.5)");
    assertThat(render("{{ printf \"%999999d\" 7 }}")).hasSize(999_999).endsWith(" 7");
    assertThat(render("{{ printf \"%-5d|%05d|%05d\" 7 -7 7 }}")).isEqualTo("7    |-0007|00007");
  }

  @Test
  void printfWhoseWidthsAddUpPastTheLimit_isRefused() {
    assertFails("{{ printf \"%999999d%999999d%999999d%999999d\" 1 2 3 4 }}",
        "longer than " + MAX);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{{ repeat 1000000000 \"xy\" }}",
      "{{ repeat 2147483648 \"x\" }}",
      "{{ indent 100000 (repeat 1000 \"\\n\") }}",
      "{{ replace \"\" (repeat 1000 \"x\") (repeat 10000 \"y\") }}",
      "{{ $s := repeat 1000000 \"x\" }}{{ toJson (list $s $s $s $s) }}",
      "{{ $s := repeat 1000000 \"x\" }}{{ toYaml (dict \"a\" $s \"b\" $s \"c\" $s \"d\" $s) }}",
      "{{ $s := repeat 1000000 \"x\" }}{{ list $s $s $s $s }}",
      "{{ $s := repeat 1000000 \"x\" }}{{ cat $s $s $s $s }}",
      "{{ $s := repeat 1000000 \"x\" }}{{ join \",\" (list $s $s $s $s) }}",
      "{{ $s := repeat 1000000 \"x\" }}{{ upper (list $s $s $s $s) }}",
      "{{ $s := repeat 1000000 \"x\" }}{{ $s }}{{ $s }}{{ $s }}{{ $s }}",
      "{{ $s := \"xx\" }}{{ range 64 }}{{ $s = printf \"%s%s\" $s $s }}{{ end }}",
      "{{ $l := list \"x\" }}{{ range 40 }}{{ $l = list $l $l }}{{ end }}{{ toJson $l }}",
      "{{ $l := list \"x\" }}{{ range 40 }}{{ $l = list $l $l }}{{ end }}{{ $l }}",
  })
  void amplification_isRefusedAtTheSizeLimit(String template) {
    assertFails(template, "longer than " + MAX);
  }

  @Test
  void valuesNestedDeeply_areRefused_beforePrintingOverflowsTheStack() {
    assertFails("{{ $x := dict }}{{ range 100000 }}{{ $x = dict \"a\" $x }}{{ end }}"
        + "{{ toJson $x }}", "nested deeper than 200");
    assertFails("{{ $x := list }}{{ range 100000 }}{{ $x = list $x }}{{ end }}{{ $x }}",
        "nested deeper than 200");
  }

  @Test
  void longLoops_stopAtTheStepLimit() {
    assertFails("{{ range 1000000000 }}{{ end }}", "more than 1000000 steps");
    assertFails("{{ range $i := 100000 }}{{ range 100000 }}x{{ end }}{{ end }}",
        "more than 1000000 steps");
    assertThat(render("{{ range 10 }}x{{ end }}")).isEqualTo("xxxxxxxxxx");
  }

  @Test
  void uniqOfALongList_isNotQuadratic() {
    String text = "abcdefghij".repeat(100_000);
    assertThat(assertTimeoutPreemptively(GUARD, () -> go.render(
        "{{ join \"\" (uniq (splitList \"\" .t)) }}", obj(Map.of("t", text)))))
        .isEqualTo("abcdefghij");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{{ regexMatch \"^(a+)+$\" .t }}",
      "{{ regexFind \"(a|aa)+$\" .t }}",
      "{{ regexReplaceAll \"(a*)*b\" .t \"x\" }}",
  })
  void catastrophicRegex_isRefused_notAHang(String template) {
    JsonObject p = obj(Map.of("t", "a".repeat(5_000) + "!"));
    assertThatThrownBy(() -> assertTimeoutPreemptively(GUARD, () -> go.render(template, p)))
        .isInstanceOf(TemplateException.class).hasMessageContaining("backtracking");
  }

  @Test
  void regexTooDeepToCompile_isABadExpression() {
    assertFails("{{ regexMatch \"" + "(".repeat(100_000) + "a" + ")".repeat(100_000)
        + "\" .name }}", "bad regular expression");
  }

  // ---------------------------------------------------------------- bad arguments

  @ParameterizedTest
  @ValueSource(strings = {
      "{{ slice .name 2 99 }}",
      "{{ slice .name -1 }}",
      "{{ slice .name 3 1 }}",
      "{{ slice (list 1 2) 0 9999999999 }}",
      "{{ substr -1 -5 .name }}",
      "{{ index .name 99 }}",
      "{{ repeat -1 .name }}",
      "{{ indent -2 .name }}",
      "{{ \"\\uZZZZ\" }}",
      "{{ 0x }}",
  })
  void outOfRangeArguments_areTemplateErrors(String template) {
    assertThatThrownBy(() -> render(template)).isInstanceOf(TemplateException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{{ define \"t\" }}{{ template \"t\" }}{{ end }}",
      "{{ template \"t\" . }}", "{{ block \"b\" . }}x{{ end }}"})
  void noConstructAllowsRecursion(String template) {
    assertFails(template, "is not supported");
  }

  // ---------------------------------------------------------------- no re-expansion

  @Test
  void paramMode_parametersReferencingParameters_areNotExpandedAgain() {
    JsonObject p = obj(Map.of("a", "{{b}}", "b", "{{a}}", "c", "{{c}}{{c}}"));
    assertThat(fast.render("{{a}}|{{b}}|{{c}}", p)).isEqualTo("{{b}}|{{a}}|{{c}}{{c}}");
    JsonObject tree = obj(Map.of("x", "{{a}}", "y", List.of("{{c}}")));
    assertThat(fast.renderTree(tree, p)).isEqualTo(obj(Map.of("x", "{{b}}", "y",
        List.of("{{c}}{{c}}"))));
  }

  @Test
  void goMode_parameterValuesAreData_notTemplates() {
    JsonObject p = obj(Map.of("a", "{{ .b }}", "b", "{{ repeat 1000000000 \"x\" }}"));
    assertThat(go.render("{{ .a }}|{{ .b }}", p))
        .isEqualTo("{{ .b }}|{{ repeat 1000000000 \"x\" }}");
  }

  @Test
  void paramMode_manyCopiesOfABigParameter_areRefused() {
    JsonObject p = obj(Map.of("big", "x".repeat(1_000_000)));
    assertThatThrownBy(() -> fast.render("{{big}}".repeat(4), p))
        .isInstanceOf(TemplateException.class).hasMessageContaining("longer than " + MAX);
  }

  @Test
  void aTreeWhoseFieldsAddUpPastTheLimit_isRefused_namingTheField() {
    JsonObject p = obj(Map.of("big", "x".repeat(400_000)));
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < 10; i++) {
      fields.put("f" + i, "{{big}}");
    }
    JsonObject tree = obj(Map.of("spec", fields));
    assertThatThrownBy(() -> fast.renderTree(tree, p)).isInstanceOf(TemplateException.class)
        .hasMessageContaining("failed to render spec.f")
        .hasMessageContaining("longer than " + MAX);
    JsonObject small = obj(Map.of("spec", Map.of("a", "{{big}}", "b", "{{big}}")));
    assertThat(fast.renderTree(small, p).toJson()).hasSizeGreaterThan(800_000);
  }

  // ---------------------------------------------------------------- secrets

  @Test
  void errors_neverQuoteTheTemplateText() {
    String secret = "ghp_l1teralT0kenInATemplate";
    JsonObject tree = obj(Map.of("spec", Map.of("helm", Map.of("parameters", List.of(
        Map.of("name", "token", "value", secret + "{{ .missing.deeper }}"))))));
    assertThatThrownBy(() -> go.renderTree(tree, params)).isInstanceOf(TemplateException.class)
        .hasMessageContaining("spec.helm.parameters[0].value")
        .hasMessageContaining("nil pointer")
        .hasMessageNotContaining(secret);
    assertThatThrownBy(() -> go.render(secret + "{{ if }}", params))
        .isInstanceOf(TemplateException.class).hasMessageNotContaining(secret);
    assertThatThrownBy(() -> go.render("{{ \"" + secret + "\" \"x\" }}", params))
        .isInstanceOf(TemplateException.class).hasMessageNotContaining(secret);
    assertThatThrownBy(() -> go.render("{{ .name | printf \"%s\" | " + secret + " }}", params))
        .isInstanceOf(TemplateException.class).hasMessageContaining("not defined");
  }
}
