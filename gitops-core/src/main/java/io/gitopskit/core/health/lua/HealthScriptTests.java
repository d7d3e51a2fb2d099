package io.gitopskit.core.health.lua;

import io.gitopskit.core.GitOpsException;
import io.gitopskit.core.health.HealthCode;
import io.gitopskit.core.health.HealthStatus;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.load.LoadException;
import io.gitopskit.core.load.LoadLimits;
import io.gitopskit.core.load.ManifestLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Runs health script tests in Argo CD's format, so a directory of scripts can be validated as
 * Argo CD validates its own library. Each kind directory holds {@code health.lua}, {@code
 * health_test.yaml} and the inputs:
 *
 * <pre>{@code
 * tests:
 * - healthStatus:
 *     status: Degraded
 *     message: "Certificate expired"
 *   inputPath: testdata/degraded.yaml
 * }</pre>
 *
 * <p>Each input is run through the script; the case passes when status and message are exactly
 * the expected ones (a missing {@code message} expects the empty message). {@code inputpath} is
 * accepted for {@code inputPath}, as two of Argo CD's suites spell it. An input file may hold
 * several YAML documents: the first non-empty one is the object.
 *
 * <p>Inputs are read with this library's YAML rules ({@link ManifestLoader}). Those refuse
 * duplicate keys, but Argo CD's YAML library (go-yaml) accepts them, the last value winning, and
 * real test files have them (gitops-engine's {@code statefulset-ondelete.yaml} repeats {@code
 * updateStrategy}). So a file with duplicate keys is read again with the duplicates dropped, the
 * last value winning, and the case's {@link CaseResult#detail()} carries a warning naming them.
 * Inputs must lie inside their kind directory (symbolic links out of it are refused).
 *
 * <p>Problems with a suite itself (no test file, a malformed one, a script that does not
 * compile) are reported in {@link SuiteResult#problem()} rather than thrown.
 *
 * @since 0.1
 */
public final class HealthScriptTests {

  private static final ManifestLoader LOADER = ManifestLoader.defaults();
  private static final long MAX_FILE_BYTES = LoadLimits.defaults().maxDocumentBytes();

  private HealthScriptTests() {}

  /**
   * The outcome of one test case.
   *
   * @param suite the suite, e.g. {@code cert-manager.io/Certificate}
   * @param name the case: its input path as written
   * @param expected the expected health
   * @param actual what the script returned, or null for no opinion or when the input could not
   *     be read
   * @param passed whether {@code actual} equals {@code expected}
   * @param detail why the case failed, and any warning about its input (empty when it passed
   *     cleanly)
   */
  public record CaseResult(String suite, String name, HealthStatus expected,
      @Nullable HealthStatus actual, boolean passed, String detail) {

    /** Validates. */
    public CaseResult {
      Objects.requireNonNull(suite, "suite");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(expected, "expected");
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
      return (passed ? "PASS " : "FAIL ") + suite + " " + name
          + (detail.isEmpty() ? "" : ": " + detail);
    }
  }

  /**
   * The outcome of one kind directory's suite.
   *
   * @param suite the suite, e.g. {@code cert-manager.io/Certificate}
   * @param cases the cases, in file order
   * @param problem why the suite could not run (then {@code cases} is empty), or null
   */
  public record SuiteResult(String suite, List<CaseResult> cases, @Nullable String problem) {

    /** Validates and copies. */
    public SuiteResult {
      Objects.requireNonNull(suite, "suite");
      cases = List.copyOf(cases);
    }

    /**
     * Whether the suite ran and all of its cases passed.
     *
     * @return true when it passed
     */
    public boolean passed() {
      return problem == null && cases.stream().allMatch(CaseResult::passed);
    }
  }

  /**
   * The outcome of a run.
   *
   * @param suites the suites, in directory order
   */
  public record Report(List<SuiteResult> suites) {

    /** Copies. */
    public Report {
      suites = List.copyOf(suites);
    }

    /**
     * The number of cases run.
     *
     * @return the count
     */
    public int caseCount() {
      return suites.stream().mapToInt(s -> s.cases().size()).sum();
    }

    /**
     * The number of cases that passed.
     *
     * @return the count
     */
    public int passedCaseCount() {
      return (int) cases().stream().filter(CaseResult::passed).count();
    }

    /**
     * The number of suites that passed.
     *
     * @return the count
     */
    public int passedSuiteCount() {
      return (int) suites.stream().filter(SuiteResult::passed).count();
    }

    /**
     * Every case, suite by suite.
     *
     * @return the cases
     */
    public List<CaseResult> cases() {
      return suites.stream().flatMap(s -> s.cases().stream()).toList();
    }

    /**
     * The cases that failed.
     *
     * @return the failures
     */
    public List<CaseResult> failures() {
      return cases().stream().filter(c -> !c.passed()).toList();
    }

    /**
     * The suites that could not run.
     *
     * @return those suites
     */
    public List<SuiteResult> problems() {
      return suites.stream().filter(s -> s.problem() != null).toList();
    }

    /**
     * Whether every suite ran and every case passed.
     *
     * @return true when all passed
     */
    public boolean passed() {
      return suites.stream().allMatch(SuiteResult::passed);
    }

    /**
     * A summary for people: counts, then one line per failure and per problem.
     *
     * @return the text
     */
    public String summary() {
      StringBuilder b = new StringBuilder();
      b.append(suites.size()).append(" suites (").append(passedSuiteCount())
          .append(" passed), ").append(caseCount()).append(" cases (")
          .append(passedCaseCount()).append(" passed, ")
          .append(caseCount() - passedCaseCount()).append(" failed)");
      for (SuiteResult s : problems()) {
        b.append('\n').append("PROBLEM ").append(s.suite()).append(": ").append(s.problem());
      }
      for (CaseResult c : failures()) {
        b.append('\n').append(c);
      }
      return b.toString();
    }
  }

  /**
   * Runs the suite of one kind directory, with {@link LuaLimits#defaults()}.
   *
   * @param kindDirectory a directory holding {@code health.lua} and {@code health_test.yaml}
   * @return the report, with one suite named after the directory and its parent
   * @throws LuaScriptException if the directory cannot be read
   */
  public static Report run(Path kindDirectory) {
    return run(kindDirectory, LuaLimits.defaults());
  }

  /**
   * Runs the suite of one kind directory.
   *
   * @param kindDirectory a directory holding {@code health.lua} and {@code health_test.yaml}
   * @param limits the limits for the script
   * @return the report, with one suite named after the directory and its parent
   * @throws LuaScriptException if the directory cannot be read
   */
  public static Report run(Path kindDirectory, LuaLimits limits) {
    Path dir = ScriptTree.realDirectory(kindDirectory);
    Path parent = dir.getParent();
    String kind = String.valueOf(dir.getFileName());
    String group = parent == null || parent.getFileName() == null ? ""
        : parent.getFileName().toString();
    String path = group.isEmpty() ? kind : group + "/" + kind;
    return new Report(List.of(runSuite(new ScriptTree.KindDir(group, kind, path, dir), limits)));
  }

  /**
   * Runs every suite under a directory laid out as Argo CD's {@code resource_customizations},
   * with {@link LuaLimits#defaults()}. A script without {@code health_test.yaml} is a problem.
   *
   * @param root the directory
   * @return the report, suites in directory order
   * @throws LuaScriptException if the directory cannot be read or a link leads out of it
   */
  public static Report runAll(Path root) {
    return runAll(root, LuaLimits.defaults());
  }

  /**
   * Runs every suite under a directory laid out as Argo CD's {@code resource_customizations}.
   *
   * @param root the directory
   * @param limits the limits for the scripts
   * @return the report, suites in directory order
   * @throws LuaScriptException if the directory cannot be read or a link leads out of it
   */
  public static Report runAll(Path root, LuaLimits limits) {
    List<SuiteResult> suites = new ArrayList<>();
    for (ScriptTree.KindDir dir : ScriptTree.scan(root)) {
      suites.add(runSuite(dir, limits));
    }
    return new Report(suites);
  }

  private record TestCase(String inputPath, HealthStatus expected) {}

  private static SuiteResult runSuite(ScriptTree.KindDir dir, LuaLimits limits) {
    Path base = dir.directory();
    LuaHealthCheck check;
    List<TestCase> tests;
    try {
      check = LuaScripts.load(base, dir, limits);
      tests = readTests(base, dir.path());
    } catch (GitOpsException e) {
      return new SuiteResult(dir.path(), List.of(), e.getMessage());
    }
    List<CaseResult> results = new ArrayList<>();
    for (TestCase t : tests) {
      results.add(runCase(dir.path(), base, check, t));
    }
    return new SuiteResult(dir.path(), results, null);
  }

  private static CaseResult runCase(String suite, Path base, LuaHealthCheck check, TestCase t) {
    Parsed input;
    try {
      input = readInput(base, t.inputPath());
    } catch (GitOpsException e) {
      return new CaseResult(suite, t.inputPath(), t.expected(), null, false,
          "cannot read the input: " + e.getMessage());
    }
    LuaHealthCheck.Outcome outcome = check.evaluate((JsonObject) input.document());
    HealthStatus actual = outcome.status();
    boolean passed = t.expected().equals(actual);
    String detail;
    if (passed) {
      detail = "";
    } else if (outcome.error() != null) {
      detail = "script error: " + outcome.error();
    } else if (actual == null) {
      detail = "expected " + show(t.expected()) + ", got no health (nil)";
    } else {
      detail = "expected " + show(t.expected()) + ", got " + show(actual);
    }
    if (!input.duplicates().isEmpty()) {
      detail = (detail.isEmpty() ? "" : detail + "; ") + "warning: duplicate keys in the input "
          + "(the last value wins, as in Argo CD): " + String.join(", ", input.duplicates());
    }
    return new CaseResult(suite, t.inputPath(), t.expected(), actual, passed, detail);
  }

  private static String show(HealthStatus s) {
    return s.code() + " \"" + s.message() + "\"";
  }

  private static List<TestCase> readTests(Path base, String suite) {
    Path file = base.resolve(ScriptTree.TESTS);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new LuaScriptException("no " + ScriptTree.TESTS + " next to the script");
    }
    String origin = suite + "/" + ScriptTree.TESTS;
    JsonValue doc = firstDocument(ScriptTree.read(base, file, MAX_FILE_BYTES), origin).document();
    JsonValue testsValue = doc instanceof JsonObject o ? o.getOrNull("tests") : null;
    if (!(testsValue instanceof JsonArray testsArray)) {
      throw new LuaScriptException(origin + ": expected a list under 'tests'");
    }
    List<TestCase> tests = new ArrayList<>();
    for (int i = 0; i < testsArray.size(); i++) {
      String where = origin + ": tests[" + i + "]";
      if (!(testsArray.get(i) instanceof JsonObject entry)) {
        throw new LuaScriptException(where + " is not an object");
      }
      String input = text(entry, "inputPath", where)
          .or(() -> text(entry, "inputpath", where))
          .orElseThrow(() -> new LuaScriptException(where + " has no inputPath"));
      if (!(entry.getOrNull("healthStatus") instanceof JsonObject health)) {
        throw new LuaScriptException(where + " has no healthStatus");
      }
      String status = text(health, "status", where + ".healthStatus")
          .orElseThrow(() -> new LuaScriptException(where + ".healthStatus has no status"));
      HealthCode code = HealthCode.parse(status).orElseThrow(() -> new LuaScriptException(
          where + ".healthStatus.status: unknown status '" + status + "'"));
      String message = text(health, "message", where + ".healthStatus").orElse("");
      tests.add(new TestCase(input, HealthStatus.of(code, message)));
    }
    return tests;
  }

  private static Optional<String> text(JsonObject o, String key, String where) {
    JsonValue v = o.getOrNull(key);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof JsonString s)) {
      throw new LuaScriptException(where + "." + key + " must be a string");
    }
    return Optional.of(s.value());
  }

  private static Parsed readInput(Path base, String inputPath) {
    Path file = base.resolve(inputPath).normalize();
    Parsed parsed = firstDocument(ScriptTree.read(base, file, MAX_FILE_BYTES), inputPath);
    if (!(parsed.document() instanceof JsonObject)) {
      throw new LuaScriptException(inputPath + ": the first document is not an object");
    }
    return parsed;
  }

  /** The first document, and the keys that were duplicated in the text (if any). */
  private record Parsed(JsonValue document, List<String> duplicates) {}

  private static Parsed firstDocument(byte[] bytes, String origin) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    List<JsonValue> docs;
    List<String> duplicates = List.of();
    try {
      docs = LOADER.readDocuments(text, origin);
    } catch (LoadException e) {
      if (!e.problem().startsWith("duplicate key")) {
        throw e;
      }
      LenientYaml.Result lenient = LenientYaml.dedupe(text, (int) MAX_FILE_BYTES);
      duplicates = lenient.duplicates();
      docs = LOADER.readDocuments(lenient.text(), origin);
    }
    if (docs.isEmpty()) {
      throw new LuaScriptException(origin + ": no YAML document");
    }
    return new Parsed(docs.get(0), duplicates);
  }
}
