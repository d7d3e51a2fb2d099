package io.gitopskit.core.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.gitopskit.core.app.Application;
import io.gitopskit.core.app.ApplicationDestination;
import io.gitopskit.core.app.ApplicationSource;
import io.gitopskit.core.load.LoadException;
import io.gitopskit.core.model.GroupKind;
import io.gitopskit.core.project.Decision.Check;
import io.gitopskit.core.project.Decision.Refused;
import io.gitopskit.core.project.SyncWindow.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Hostile project rules: patterns shaped to make a backtracking matcher take exponential or
 * high-polynomial time, cron schedules that are out of range or never fire, and repository URLs
 * that carry credentials. Decisions must come back (the time-outs only guard against hangs)
 * and be the right ones; bad schedules must fail with the field path.
 */
class HostileProjectTest {

  private static final Duration GUARD = Duration.ofSeconds(10);
  private static final String LONG_A = "a".repeat(50_000);

  private static Application app(String repo, ApplicationDestination dest) {
    return Application.builder("web").project("p")
        .source(ApplicationSource.git(repo, "web", "main")).destination(dest).build();
  }

  @Test
  void sourceRepos_redosShapedGlob_answersWithoutBacktracking() {
    AppProject project = AppProject.builder("p").sourceRepo("a*a*a*a*a*a*a*a*b")
        .sourceRepo("{a*,{a*,{a*,a*}}}a*a*a*c").build();
    Decision d = assertTimeoutPreemptively(GUARD,
        () -> ProjectPolicy.of(project).evaluateSource(LONG_A));
    assertThat(d).isInstanceOf(Refused.class);
    assertThat(((Refused) d).rule()).isEqualTo("spec.sourceRepos");
    Decision ok = assertTimeoutPreemptively(GUARD,
        () -> ProjectPolicy.of(project).evaluateSource(LONG_A + "b"));
    assertThat(ok.isAllowed()).isTrue();
  }

  @Test
  void destinations_redosShapedGlobs_answerWithoutBacktracking() {
    AppProject project = AppProject.builder("p")
        .destination(new ApplicationDestination("*a*a*a*a*a*a*a*b", "", "*a*a*a*a*a*a*b"))
        .build();
    Decision d = assertTimeoutPreemptively(GUARD, () -> ProjectPolicy.of(project)
        .evaluateDestination(ApplicationDestination.ofServer(LONG_A, LONG_A)));
    assertThat(d).isInstanceOf(Refused.class);
    assertThat(((Refused) d).check()).isEqualTo(Check.DESTINATION);
  }

  @Test
  void resourceRules_redosShapedFilepathPatterns_answerWithoutBacktracking() {
    AppProject project = AppProject.builder("p")
        .clusterResourceWhitelist(new ResourceRule("*", "*a*a*a*a*a*a*a*b", ""))
        .destination(new ApplicationDestination("*", "", "*")).build();
    Decision d = assertTimeoutPreemptively(GUARD, () -> ProjectPolicy.of(project)
        .evaluateResource(new GroupKind("", LONG_A), "x", false, "",
            ApplicationDestination.ofServer("https://k", "ns")));
    assertThat(d).isInstanceOf(Refused.class);
    assertThat(((Refused) d).check()).isEqualTo(Check.CLUSTER_RESOURCE);
  }

  @Test
  void sourceNamespaces_catastrophicRegex_isANonMatch_notAHang() {
    AppProject project = AppProject.builder("p").sourceNamespace("/^(a+)+$/")
        .sourceNamespace("/^(a|aa)+$/").build();
    Decision d = assertTimeoutPreemptively(GUARD, () -> ProjectPolicy.of(project)
        .evaluateSourceNamespace("a".repeat(5_000) + "!"));
    assertThat(d).isInstanceOf(Refused.class);
    assertThat(((Refused) d).check()).isEqualTo(Check.SOURCE_NAMESPACE);
    assertThat(ProjectPolicy.of(project).evaluateSourceNamespace("aaaa").isAllowed()).isTrue();
  }

  @Test
  void sourceNamespaces_regexTooDeepToCompile_matchesNothing() {
    String deep = "/" + "(".repeat(100_000) + "a" + ")".repeat(100_000) + "/";
    AppProject project = AppProject.builder("p").sourceNamespace(deep).build();
    assertThat(ProjectPolicy.of(project).evaluateSourceNamespace("a").isAllowed()).isFalse();
  }

  @Test
  void globsNestedTooDeeply_matchNothing_andAreReportedWhenRead() {
    String deep = "{".repeat(10_000) + "a" + "}".repeat(10_000);
    assertThat(Patterns.glob(deep, "a", true, "/")).isFalse();
    String yaml = "apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {name: p}\n"
        + "spec:\n  sourceRepos: ['" + deep + "']\n";
    assertThat(AppProjectYaml.read(yaml, "p.yaml").warnings())
        .anySatisfy(w -> assertThat(w.toString()).contains("spec.sourceRepos[0]")
            .contains("malformed glob"));
  }

  @Test
  void refusals_neverRepeatCredentialsWrittenIntoTheUrl() {
    String url = "https://bot:ghp_t0kenT0ken@github.com/other/repo.git";
    Decision d = ProjectPolicy.of(AppProject.builder("p").sourceRepo("https://github.com/org/*")
        .build()).evaluate(app(url, ApplicationDestination.ofServer("https://k", "ns")));
    assertThat(((Refused) d).check()).isEqualTo(Check.SOURCE_REPOSITORY);
    assertThat(((Refused) d).message()).doesNotContain("ghp_t0kenT0ken").contains("***@github.com");
    Decision excluded = ProjectPolicy.of(AppProject.builder("p").sourceRepo("*")
        .sourceRepo("!**secret**").build())
        .evaluateSource("https://ghp_t0kenT0ken@github.com/org/secret");
    assertThat(((Refused) excluded).rule()).isEqualTo("spec.sourceRepos[1]");
    assertThat(((Refused) excluded).message()).doesNotContain("ghp_t0kenT0ken");
    assertThat(Patterns.redactUserInfo("git@github.com:org/repo.git"))
        .isEqualTo("git@github.com:org/repo.git");
    assertThat(Patterns.redactUserInfo("https://github.com/a@b")).isEqualTo("https://github.com/a@b");
  }

  @Test
  void credentialsWrittenIntoAnHttpsUrl_doNotBypassADenyPattern() {
    ProjectPolicy policy = ProjectPolicy.of(AppProject.builder("p").sourceRepo("*")
        .sourceRepo("!https://github.com/org/secret").build());
    Decision denied = policy.evaluateSource("https://bot:ghp_t0kenT0ken@github.com/org/secret.git");
    assertThat(denied).isInstanceOf(Refused.class);
    assertThat(((Refused) denied).rule()).isEqualTo("spec.sourceRepos[1]");
    assertThat(((Refused) denied).message()).doesNotContain("ghp_t0kenT0ken");
    assertThat(policy.evaluateSource("https://bot:tok@github.com/org/public.git"))
        .isNotInstanceOf(Refused.class);
    assertThat(io.gitopskit.core.internal.RepoUrls.withoutHttpCredentials("https://u:p@host/a@b")).isEqualTo("https://host/a@b");
    assertThat(io.gitopskit.core.internal.RepoUrls.withoutHttpCredentials("git@github.com:org/repo.git"))
        .isEqualTo("git@github.com:org/repo.git");
  }

  // ---------------------------------------------------------------- cron

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "*/0 * * * *        | step of range should be a positive number",
      "0/0 * * * *        | step of range should be a positive number",
      "*/9999999999 * * * * | failed to parse a number",
      "60 * * * *         | above maximum",
      "* 24 * * *         | above maximum",
      "* * 0 * *          | below minimum",
      "* * 32 * *         | above maximum",
      "* * * 13 *         | above maximum",
      "* * * * 7          | above maximum",
      "5-1 * * * *        | beyond end of range",
      "1-2-3 * * * *      | too many hyphens",
      "*/2/3 * * * *      | too many slashes",
      "-1 * * * *         | failed to parse a number",
      "* * * *            | expected exactly 5 fields",
      "@every 99999999999999999999999h | failed to parse duration of @every",
      "@fortnightly       | unrecognized descriptor",
      "TZ=Nowhere/Land 0 * * * * | provided bad location",
  })
  void badSchedules_failWithTheFieldPath(String schedule, String problem) {
    String yaml = "apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {name: p}\n"
        + "spec:\n  syncWindows:\n    - kind: deny\n      schedule: '" + schedule + "'\n"
        + "      duration: 1h\n      applications: ['*']\n";
    assertThatThrownBy(() -> AppProjectYaml.read(yaml, "p.yaml"))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("p.yaml:7")
        .satisfies(e -> assertThat(((LoadException) e).field())
            .contains("spec.syncWindows[0].schedule"))
        .satisfies(e -> assertThat(((LoadException) e).problem()).contains(problem));
  }

  @Test
  void hugeStep_isOneActivationPerRange_likeRobfig() {
    Cron c = Cron.parse("*/999999999 * * * *");
    assertThat(c.next(Instant.parse("2026-01-01T00:00:30Z")))
        .contains(Instant.parse("2026-01-01T01:00:00Z"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"0 0 30 2 *", "0 0 31 4,6,9,11 *", "0 0 31 2 ?",
      "59 23 31 11 *"})
  void scheduleThatNeverFires_searchStopsAtFiveYears(String schedule) {
    Cron c = Cron.parse(schedule);
    assertThat(assertTimeoutPreemptively(GUARD,
        () -> c.next(Instant.parse("2026-01-01T00:00:00Z")))).isEmpty();
  }

  @Test
  void windowThatNeverFires_isAlwaysActive_asArgoCd_andDecidesPromptly() {
    SyncWindow never = SyncWindow.of(Kind.DENY, "0 0 30 2 *", "1h")
        .withApplications(List.of("*"));
    AppProject project = AppProject.builder("p").syncWindow(never).build();
    ProjectPolicy policy = ProjectPolicy.builder(project)
        .clock(Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC)).build();
    Application app = app("https://git.example.com/r",
        ApplicationDestination.ofServer("https://k", "ns"));
    Decision d = assertTimeoutPreemptively(GUARD, () -> policy.evaluateSyncWindows(app, false));
    assertThat(d).isInstanceOf(Refused.class);
    assertThat(((Refused) d).rule()).isEqualTo("spec.syncWindows[0]");
    String yaml = "apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {name: p}\n"
        + "spec:\n  syncWindows:\n    - {kind: deny, schedule: '0 0 30 2 *', duration: 1h,"
        + " applications: ['*']}\n";
    assertThat(AppProjectYaml.read(yaml, "p.yaml").warnings())
        .anySatisfy(w -> assertThat(w.toString()).contains("never fires"));
  }

  @Test
  void pathologicalDurations_failFast_withoutRepeatingTheText() {
    String digits = "9".repeat(200_000);
    for (String text : List.of(digits + "h", "1." + digits + "h", "0".repeat(200_000) + "1s")) {
      String yaml = "apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {name: p}\n"
          + "spec:\n  syncWindows:\n    - {kind: deny, schedule: '0 22 * * *', duration: '"
          + text + "', applications: ['*']}\n";
      if (text.startsWith("9")) {
        assertThatThrownBy(() -> assertTimeoutPreemptively(GUARD,
            () -> AppProjectYaml.read(yaml, "p.yaml")))
            .isInstanceOf(LoadException.class)
            .hasMessageContaining("spec.syncWindows[0].duration")
            .hasMessageContaining("out of range")
            .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(300));
      } else {
        assertThat(assertTimeoutPreemptively(GUARD, () -> AppProjectYaml.read(yaml, "p.yaml"))
            .single().syncWindows()).hasSize(1);
      }
    }
  }
}
