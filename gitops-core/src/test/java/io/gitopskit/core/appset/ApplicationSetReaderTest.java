package io.gitopskit.core.appset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.appset.rollout.RolloutStrategy;
import io.gitopskit.core.load.LoadException;
import org.junit.jupiter.api.Test;

class ApplicationSetReaderTest {

  static final String GUESTBOOK = """
      apiVersion: argoproj.io/v1alpha1
      kind: ApplicationSet
      metadata:
        name: guestbook
        namespace: argocd
      spec:
        goTemplate: true
        goTemplateOptions: ["missingkey=error"]
        generators:
        - list:
            elements:
            - cluster: dev
              url: https://dev.example.com
        - clusters:
            selector:
              matchLabels:
                env: prod
        template:
          metadata:
            name: '{{.cluster}}-guestbook'
            labels:
              env: '{{.cluster}}'
          spec:
            project: default
            source:
              repoURL: https://github.com/argoproj/argocd-example-apps
              targetRevision: HEAD
              path: guestbook
            destination:
              server: '{{.url}}'
              namespace: guestbook
        templatePatch: |
          spec:
            source:
              targetRevision: main
        syncPolicy:
          applicationsSync: create-update
          preserveResourcesOnDeletion: true
        strategy:
          type: RollingSync
          deletionOrder: Reverse
          rollingSync:
            steps:
            - matchExpressions:
              - {key: env, operator: In, values: [dev]}
            - matchExpressions:
              - {key: env, operator: In, values: [prod]}
              maxUpdate: 25%
        preservedFields:
          annotations: [keep-me]
        ignoreApplicationDifferences:
        - jsonPointers: [/spec/source/targetRevision]
      """;

  @Test
  void read_fullSpec_andRoundTripThroughTheWriter() {
    ApplicationSetReader.Result r = ApplicationSetReader.defaults().read(GUESTBOOK, "set.yaml");
    ApplicationSet s = r.applicationSet();
    assertThat(r.warnings()).isEmpty();
    assertThat(s.name()).isEqualTo("guestbook");
    assertThat(s.generators()).hasSize(2);
    assertThat(s.templateOptions().missingKeyError()).isTrue();
    assertThat(s.applicationsSync()).isEqualTo(ApplicationsSyncPolicy.CREATE_UPDATE);
    assertThat(s.preserveResourcesOnDeletion()).isTrue();
    assertThat(s.strategy().type()).isEqualTo(RolloutStrategy.Type.ROLLING_SYNC);
    assertThat(s.strategy().steps()).hasSize(2);
    assertThat(s.strategy().steps().get(1).maxUpdate()).isEqualTo("25%");
    assertThat(s.strategy().reverseDeletion()).isTrue();
    assertThat(s.ignoreApplicationDifferences().get(0).jsonPointers())
        .containsExactly("/spec/source/targetRevision");

    String yaml = ApplicationSetWriter.toYaml(s);
    ApplicationSet again = ApplicationSetReader.defaults().read(yaml, "again.yaml").applicationSet();
    assertThat(again).isEqualTo(s);
  }

  @Test
  void unknownFields_areWarnings_andTemplatedProjectIsFlagged() {
    String text = GUESTBOOK.replace("  goTemplate: true\n", "  goTemplate: true\n  bogus: 1\n")
        .replace("project: default", "project: '{{.cluster}}'");
    ApplicationSetReader.Result r = ApplicationSetReader.defaults().read(text, "set.yaml");
    assertThat(r.warnings()).anyMatch(w -> w.contains("unknown field spec.bogus"));
    assertThat(r.warnings()).anyMatch(w -> w.contains("spec.template.spec.project is templated"));
  }

  @Test
  void invalidValues_areErrors_withFileLineAndFieldPath() {
    String badPolicy = GUESTBOOK.replace("create-update", "create-everything");
    assertThatThrownBy(() -> ApplicationSetReader.defaults().read(badPolicy, "set.yaml"))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("set.yaml:37")
        .hasMessageContaining("ApplicationSet guestbook")
        .hasMessageContaining("spec.syncPolicy.applicationsSync");
    String unknownGenerator = GUESTBOOK.replace("- clusters:", "- scmProvider:");
    assertThatThrownBy(() -> ApplicationSetReader.defaults().read(unknownGenerator, "set.yaml"))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("set.yaml:14")
        .hasMessageContaining("spec.generators[1]")
        .hasMessageContaining("unknown generator");
    String badOperator = GUESTBOOK.replace("operator: In, values: [prod]", "operator: Gt, values: [prod]");
    assertThatThrownBy(() -> ApplicationSetReader.defaults().read(badOperator, "set.yaml"))
        .hasMessageContaining("spec.strategy.rollingSync.steps[1].matchExpressions[0]");
    assertThatThrownBy(() -> ApplicationSetReader.defaults().read(
        GUESTBOOK.replace("kind: ApplicationSet", "kind: Application"), "set.yaml"))
        .hasMessageContaining("kind: must be ApplicationSet");
    assertThatThrownBy(() -> ApplicationSetReader.defaults().read(
        GUESTBOOK.replace("  goTemplate: true\n", ""), "set.yaml"))
        .hasMessageContaining("templatePatch: requires goTemplate");
  }
}
