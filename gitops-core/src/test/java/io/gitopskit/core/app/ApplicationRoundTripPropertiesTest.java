package io.gitopskit.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.load.ReadResult;
import org.junit.jupiter.api.Test;

/** Properties of the Application writer: it round-trips, and its output is canonical. */
class ApplicationRoundTripPropertiesTest {

  @Test
  void readOfWrite_givesBackAnEqualApplication() {
    qt().withExamples(300).forAll(AppGen.applications()).checkAssert(app -> {
      String yaml = ApplicationYaml.write(app);
      ReadResult<Application> back = ApplicationYaml.read(yaml, "gen.yaml");
      assertThat(back.values()).as(yaml).containsExactly(app);
    });
  }

  @Test
  void writing_isDeterministic_andStableUnderRereading() {
    qt().withExamples(200).forAll(AppGen.applications()).checkAssert(app -> {
      String yaml = ApplicationYaml.write(app);
      assertThat(ApplicationYaml.write(app)).isEqualTo(yaml);
      assertThat(ApplicationYaml.write(ApplicationYaml.readOne(yaml, "gen.yaml")))
          .isEqualTo(yaml);
    });
  }

  @Test
  void fromJsonOfToJson_givesBackAnEqualApplication() {
    qt().withExamples(200).forAll(AppGen.applications()).checkAssert(app -> {
      JsonObject json = ApplicationYaml.toJson(app);
      assertThat(ApplicationYaml.fromJson(json, "gen").single()).isEqualTo(app);
    });
  }

  @Test
  void multiDocument_keepsOrder() {
    qt().withExamples(50).forAll(AppGen.applications(), AppGen.applications())
        .checkAssert((a, b) -> assertThat(ApplicationYaml.read(
            ApplicationYaml.write(java.util.List.of(a, b)), "two.yaml").values())
            .containsExactly(a, b));
  }
}
