package io.gitopskit.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import org.junit.jupiter.api.Test;

/** How differences become {@link FieldChange}s. */
class ChangesTest {

  @Test
  void changes_comeInDocumentOrder_atTheDeepestDifference() {
    JsonObject live = JsonObject.builder()
        .put("b", JsonArray.of(JsonNumber.of(1), JsonObject.of("x", JsonNumber.of(1))))
        .put("a~/", JsonString.of("gone"))
        .put("c", JsonArray.of(JsonNumber.of(1)))
        .put("same", JsonString.of("s")).build();
    JsonObject predicted = JsonObject.builder()
        .put("b", JsonArray.of(JsonNumber.of(1), JsonObject.of("x", JsonNumber.of(2))))
        .put("c", JsonArray.of(JsonNumber.of(1), JsonNumber.of(2)))
        .put("d", JsonString.of("new"))
        .put("same", JsonString.of("s")).build();
    assertThat(Changes.between(live, predicted)).extracting(FieldChange::toString)
        .containsExactly("/a~0~1 removed", "/b/1/x changed", "/c changed", "/d added");
  }

  @Test
  void equalObjects_haveNoChanges_andAMissingSideIsOneRootChange() {
    JsonObject o = JsonObject.of("a", JsonNumber.of(1));
    assertThat(Changes.between(o, o)).isEmpty();
    assertThat(Changes.between(null, o)).singleElement()
        .satisfies(c -> assertThat(c.path()).isEmpty());
    assertThat(Changes.between(null, null)).isEmpty();
  }
}
