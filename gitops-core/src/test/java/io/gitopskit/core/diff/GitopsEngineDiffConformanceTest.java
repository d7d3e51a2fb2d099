package io.gitopskit.core.diff;

import static io.gitopskit.core.diff.Fixtures.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonPointer;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.Manifest;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every client-side fixture pair of gitops-engine's {@code pkg/diff/testdata}, with the outcome
 * its tests expect (conformance/diff/gitops-engine/EXPECTED.md). The structured-merge-diff and
 * server-side-diff fixtures are in {@link GitopsEngineOwnershipConformanceTest}.
 */
class GitopsEngineDiffConformanceTest {

  static final Differ DEFAULT = Differ.create(DiffOptions.defaults());

  static Optional<JsonValue> at(JsonObject o, String pointer) {
    return JsonPointer.parse(pointer).get(o);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "deployment, THREE_WAY",
      "elasticsearch, THREE_WAY",
      "endpoints, THREE_WAY",
      "grafana-clusterrole, THREE_WAY",
      "mutatingwebhookconfig, THREE_WAY",
      "sealedsecret, THREE_WAY",
      "spinnaker-sa, THREE_WAY",
      "wordpress, THREE_WAY",
  })
  void clientSidePairs_areInSync(String name, DiffMethod method) {
    DiffResult r = DEFAULT.diff(manifest(name + "-config.json"), manifest(name + "-live.json"));
    assertThat(r.changes()).isEmpty();
    assertThat(r.modified()).isFalse();
    assertThat(r.method()).isEqualTo(method);
    assertThat(r.predictedLive()).isEqualTo(r.normalizedLive());
  }

  @Test
  void aggregatedClusterRole_inSyncOnlyWhenAggregatedRulesAreIgnored() {
    Manifest config = manifest("aggr-clusterrole-config.json");
    Manifest live = manifest("aggr-clusterrole-live.json");
    DiffResult ignored = Differ.create(DiffOptions.defaults().withIgnoreAggregatedRoles(true))
        .diff(config, live);
    assertThat(ignored.modified()).isFalse();
    DiffResult compared = DEFAULT.diff(config, live);
    assertThat(compared.modified()).isTrue();
    assertThat(compared.changes()).extracting(FieldChange::path).containsExactly("/rules");
    assertThat(compared.changes().get(0).isRemoval()).isTrue();
  }

  @Test
  void deployment_keepsTheForeignEnvVarInsertedBeforeOurs() {
    DiffResult r = DEFAULT.diff(manifest("deployment-config.json"),
        manifest("deployment-live.json"));
    JsonArray env = (JsonArray) at(r.predictedLive(),
        "/spec/template/spec/containers/0/env").orElseThrow();
    assertThat(env.items()).extracting(v -> ((JsonObject) v).getString("name").orElseThrow())
        .containsExactly("VAR2", "VAR1");
  }

  @Test
  void elasticsearch_labelEdits_areExactlyTheChanges() {
    Manifest config = manifest("elasticsearch-config.json");
    JsonObject labels = config.metadata().getObject("labels").orElseThrow()
        .with("foo", JsonString.of("bar")).with("chart", JsonString.of("elasticsearch-1.7.1"))
        .without("release");
    Manifest edited = config.withRoot(config.root().with("metadata",
        config.metadata().with("labels", labels)));
    DiffResult r = DEFAULT.diff(edited, manifest("elasticsearch-live.json"));
    assertThat(r.modified()).isTrue();
    assertThat(r.changes()).extracting(FieldChange::toString).containsExactly(
        "/metadata/labels/chart changed", "/metadata/labels/foo added",
        "/metadata/labels/release removed");
    assertThat(r.changes().get(0).live()).contains(JsonString.of("elasticsearch-1.7.0"));
    assertThat(r.changes().get(0).desired()).contains(JsonString.of("elasticsearch-1.7.1"));
    assertThat(r.changes().get(1).desired()).contains(JsonString.of("bar"));
    assertThat(r.changes().get(2).live()).contains(JsonString.of("elasticsearch4"));
  }

  @Test
  void redactedSecretData_isModifiedWithoutFailing() {
    Manifest config = manifest("wordpress-config.json");
    Manifest live = manifest("wordpress-live.json");
    JsonObject masked = JsonObject.builder().put("smtp-password", "++++++++")
        .put("wordpress-password", "++++++++").build();
    JsonObject masked12 = JsonObject.builder().put("smtp-password", "++++++++++++")
        .put("wordpress-password", "++++++++++++").build();
    DiffResult r = DEFAULT.diff(config.withRoot(config.root().with("data", masked)),
        live.withRoot(live.root().with("data", masked12)));
    assertThat(r.modified()).isTrue();
    assertThat(r.changes()).extracting(FieldChange::path)
        .containsExactly("/data/smtp-password", "/data/wordpress-password");
  }

  @Test
  void endpoints_protocolDefaultedAndSubsetsSorted() {
    DiffResult r = DEFAULT.diff(manifest("endpoints-config.json"),
        manifest("endpoints-live.json"));
    assertThat(r.normalizedLive().toJson()).doesNotContain("managedFields");
    assertThat(r.predictedLive().toJson()).contains("\"protocol\":\"TCP\"");
  }

  @Test
  void everyFixtureFile_isCoveredByAConformanceCase() {
    Set<String> covered = new HashSet<>();
    for (String pair : List.of("aggr-clusterrole", "deployment", "elasticsearch", "endpoints",
        "grafana-clusterrole", "mutatingwebhookconfig", "sealedsecret", "spinnaker-sa",
        "wordpress")) {
      covered.add(pair + "-config.json");
      covered.add(pair + "-live.json");
    }
    covered.addAll(GitopsEngineOwnershipConformanceTest.FILES);
    assertThat(covered).containsExactlyInAnyOrderElementsOf(Fixtures.names());
  }
}
