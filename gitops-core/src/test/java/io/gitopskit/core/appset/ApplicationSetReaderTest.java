package io.gitopskit.core.appset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.load.ReadResult;
import io.gitopskit.core.load.ReadWarning;
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
    ReadResult<ApplicationSet> r = ApplicationSetReader.defaults().read(GUESTBOOK, "set.yaml");
    ApplicationSet s = r.single();
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
    ApplicationSet again = ApplicationSetReader.defaults().read(yaml, "again.yaml").single();
    assertThat(again).isEqualTo(s);
  }

  @Test
  void unknownFields_areWarnings_andTemplatedProjectIsFlagged() {
    String text = GUESTBOOK.replace("  goTemplate: true\n", "  goTemplate: true\n  bogus: 1\n")
        .replace("project: default", "project: '{{.cluster}}'");
    ReadResult<ApplicationSet> r = ApplicationSetReader.defaults().read(text, "set.yaml");
    assertThat(r.warnings()).extracting(ReadWarning::field)
        .containsExactlyInAnyOrder("spec.bogus", "spec.template.spec.project");
    ReadWarning bogus = r.warnings().stream().filter(w -> w.field().equals("spec.bogus"))
        .findFirst().orElseThrow();
    assertThat(bogus.message()).isEqualTo("unknown field (ignored)");
    assertThat(bogus.location().line()).isEqualTo(8);
    assertThat(bogus.object()).isEqualTo("argoproj.io/v1alpha1 ApplicationSet guestbook");
    ReadWarning project = r.warnings().stream().filter(w -> w.field().endsWith("project"))
        .findFirst().orElseThrow();
    assertThat(project.message()).startsWith("is templated");
    assertThat(project.location().line()).isEqualTo(25);
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

  @Test
  void readsSeveralDocuments_jqEntries_andLocatesBadPointers() {
    String two = GUESTBOOK + "---\n" + GUESTBOOK.replace("name: guestbook", "name: second")
        .replace("- jsonPointers: [/spec/source/targetRevision]",
            "- name: dev-guestbook\n    jqPathExpressions: ['.spec.source.targetRevision']");
    ReadResult<ApplicationSet> r = ApplicationSetReader.defaults().read(two, "sets.yaml");
    assertThat(r.values()).extracting(ApplicationSet::name).containsExactly("guestbook", "second");
    IgnoreDifference d = r.values().get(1).ignoreApplicationDifferences().get(0);
    assertThat(d.name()).isEqualTo("dev-guestbook");
    assertThat(d.toIgnoreRule().jqPathExpressions()).containsExactly(".spec.source.targetRevision");
    assertThat(d.toIgnoreRule().kind()).isEqualTo("Application");
    assertThatThrownBy(() -> ApplicationSetReader.defaults().read(
        GUESTBOOK.replace("[/spec/source/targetRevision]", "[spec/source]"), "set.yaml"))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("set.yaml:52")
        .hasMessageContaining("spec.ignoreApplicationDifferences[0].jsonPointers[0]: must start with /")
        .hasMessageNotContaining("spec/source");
  }
}
