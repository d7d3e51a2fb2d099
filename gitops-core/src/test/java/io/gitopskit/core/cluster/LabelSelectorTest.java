package io.gitopskit.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {

  private final Map<String, String> web = Map.of("app", "web", "env", "dev");

  @Test
  void parse_everyOperator_andMatch() {
    assertThat(LabelSelector.parse("app=web").matches(web)).isTrue();
    assertThat(LabelSelector.parse("app==web,env=prod").matches(web)).isFalse();
    assertThat(LabelSelector.parse("app!=db").matches(web)).isTrue();
    assertThat(LabelSelector.parse("tier!=db").matches(web)).as("absent matches !=").isTrue();
    assertThat(LabelSelector.parse("env in (dev, staging)").matches(web)).isTrue();
    assertThat(LabelSelector.parse("env notin (dev)").matches(web)).isFalse();
    assertThat(LabelSelector.parse("app").matches(web)).isTrue();
    assertThat(LabelSelector.parse("!canary").matches(web)).isTrue();
    assertThat(LabelSelector.parse("!app").matches(web)).isFalse();
    assertThat(LabelSelector.parse("").isEverything()).isTrue();
    assertThat(LabelSelector.parse(" env in (staging,dev),app ")).hasToString("app,env in (dev,staging)");
  }

  @Test
  void malformedSelectors_areRefused() {
    assertThatThrownBy(() -> LabelSelector.parse("a,,b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LabelSelector.parse("env in dev")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LabelSelector.parse("env foo (a)")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fromJson_readsMatchLabelsAndExpressions() {
    JsonObject o = (JsonObject) JsonValue.of(Map.of(
        "matchLabels", Map.of("app", "web"),
        "matchExpressions", List.of(
            Map.of("key", "env", "operator", "In", "values", List.of("dev", "prod")),
            Map.of("key", "canary", "operator", "DoesNotExist"))));
    LabelSelector s = LabelSelector.fromJson(o);
    assertThat(s).hasToString("app=web,!canary,env in (dev,prod)");
    assertThat(s.matches(web)).isTrue();
    assertThatThrownBy(() -> LabelSelector.fromJson((JsonObject) JsonValue.of(Map.of(
        "matchExpressions", List.of(Map.of("key", "x", "operator", "Bogus"))))))
        .hasMessageContaining("Bogus");
  }
}
