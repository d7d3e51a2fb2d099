package io.gitopskit.core.patch.ssa;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonPointer;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.patch.TestTypes;
import io.gitopskit.core.patch.ssa.ServerSideApply.Result;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Replays gitops-engine's structured-merge-diff and server-side-diff fixtures (EXPECTED.md):
 * Argo CD applies the config to live as {@code argocd-controller} with force.
 */
class GitopsEngineFixturesTest {

  private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

  private static JsonObject predict(String live, String config) {
    JsonObject l = Fixtures.load(live);
    JsonObject c = Fixtures.load(config);
    GroupVersionKind gvk = GroupVersionKind.of(c.getString("apiVersion").orElseThrow(),
        c.getString("kind").orElseThrow());
    Result r = ServerSideApply.apply(TestTypes.INSTANCE, gvk, l, c, "argocd-controller", true,
        NOW);
    assertThat(r).isInstanceOf(Result.Applied.class);
    return ((Result.Applied) r).merged();
  }

  private static List<String> names(JsonObject o, String pointer, String field) {
    List<String> out = new ArrayList<>();
    JsonValue list = JsonPointer.parse(pointer).get(o).orElse(JsonArray.empty());
    for (JsonValue v : ((JsonArray) list).items()) {
      out.add(((JsonObject) v).getOrNull(field).toString());
    }
    return out;
  }

  @ParameterizedTest(name = "{0} + {1}")
  @CsvSource({
      // owned ports dropped from config disappear
      "smd-service-live.yaml, smd-service-config-2-ports.yaml, '\"rtmpk\",\"rtmp\"'",
      // same port number, other protocol: distinct entries
      "smd-service-live.yaml, smd-service-config-ports.yaml,"
          + " '\"rtmpk\",\"rtmp\",\"rtmpq\",\"https\",\"http3\"'",
      "smd-service-live-with-type.yaml, smd-service-config.yaml, '\"rtmpk\",\"rtmp\",\"https\"'",
  })
  void smdServicePorts(String live, String config, String ports) {
    JsonObject predicted = predict(live, config);
    assertThat(String.join(",", names(predicted, "/spec/ports", "name"))).isEqualTo(ports);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"smd-service-live-with-type.yaml"})
  void ownedScalarDroppedFromConfig_isRemoved(String live) {
    JsonObject predicted = predict(live, "smd-service-config.yaml");
    assertThat(JsonPointer.parse("/spec/type").get(predicted)).isEmpty();
    assertThat(JsonPointer.parse("/spec/sessionAffinity").get(predicted)).isPresent();
  }

  /**
   * Our merge gives the dry-run's containers, ports and env, and, where the dry-run came from a
   * real API server, exactly its ownership (ssd-deploy-nested's was written by hand: it owns
   * list nodes and a defaulted protocol that an apply never does).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "ssd-deploy-nested, false",
      "ssd-deploy-composite-key, true",
      "ssd-deploy-with-manual-apply, true",
  })
  void ssdDeployments_matchTheDryRun(String name, boolean serverWritten) {
    JsonObject predicted = predict(name + "-live.yaml", name + "-config.yaml");
    JsonObject dryRun = Fixtures.load(name + "-predicted-live.json");
    String containers = "/spec/template/spec/containers";
    assertThat(names(predicted, containers, "name"))
        .isEqualTo(names(dryRun, containers, "name"));
    for (int i = 0; i < names(dryRun, containers, "name").size(); i++) {
      assertThat(names(predicted, containers + "/" + i + "/ports", "containerPort"))
          .isEqualTo(names(dryRun, containers + "/" + i + "/ports", "containerPort"));
      assertThat(names(predicted, containers + "/" + i + "/env", "name"))
          .isEqualTo(names(dryRun, containers + "/" + i + "/env", "name"));
    }
    if (serverWritten) {
      assertThat(owned(predicted)).isEqualTo(owned(dryRun));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"ssd-svc-label-live.yaml"})
  void removedLabel_isRemoved(String live) {
    JsonObject predicted = predict(live, "ssd-svc-no-label-config.yaml");
    assertThat(JsonPointer.parse("/metadata/labels/delete-me").get(predicted)).isEmpty();
    assertThat(owned(predicted)).isEqualTo(owned(Fixtures.load(
        "ssd-svc-no-label-predicted-live.json")));
  }

  private static JsonObject owned(JsonObject o) {
    return ManagedFields.of(o).stream().filter(e -> e.manager().equals("argocd-controller"))
        .findFirst().orElseThrow().fields().toFieldsV1();
  }
}
