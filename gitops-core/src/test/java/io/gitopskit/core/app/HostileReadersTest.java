package io.gitopskit.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.gitopskit.core.appset.ApplicationSetReader;
import io.gitopskit.core.load.LoadException;
import io.gitopskit.core.load.LoadLimits;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.project.AppProjectYaml;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input through the three Argo CD readers ({@link ApplicationYaml}, {@link
 * AppProjectYaml}, {@link ApplicationSetReader}): YAML bombs, alias floods, deep nesting, huge
 * documents, fields of the wrong type, and secrets next to bad fields. Every case must end in a
 * {@link LoadException} that names the file (and the field, where there is one) — never another
 * exception, never the value.
 */
class HostileReadersTest {

  private static final Duration GUARD = Duration.ofSeconds(10);
  private static final String SECRET = "ghp_s3cr3tT0kenValue0123456789abcdef";

  /** A reader under test: reads text from a file name with a loader. */
  interface Reader {
    void read(String text, String origin, ManifestLoader loader);
  }

  static Stream<Arguments> readers() {
    return Stream.of(
        Arguments.of("Application", (Reader) ApplicationYaml::read,
            "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: x}\n"
                + "spec:\n  project: default\n  destination: {server: https://k, namespace: ns}\n"
                + "  source:\n    repoURL: https://git.example.com/r\n    helm:\n"
                + "      valuesObject:\n        %s\n"),
        Arguments.of("AppProject", (Reader) AppProjectYaml::read,
            "apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {name: x}\n"
                + "spec:\n  roles:\n    - %s\n"),
        Arguments.of("ApplicationSet",
            (Reader) (t, o, l) -> ApplicationSetReader.defaults().read(t, o, l),
            "apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata: {name: x}\n"
                + "spec:\n  generators:\n    - list:\n        elements:\n          - %s\n"
                + "  template: {metadata: {name: a}, spec: {project: default}}\n"));
  }

  /** The reader's document with {@code payload} (one flow-style YAML value) embedded. */
  private static String with(String skeleton, String payload) {
    return skeleton.replace("%s", payload);
  }

  private static void assertLoadError(ThrowingCallable read, String origin, String problem) {
    assertThatThrownBy(read).isInstanceOf(LoadException.class)
        .hasMessageStartingWith("failed to load " + origin)
        .satisfies(e -> assertThat(((LoadException) e).location().file()).isEqualTo(origin))
        .satisfies(e -> assertThat(((LoadException) e).problem()).contains(problem));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readers")
  void billionLaughs_isRefusedByTheNodeLimit(String kind, Reader reader, String skeleton) {
    StringBuilder bomb = new StringBuilder("{a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]");
    for (char c = 'b'; c <= 'i'; c++) {
      char prev = (char) (c - 1);
      bomb.append(", ").append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        bomb.append(i == 0 ? "" : ",").append('*').append(prev);
      }
      bomb.append(']');
    }
    bomb.append('}');
    String text = with(skeleton, bomb.toString());
    assertTimeoutPreemptively(GUARD, () -> assertLoadError(
        () -> reader.read(text, "bomb.yaml", ManifestLoader.defaults()), "bomb.yaml", "nodes"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readers")
  void aliasFlood_isRefusedByTheAliasLimit(String kind, Reader reader, String skeleton) {
    StringBuilder flood = new StringBuilder("{x: &x lol, y: [");
    for (int i = 0; i < 500; i++) {
      flood.append(i == 0 ? "" : ",").append("*x");
    }
    String text = with(skeleton, flood.append("]}").toString());
    assertLoadError(() -> reader.read(text, "aliases.yaml", ManifestLoader.defaults()),
        "aliases.yaml", "aliases");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readers")
  void deepNesting_isRefusedByTheDepthLimit(String kind, Reader reader, String skeleton) {
    String deep = "{k: " + "[".repeat(50_000) + "]".repeat(50_000) + "}";
    String text = with(skeleton, deep);
    assertTimeoutPreemptively(GUARD, () -> assertLoadError(
        () -> reader.read(text, "deep.yaml", ManifestLoader.defaults()), "deep.yaml",
        "nesting"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readers")
  void hugeDocument_isRefusedBeforeParsing(String kind, Reader reader, String skeleton) {
    String text = with(skeleton, "{k: " + "x".repeat(11 * 1024 * 1024) + "}");
    assertTimeoutPreemptively(GUARD, () -> assertLoadError(
        () -> reader.read(text, "huge.yaml", ManifestLoader.defaults()), "huge.yaml",
        "bytes per load"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readers")
  void theCallersLoaderLimits_apply(String kind, Reader reader, String skeleton) {
    String text = with(skeleton, "{k: " + "x".repeat(4096) + "}");
    reader.read(text, "fine.yaml", ManifestLoader.defaults());
    ManifestLoader tight = ManifestLoader.withLimits(LoadLimits.defaults()
        .withMaxDocumentBytes(1024));
    assertLoadError(() -> reader.read(text, "tight.yaml", tight), "tight.yaml", "1024");
  }

  // ---------------------------------------------------------------- type confusion

  static Stream<Arguments> confusedApplications() {
    String head = "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: x}\n";
    String dest = "  destination: {server: https://k, namespace: ns}\n";
    String src = "  source: {repoURL: https://git.example.com/r}\n";
    return Stream.of(
        Arguments.of(head + "spec: [a]\n", "spec", "must be an object, not a list"),
        Arguments.of(head + "spec:\n  project: default\n" + dest + "  source: [a]\n",
            "spec.source", "must be an object"),
        Arguments.of(head + "spec:\n  destination: null\n" + src, "spec.destination",
            "is required"),
        Arguments.of(head + "spec:\n" + dest + src + "  syncPolicy:\n    retry: {limit: '5'}\n",
            "spec.syncPolicy.retry.limit", "must be an integer, not a string"),
        Arguments.of(head + "spec:\n" + dest + src + "  syncPolicy: {automated: {prune: 1}}\n",
            "spec.syncPolicy.automated.prune", "must be a boolean, not a number"),
        Arguments.of(head + "spec:\n" + dest
                + "  source: {repoURL: r, helm: {parameters: {name: a}}}\n",
            "spec.source.helm.parameters", "must be a list of objects"),
        Arguments.of(head + "spec:\n" + dest + src + "  info: [null]\n", "spec.info[0]",
            "must be an object, not null"),
        Arguments.of(head + "spec:\n" + dest + "  sources: [{repoURL: 7}]\n",
            "spec.sources[0].repoURL", "must be a string, not a number"),
        Arguments.of("apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: [x]\n"
            + "spec:\n" + dest + src, "metadata", "must be an object"),
        Arguments.of(head.replace("{name: x}", "{name: x, labels: [a]}") + "spec:\n" + dest + src,
            "metadata.labels", "must be a map of strings"),
        Arguments.of(head + "spec:\n" + dest + src + "  ignoreDifferences: [{kind: 5}]\n",
            "spec.ignoreDifferences[0].kind", "must be a string"),
        Arguments.of(head + "spec:\n" + dest + src
                + "  syncPolicy: {retry: {backoff: {duration: 1e99999h}}}\n",
            "spec.syncPolicy.retry.backoff.duration", "cannot parse duration"));
  }

  @ParameterizedTest
  @MethodSource("confusedApplications")
  void application_wrongTypes_nameTheField(String yaml, String field, String problem) {
    assertThatThrownBy(() -> ApplicationYaml.read(yaml, "app.yaml"))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("app.yaml:")
        .satisfies(e -> assertThat(((LoadException) e).field()).contains(field))
        .satisfies(e -> assertThat(((LoadException) e).problem()).contains(problem));
  }

  static Stream<Arguments> confusedProjects() {
    String head = "apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {name: p}\n";
    return Stream.of(
        Arguments.of(head + "spec: {sourceRepos: '*'}\n", "spec.sourceRepos",
            "must be a list of strings"),
        Arguments.of(head + "spec: {destinations: {server: x}}\n", "spec.destinations",
            "must be a list of objects"),
        Arguments.of(head + "spec: {syncWindows: [{kind: allow, schedule: 5, duration: 1h}]}\n",
            "spec.syncWindows[0].schedule", "must be a string"),
        Arguments.of(head + "spec: {syncWindows: [{kind: allow, schedule: '* * * * *',"
            + " duration: 1h, manualSync: 'yes'}]}\n", "spec.syncWindows[0].manualSync",
            "must be a boolean"),
        Arguments.of(head + "spec: {clusterResourceWhitelist: [[a]]}\n",
            "spec.clusterResourceWhitelist[0]", "must be an object"),
        Arguments.of(head + "spec: {orphanedResources: {warn: null, ignore: 3}}\n",
            "spec.orphanedResources.ignore", "must be a list of objects"),
        Arguments.of(head + "spec: {roles: {a: b}}\n", "spec.roles", "must be a list"));
  }

  @ParameterizedTest
  @MethodSource("confusedProjects")
  void project_wrongTypes_nameTheField(String yaml, String field, String problem) {
    assertThatThrownBy(() -> AppProjectYaml.read(yaml, "project.yaml"))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("project.yaml:")
        .satisfies(e -> assertThat(((LoadException) e).field()).contains(field))
        .satisfies(e -> assertThat(((LoadException) e).problem()).contains(problem));
  }

  static Stream<Arguments> confusedApplicationSets() {
    String head = "apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata: {name: s}\n";
    String template = "  template: {metadata: {name: a}, spec: {project: default}}\n";
    return Stream.of(
        Arguments.of(head + "spec:\n  generators: {list: {}}\n" + template, "spec.generators",
            "must be a list of objects"),
        Arguments.of(head + "spec:\n  generators: [{list: [a]}]\n" + template,
            "spec.generators[0].list", "must be an object, not a list"),
        Arguments.of(head + "spec:\n  generators: [{list: null}]\n" + template,
            "spec.generators[0].list", "must be an object, not null"),
        Arguments.of(head + "spec:\n  generators: [{list: {}}]\n  template: x\n",
            "spec.template", "must be an object"),
        Arguments.of(head + "spec:\n  generators: [{list: {}}]\n" + template
            + "  goTemplate: 'true'\n", "spec.goTemplate", "must be a boolean"),
        Arguments.of(head + "spec:\n  generators: [{list: {}}]\n" + template
                + "  strategy: {type: RollingSync, rollingSync: {steps: [{maxUpdate: true}]}}\n",
            "spec.strategy.rollingSync.steps[0].maxUpdate", "non-negative integer"),
        Arguments.of(head + "spec:\n  generators: [{list: {}}]\n" + template
                + "  ignoreApplicationDifferences: [{jsonPointers: [7]}]\n",
            "spec.ignoreApplicationDifferences[0].jsonPointers[0]", "must be a string"));
  }

  @ParameterizedTest
  @MethodSource("confusedApplicationSets")
  void applicationSet_wrongTypes_nameTheField(String yaml, String field, String problem) {
    assertThatThrownBy(() -> ApplicationSetReader.defaults().read(yaml, "set.yaml"))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("set.yaml:")
        .satisfies(e -> assertThat(((LoadException) e).field()).contains(field))
        .satisfies(e -> assertThat(((LoadException) e).problem()).contains(problem));
  }

  @Test
  void syncWindow_badDurationAndDescription_areReportedAtTheirField() {
    String head = "apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {name: p}\n"
        + "spec:\n  syncWindows:\n    - kind: deny\n      schedule: '0 22 * * *'\n";
    assertThatThrownBy(() -> AppProjectYaml.read(head + "      duration: 1 hour\n", "p.yaml"))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("p.yaml:8")
        .satisfies(e -> assertThat(((LoadException) e).field())
            .contains("spec.syncWindows[0].duration"));
    assertThatThrownBy(() -> AppProjectYaml.read(head + "      duration: 1h\n      description: "
        + "d".repeat(300) + "\n", "p.yaml"))
        .isInstanceOf(LoadException.class)
        .satisfies(e -> assertThat(((LoadException) e).field())
            .contains("spec.syncWindows[0].description"));
  }

  @Test
  void errors_keepTheirLine_inDocumentsThatNestDeeplyElsewhere() {
    String deep = "{k: " + "[".repeat(100) + "]".repeat(100) + "}";
    String yaml = "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: x}\n"
        + "spec:\n  destination: {server: https://k, namespace: ns}\n  source:\n"
        + "    repoURL: r\n    helm:\n      valuesObject: " + deep + "\n"
        + "      skipCrds: 'no'\n";
    assertThatThrownBy(() -> ApplicationYaml.read(yaml, "app.yaml"))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("app.yaml:10:")
        .satisfies(e -> assertThat(((LoadException) e).field())
            .contains("spec.source.helm.skipCrds"));
  }

  // ---------------------------------------------------------------- secrets

  static Stream<Arguments> secretsNextToBadFields() {
    String app = "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: x}\n"
        + "spec:\n  destination: {server: https://k, namespace: ns}\n";
    String set = "apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata: {name: s}\n"
        + "spec:\n  template: {metadata: {name: a}, spec: {project: default}}\n";
    BiConsumer<String, String> readApp = ApplicationYaml::read;
    BiConsumer<String, String> readSet = ApplicationSetReader.defaults()::read;
    return Stream.of(
        Arguments.of("helm parameter value of the wrong type", readApp, app
            + "  source:\n    repoURL: r\n    helm:\n      parameters:\n"
            + "        - {name: token, value: {v: " + SECRET + "}}\n"),
        Arguments.of("helm parameter next to a bad flag", readApp, app
            + "  source:\n    repoURL: r\n    helm:\n      parameters:\n"
            + "        - {name: token, value: " + SECRET + ", forceString: 'yes'}\n"),
        Arguments.of("helm values as a list", readApp, app
            + "  source:\n    repoURL: r\n    helm: {values: [" + SECRET + "]}\n"),
        Arguments.of("secret as a duration", readApp, app
            + "  source: {repoURL: r}\n  syncPolicy: {retry: {backoff: {duration: " + SECRET
            + "}}}\n"),
        Arguments.of("plugin input next to a bad selector", readSet, set
            + "  generators:\n    - plugin: {configMapRef: {name: p}, input: {parameters:"
            + " {token: " + SECRET + "}}}\n      selector: {matchLabels: {token: " + SECRET
            + ", n: 5}}\n"),
        Arguments.of("plugin input with a bad sibling generator", readSet, set
            + "  generators:\n    - plugin: {configMapRef: {name: p}, input: {parameters:"
            + " {token: " + SECRET + "}}}\n      list: {}\n"),
        Arguments.of("secret as a maxUpdate", readSet, set
            + "  generators: [{list: {}}]\n  strategy: {type: RollingSync, rollingSync:"
            + " {steps: [{maxUpdate: " + SECRET + "}]}}\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("secretsNextToBadFields")
  void errors_nameTheField_neverTheValue(String name, BiConsumer<String, String> reader,
      String yaml) {
    assertThatThrownBy(() -> reader.accept(yaml, "secret.yaml"))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("secret.yaml:")
        .hasMessageNotContaining(SECRET)
        .hasMessageNotContaining("s3cr3t");
  }
}
