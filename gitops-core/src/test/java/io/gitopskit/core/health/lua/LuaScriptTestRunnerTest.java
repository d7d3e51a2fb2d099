package io.gitopskit.core.health.lua;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.health.HealthStatus;
import io.gitopskit.core.health.lua.HealthScriptTests.CaseResult;
import io.gitopskit.core.health.lua.HealthScriptTests.Report;
import io.gitopskit.core.health.lua.HealthScriptTests.SuiteResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HealthScriptTests} on suites that fail in every way it reports. */
class LuaScriptTestRunnerTest {

  private static final String SCRIPT = """
      if obj.status == nil then return nil end
      if obj.status.boom then error('boom') end
      return {status = obj.status.phase, message = obj.status.note}
      """;

  @TempDir
  Path root;

  private Path suite(String dir, String script, String tests) throws IOException {
    Path d = Files.createDirectories(root.resolve(dir).resolve("testdata"));
    Files.writeString(d.getParent().resolve("health.lua"), script);
    if (tests != null) {
      Files.writeString(d.getParent().resolve("health_test.yaml"), tests);
    }
    return d.getParent();
  }

  private static void input(Path kindDir, String name, String status) throws IOException {
    Files.writeString(kindDir.resolve("testdata").resolve(name),
        "apiVersion: example.io/v1\nkind: Thing\nmetadata: {name: t}\nstatus: " + status + "\n");
  }

  private static String test(String status, String message, String input) {
    return "- healthStatus: {status: " + status + ", message: \"" + message + "\"}\n"
        + "  inputPath: " + input + "\n";
  }

  @Test
  void mismatches_errorsAndNoOpinion_areFailuresWithReasons() throws IOException {
    Path d = suite("example.io/Thing", SCRIPT, "tests:\n"
        + test("Healthy", "fine", "testdata/ok.yaml")
        + test("Healthy", "", "testdata/wrong.yaml")
        + test("Healthy", "", "testdata/boom.yaml")
        + test("Healthy", "", "testdata/none.yaml")
        + test("Healthy", "", "testdata/missing.yaml")
        + test("Healthy", "last", "testdata/dup.yaml")
        + test("Healthy", "", "../../outside.yaml"));
    input(d, "ok.yaml", "{phase: Healthy, note: fine}");
    input(d, "wrong.yaml", "{phase: Degraded, note: broken}");
    input(d, "boom.yaml", "{boom: true}");
    input(d, "none.yaml", "null");
    Files.writeString(d.resolve("testdata/dup.yaml"), "apiVersion: example.io/v1\nkind: Thing\n"
        + "status: {phase: Degraded}\nmetadata: {name: t}\nstatus: {phase: Healthy, note: last}\n");
    Files.writeString(root.resolve("outside.yaml"), "kind: Outside\n");

    Report report = HealthScriptTests.runAll(root);

    assertThat(report.passed()).isFalse();
    assertThat(report.caseCount()).isEqualTo(7);
    assertThat(report.passedCaseCount()).isEqualTo(2);
    assertThat(report.cases()).extracting(CaseResult::passed)
        .containsExactly(true, false, false, false, false, true, false);
    assertThat(report.cases().get(0).actual()).isEqualTo(HealthStatus.healthy("fine"));
    assertThat(report.cases()).extracting(CaseResult::detail).satisfiesExactly(
        d0 -> assertThat(d0).isEmpty(),
        d1 -> assertThat(d1).isEqualTo("expected Healthy \"\", got Degraded \"broken\""),
        d2 -> assertThat(d2).startsWith("script error: example.io/Thing/health.lua:2")
            .contains("boom"),
        d3 -> assertThat(d3).isEqualTo("expected Healthy \"\", got no health (nil)"),
        d4 -> assertThat(d4).startsWith("cannot read the input: cannot resolve"),
        d5 -> assertThat(d5).isEqualTo("warning: duplicate keys in the input (the last value "
            + "wins, as in Argo CD): status"),
        d6 -> assertThat(d6).contains("leaves the directory"));
    assertThat(report.cases().get(5).actual()).isEqualTo(HealthStatus.healthy("last"));
    assertThat(report.failures()).hasSize(5);
    assertThat(report.summary()).startsWith("1 suites (0 passed), 7 cases (2 passed, 5 failed)")
        .contains("\nFAIL example.io/Thing testdata/wrong.yaml: expected Healthy");
  }

  @Test
  void suiteProblems_areReportedNotThrown() throws IOException {
    suite("a.io/NoTests", "return nil", null);
    suite("b.io/BadYaml", "return nil", "tests: [unclosed\n");
    suite("c.io/NoList", "return nil", "tests: 3\n");
    suite("d.io/BadStatus", "return nil", "tests:\n" + test("Fine", "", "testdata/x.yaml"));
    suite("e.io/NoInput", "return nil", "tests:\n- healthStatus: {status: Healthy}\n");
    suite("f.io/NoCompile", "return {", "tests: []\n");
    suite("g.io/Empty", "return nil", "tests: []\n");

    Report report = HealthScriptTests.runAll(root);

    assertThat(report.suites()).extracting(SuiteResult::suite).containsExactly("a.io/NoTests",
        "b.io/BadYaml", "c.io/NoList", "d.io/BadStatus", "e.io/NoInput", "f.io/NoCompile",
        "g.io/Empty");
    assertThat(report.suites()).extracting(SuiteResult::problem).satisfiesExactly(
        p -> assertThat(p).isEqualTo("no health_test.yaml next to the script"),
        p -> assertThat(p).contains("b.io/BadYaml/health_test.yaml"),
        p -> assertThat(p).isEqualTo("c.io/NoList/health_test.yaml: expected a list under "
            + "'tests'"),
        p -> assertThat(p).isEqualTo("d.io/BadStatus/health_test.yaml: tests[0].healthStatus"
            + ".status: unknown status 'Fine'"),
        p -> assertThat(p).isEqualTo("e.io/NoInput/health_test.yaml: tests[0] has no "
            + "inputPath"),
        p -> assertThat(p).startsWith("cannot compile f.io/NoCompile/health.lua"),
        p -> assertThat(p).isNull());
    assertThat(report.problems()).hasSize(6);
    assertThat(report.passedSuiteCount()).isEqualTo(1);
    assertThat(report.passed()).isFalse();
    assertThat(report.summary()).contains("\nPROBLEM a.io/NoTests: no health_test.yaml");
  }

  @Test
  void lowercaseInputPath_andMissingMessage_areAccepted() throws IOException {
    Path d = suite("example.io/Thing", SCRIPT,
        "tests:\n- healthStatus: {status: Progressing}\n  inputpath: testdata/p.yaml\n");
    input(d, "p.yaml", "{phase: Progressing}");
    Report report = HealthScriptTests.run(d);
    assertThat(report.passed()).as(report.summary()).isTrue();
    assertThat(report.cases()).singleElement().satisfies(c -> {
      assertThat(c.suite()).isEqualTo("example.io/Thing");
      assertThat(c.expected()).isEqualTo(HealthStatus.of(c.expected().code(), ""));
      assertThat(c).hasToString("PASS example.io/Thing testdata/p.yaml");
    });
  }

  @Test
  void firstNonEmptyDocument_isTheInput() throws IOException {
    Path d = suite("example.io/Thing", SCRIPT, "tests:\n"
        + test("Suspended", "first", "testdata/multi.yaml"));
    Files.writeString(d.resolve("testdata/multi.yaml"), """
        # leading comment
        ---
        ---
        apiVersion: example.io/v1
        kind: Thing
        status: {phase: Suspended, note: first}
        ---
        apiVersion: example.io/v1
        kind: Thing
        status: {phase: Degraded, note: second}
        """);
    assertThat(HealthScriptTests.run(d).passed()).isTrue();
  }
}
