package io.gitopskit.core.diff.ignore;

import static io.gitopskit.core.diff.ignore.IgnoreRulesTest.deployment;
import static io.gitopskit.core.diff.ignore.IgnoreRulesTest.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.diff.ignore.IgnoreRuleException.Reason;
import io.gitopskit.core.model.Manifest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** CVE-2024-32476: jq must be bounded; errors must be loud and must not leak values. */
class IgnoreJqLimitsTest {

  static final Manifest SECRET = yaml("""
      apiVersion: v1
      kind: Secret
      metadata: {name: db, namespace: dev}
      data: {password: c3VwZXItc2VjcmV0LXZhbHVl}
      """);

  private static IgnoreRuleException failure(IgnoreRules rules, Manifest m) {
    try {
      rules.normalize(m);
    } catch (IgnoreRuleException e) {
      return e;
    }
    throw new AssertionError("expected an IgnoreRuleException");
  }

  private static IgnoreRules jq(String expression) {
    return IgnoreRules.of(IgnoreRule.of("*", "*").withJqPathExpressions(expression));
  }

  @Test
  @Timeout(10)
  void infiniteRecursion_failsFast() {
    long start = System.nanoTime();
    IgnoreRuleException e = failure(jq("def f: f; f"), deployment("web", "dev", 1));

    assertThat(e.reason()).isEqualTo(Reason.EVALUATION_ERROR);
    assertThat(e.getMessage()).contains("recursion");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  @Timeout(10)
  void hugeGenerator_stopsWithinAboutTheTimeout() {
    long start = System.nanoTime();
    IgnoreRuleException e = failure(jq(".spec | select([range(1e18)] | length > 0)"),
        deployment("web", "dev", 1));

    assertThat(e.reason()).isIn(Reason.TIMEOUT, Reason.TOO_MANY_STEPS);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(Duration.ofMillis(1500));
  }

  @Test
  @Timeout(10)
  void endlessLoop_timesOutAfterTheConfiguredTimeout() {
    IgnoreRules rules = jq(".spec | select(reduce range(1e18) as $i (true; .))")
        .withJqTimeout(Duration.ofMillis(300)).withJqMaxSteps(Long.MAX_VALUE);
    long start = System.nanoTime();

    IgnoreRuleException e = failure(rules, deployment("web", "dev", 1));

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
    assertThat(e.getMessage()).contains("did not finish within 300ms")
        .contains("apps/Deployment/dev/web").contains("reduce range(1e18)").contains("*/*");
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(290))
        .isLessThan(Duration.ofMillis(1000));
  }

  @Test
  @Timeout(10)
  void jqTryCannotSwallowTheTimeout() {
    IgnoreRules rules = jq(".spec | select(try (reduce range(1e18) as $i (true; .)) catch true)")
        .withJqTimeout(Duration.ofMillis(200)).withJqMaxSteps(Long.MAX_VALUE);

    assertThat(failure(rules, deployment("web", "dev", 1)).reason()).isEqualTo(Reason.TIMEOUT);
  }

  /** A regular expression with catastrophic backtracking never returns to jq in between. */
  private static Manifest redosTarget(int n) {
    return yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {v: \""
        + "a".repeat(n) + "!\"}\n");
  }

  private static final String REDOS = ".data | select(.v | test(\"^(\\\\w+\\\\s?)*$\"))";

  @Test
  @Timeout(30)
  void nonCooperativeStep_callerStillReturnsAtTheTimeout_andRunawaysAreCapped()
      throws Exception {
    IgnoreRules rules = jq(REDOS).withJqTimeout(Duration.ofMillis(100));
    long start = System.nanoTime();
    assertThat(failure(rules, redosTarget(23)).reason()).isEqualTo(Reason.TIMEOUT);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(600));

    ExecutorService callers = Executors.newFixedThreadPool(Jq.MAX_RUNAWAY);
    try {
      List<Future<IgnoreRuleException>> batch = new ArrayList<>();
      for (int i = 0; i < Jq.MAX_RUNAWAY; i++) {
        batch.add(callers.submit(() -> failure(rules, redosTarget(23))));
      }
      for (Future<IgnoreRuleException> f : batch) {
        assertThat(f.get().reason()).isEqualTo(Reason.TIMEOUT);
      }
    } finally {
      callers.shutdownNow();
    }
    IgnoreRuleException refused = failure(jq(".spec"), deployment("w", "d", 1));
    assertThat(refused.reason()).isEqualTo(Reason.TIMEOUT);
    assertThat(refused.getMessage()).contains("still running");

    long until = System.nanoTime() + Duration.ofSeconds(25).toNanos();
    while (Jq.runaway() > 0 && System.nanoTime() < until) {
      Thread.sleep(50);
    }
    assertThat(Jq.runaway()).isZero();
    assertThat(jq(".spec.replicas").normalize(deployment("w", "d", 1)).at("/spec/replicas"))
        .isEmpty();
  }

  @Test
  @Timeout(10)
  void stepBudget_boundsGeneratedValues() {
    IgnoreRules rules = jq(".spec | select([range(100000)] | length > 0)").withJqMaxSteps(1000)
        .withJqTimeout(Duration.ofSeconds(5));

    IgnoreRuleException e = failure(rules, deployment("web", "dev", 1));

    assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_STEPS);
    assertThat(e.getMessage()).contains("1000 steps");
    assertThat(jq(".spec | select([range(100)] | length > 0)")
        .normalize(deployment("w", "d", 1))).isNotNull();
  }

  @Test
  void evaluationError_namesRuleExpressionAndObject_butNoValue() {
    IgnoreRules rules = IgnoreRules.of(IgnoreRule.of("", "Secret")
        .withJqPathExpressions(".data.password[]"));

    IgnoreRuleException e = failure(rules, SECRET);

    assertThat(e.reason()).isEqualTo(Reason.EVALUATION_ERROR);
    assertThat(e.rule()).isEqualTo("/Secret");
    assertThat(e.expression()).isEqualTo(".data.password[]");
    assertThat(e.resource()).contains("/Secret/dev/db");
    assertThat(e.getMessage()).contains("Cannot iterate over string")
        .doesNotContain("c3VwZXItc2VjcmV0LXZhbHVl").doesNotContain("super-secret-value");
    assertThat(e.getCause()).isNull();
  }

  @Test
  void userError_doesNotLeakItsMessage() {
    IgnoreRuleException e = failure(jq("error(.data.password)"), SECRET);

    assertThat(e.reason()).isEqualTo(Reason.EVALUATION_ERROR);
    assertThat(e.getMessage()).contains("error()").doesNotContain("c3VwZXI");
  }

  @Test
  void quotedDataInJqMessages_isRemoved_butNamesFromTheExpressionStay() {
    assertThat(Jq.sanitize("Cannot index string with string \"b\"", ".a.b"))
        .isEqualTo("Cannot index string with string \"b\"");
    assertThat(Jq.sanitize("Cannot index string with string \"zzz\"", ".a.b"))
        .isEqualTo("Cannot index string with string \"...\"");
    assertThat(Jq.sanitize("object ({\"a\":\"secre...) only strings can be parsed", "x"))
        .isEqualTo("object only strings can be parsed");
    assertThat(Jq.sanitize("number (1) and string (\"se)cr\") cannot be added", "x"))
        .isEqualTo("number and string cannot be added");
    assertThat(Jq.sanitize("string (\"se)cret-va...) cannot be parsed", "x"))
        .isEqualTo("string cannot be parsed");
    assertThat(Jq.sanitize("bad \"unterminated secret", "x")).isEqualTo("bad \"...\"");
    assertThat(Jq.sanitize("Cannot iterate over str\u0131ng", "x"))
        .isEqualTo("Cannot iterate over string");
  }

  @Test
  void resultThatIsNotOneObject_isAnError() {
    assertThat(failure(jq("."), deployment("w", "d", 1)).reason())
        .isEqualTo(Reason.INVALID_RESULT);
  }

  @Test
  void environmentIsNotReachable() {
    assertThatThrownBy(() -> jq("$ENV.HOME").normalize(deployment("w", "d", 1)))
        .isInstanceOf(IgnoreRuleException.class);
    assertThatThrownBy(() -> jq(".[env.HOME]").normalize(deployment("w", "d", 1)))
        .isInstanceOf(IgnoreRuleException.class);
    assertThatThrownBy(() -> jq("input").normalize(deployment("w", "d", 1)))
        .isInstanceOf(IgnoreRuleException.class);
  }

  @Test
  void compiledPrograms_areCachedInABoundedCache() throws Exception {
    Jq.Program a = Jq.compile(".spec.replicas");
    assertThat(Jq.compile(".spec.replicas")).isSameAs(a);
    for (int i = 0; i < Jq.MAX_CACHED + 50; i++) {
      Jq.compile(".spec.x" + i);
    }
    assertThat(Jq.cached()).isLessThanOrEqualTo(Jq.MAX_CACHED);
  }

  @Test
  @Timeout(30)
  void concurrentNormalization_givesTheSameResults() throws Exception {
    IgnoreRules rules = IgnoreRules.of(IgnoreRule.of("apps", "Deployment")
        .withJqPathExpressions(".spec.template.spec.containers[].image", ".spec.replicas"));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Manifest>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int n = i;
        results.add(pool.submit(() -> rules.normalize(deployment("web" + n, "dev", n))));
      }
      for (int i = 0; i < results.size(); i++) {
        Manifest m = results.get(i).get();
        assertThat(m.name()).isEqualTo("web" + i);
        assertThat(m.at("/spec/replicas")).isEmpty();
        assertThat(m.at("/spec/template/spec/containers/0/image")).isEmpty();
        assertThat(m.at("/spec/template/spec/containers/0/name")).isPresent();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
