package io.gitopskit.core.diff.ignore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitopskit.core.diff.ignore.IgnoreRuleException.Reason;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.Expression;
import net.thisptr.jackson.jq.Function;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.PathOutput;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Version;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;
import net.thisptr.jackson.jq.exception.JsonQueryUserException;
import net.thisptr.jackson.jq.path.Path;
import org.jspecify.annotations.Nullable;

/**
 * jq deletion programs ({@code del(<expr>)}) run with jackson-jq, bounded in time and steps.
 *
 * <p>Every builtin function is wrapped so that each call and each value it emits counts one
 * step and checks the deadline; jq's own {@code try} cannot catch the resulting stop. User
 * recursion ends in a stack overflow, which is reported as an error. Programs run on daemon
 * worker threads and the caller waits at most the timeout (plus a short grace), so even a step
 * that never returns to jq (a pathological regular expression) cannot hang the caller; while
 * {@value #MAX_RUNAWAY} such runaways are still running, further evaluations fail fast.
 */
final class Jq {

  /** jq language version: Argo CD uses gojq, which follows jq 1.7. */
  static final Version VERSION = Versions.JQ_1_7;

  /** Values and calls one evaluation may make. */
  static final long DEFAULT_MAX_STEPS = 2_000_000;

  /** Compiled programs kept. */
  static final int MAX_CACHED = 1024;

  /** Evaluations past their timeout that may still be running before new ones fail fast. */
  static final int MAX_RUNAWAY = 4;

  /** How long the caller waits beyond the deadline for the worker to report it. */
  private static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ThreadLocal<@Nullable Budget> BUDGET = new ThreadLocal<>();
  private static final AtomicInteger RUNAWAY = new AtomicInteger();
  private static final Scope ROOT = rootScope();
  private static final ExecutorService WORKERS = Executors.newCachedThreadPool(new Workers());

  private static final Map<String, Program> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Program> eldest) {
      return size() > MAX_CACHED;
    }
  };

  private Jq() {}

  /** Why a program failed, with a message free of field values. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    final Reason reason;

    Failure(Reason reason, String detail) {
      super(detail, null, false, false);
      this.reason = reason;
    }
  }

  /** Stops an evaluation from inside jq; jq's {@code try} only catches its own exceptions. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final Reason reason;

    Stop(Reason reason) {
      super(null, null, false, false);
      this.reason = reason;
    }
  }

  /** The steps and time left to one evaluation. */
  private static final class Budget {
    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int ABANDONED = 2;

    private final long deadline;
    private final Duration timeout;
    private final long maxSteps;
    private long steps;
    private volatile boolean cancelled;
    private final AtomicInteger state = new AtomicInteger(RUNNING);

    Budget(Duration timeout, long maxSteps) {
      this.timeout = timeout;
      this.deadline = System.nanoTime() + timeout.toNanos();
      this.maxSteps = maxSteps;
    }

    void step() {
      if (++steps > maxSteps) {
        throw new Stop(Reason.TOO_MANY_STEPS);
      }
      if ((steps & 255) == 0 && (cancelled || System.nanoTime() - deadline > 0)) {
        throw new Stop(Reason.TIMEOUT);
      }
    }

    /** Called by the worker when it ends. */
    void finish() {
      if (!state.compareAndSet(RUNNING, DONE)) {
        RUNAWAY.decrementAndGet();
      }
    }

    /** Called by the caller when it stops waiting; false when the worker already ended. */
    boolean abandon() {
      cancelled = true;
      if (state.compareAndSet(RUNNING, ABANDONED)) {
        RUNAWAY.incrementAndGet();
        return true;
      }
      return false;
    }
  }

  private static final class Workers implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(null, r, "gitopskit-jq-" + count.incrementAndGet(), 4L << 20);
      t.setDaemon(true);
      return t;
    }
  }

  /** A builtin that counts its calls and emitted values against the current budget. */
  private static final class Bounded implements Function {
    private final Function delegate;

    Bounded(Function delegate) {
      this.delegate = delegate;
    }

    @Override
    public void apply(Scope scope, List<Expression> args, JsonNode in, @Nullable Path path,
        PathOutput output, Version version)
        throws JsonQueryException {
      Budget b = BUDGET.get();
      if (b == null) {
        delegate.apply(scope, args, in, path, output, version);
        return;
      }
      b.step();
      delegate.apply(scope, args, in, path, (value, p) -> {
        b.step();
        output.emit(value, p);
      }, version);
    }
  }

  private static Scope rootScope() {
    Scope root = Scope.newEmptyScope();
    Map<String, Function> builtins = BuiltinFunctionLoader.getInstance()
        .listFunctions(Jq.class.getClassLoader(), VERSION, root);
    builtins.forEach((name, f) -> {
      if (!name.startsWith("debug") && !name.startsWith("input") && !name.startsWith("env")) {
        root.addFunction(name, new Bounded(f));
      }
    });
    return root;
  }

  /** A compiled {@code del(<expr>)} program. */
  static final class Program {
    final String expression;
    private final JsonQuery query;

    private Program(String expression, JsonQuery query) {
      this.expression = expression;
      this.query = query;
    }

    /**
     * Runs the program on an object.
     *
     * @throws Failure on timeout, budget exhaustion, error, or a result other than one object
     */
    JsonObject apply(JsonObject input, Duration timeout, long maxSteps) throws Failure {
      if (RUNAWAY.get() >= MAX_RUNAWAY) {
        throw new Failure(Reason.TIMEOUT, "refused: " + RUNAWAY.get()
            + " earlier jq evaluations are still running past their timeout");
      }
      long nanos = timeout.toNanos();
      Budget budget = new Budget(timeout, maxSteps);
      Future<Object> future = WORKERS.submit(() -> run(input, budget));
      Object result;
      try {
        result = future.get(nanos + GRACE_NANOS, TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        if (budget.abandon()) {
          future.cancel(true);
          throw timedOut(timeout);
        }
        result = join(future, timeout);
      } catch (InterruptedException e) {
        budget.abandon();
        future.cancel(true);
        Thread.currentThread().interrupt();
        throw new Failure(Reason.EVALUATION_ERROR, "interrupted");
      } catch (ExecutionException e) {
        throw new Failure(Reason.EVALUATION_ERROR, "failed: " + e.getCause().getClass()
            .getSimpleName());
      }
      if (result instanceof Failure f) {
        throw f;
      }
      return (JsonObject) result;
    }

    private Object join(Future<Object> future, Duration timeout) throws Failure {
      try {
        return future.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw timedOut(timeout);
      } catch (ExecutionException e) {
        throw timedOut(timeout);
      }
    }

    /** Runs on a worker; returns the result object or a {@link Failure}. */
    private Object run(JsonObject input, Budget budget) {
      BUDGET.set(budget);
      try {
        Map<JsonNode, JsonValue> originals = new IdentityHashMap<>();
        JsonNode node = toNode(input, originals);
        List<JsonNode> out = new ArrayList<>(2);
        query.apply(Scope.newChildScope(ROOT), node, value -> {
          out.add(value);
          if (out.size() > 1) {
            throw new Stop(Reason.INVALID_RESULT);
          }
        });
        if (out.isEmpty()) {
          return new Failure(Reason.INVALID_RESULT, "the program yielded no value");
        }
        if (!(out.get(0) instanceof ObjectNode result)) {
          return new Failure(Reason.INVALID_RESULT, "the program did not yield an object");
        }
        return Trees.share(input, fromNode(result, originals));
      } catch (Stop s) {
        return switch (s.reason) {
          case TIMEOUT -> timedOut(budget.timeout);
          case TOO_MANY_STEPS -> new Failure(Reason.TOO_MANY_STEPS,
              "exceeded the budget of " + budget.maxSteps + " steps");
          default -> new Failure(s.reason, "the program yielded more than one value");
        };
      } catch (JsonQueryUserException e) {
        return new Failure(Reason.EVALUATION_ERROR, "the program raised error()");
      } catch (JsonQueryException e) {
        return new Failure(Reason.EVALUATION_ERROR, sanitize(e.getMessage(), expression));
      } catch (StackOverflowError e) {
        return new Failure(Reason.EVALUATION_ERROR, "recursion too deep");
      } catch (OutOfMemoryError e) {
        return new Failure(Reason.EVALUATION_ERROR, "out of memory");
      } catch (RuntimeException e) {
        return new Failure(Reason.EVALUATION_ERROR, "failed: " + e.getClass().getSimpleName());
      } finally {
        BUDGET.remove();
        budget.finish();
      }
    }
  }

  private static Failure timedOut(Duration timeout) {
    return new Failure(Reason.TIMEOUT, "did not finish within " + format(timeout));
  }

  private static String format(Duration d) {
    long ms = Math.max(0, d.toMillis());
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }

  /**
   * Compiles {@code del(<expr>)}, from the cache when possible. The expression must also
   * compile on its own, so that it cannot close the {@code del(} call early.
   *
   * @throws Failure with {@link Reason#INVALID_EXPRESSION}
   */
  static Program compile(String expression) throws Failure {
    synchronized (CACHE) {
      Program p = CACHE.get(expression);
      if (p != null) {
        return p;
      }
    }
    Program p;
    try {
      JsonQuery.compile(expression, VERSION);
      p = new Program(expression, JsonQuery.compile("del(" + expression + ")", VERSION));
    } catch (JsonQueryException e) {
      throw new Failure(Reason.INVALID_EXPRESSION, "not a valid jq expression");
    } catch (StackOverflowError e) {
      throw new Failure(Reason.INVALID_EXPRESSION, "the expression nests too deeply");
    } catch (RuntimeException e) {
      throw new Failure(Reason.INVALID_EXPRESSION, "not a valid jq expression ("
          + e.getClass().getSimpleName() + ")");
    }
    synchronized (CACHE) {
      CACHE.put(expression, p);
    }
    return p;
  }

  /** The number of evaluations still running past their timeout. */
  static int runaway() {
    return RUNAWAY.get();
  }

  /** The number of programs in the cache. */
  static int cached() {
    synchronized (CACHE) {
      return CACHE.size();
    }
  }

  /**
   * jq's message without data: parenthesized value excerpts are dropped (a truncated excerpt
   * up to the last {@code ...)}), and quoted strings are kept only when they occur in the
   * expression itself. jackson-jq lowercases type names in the default locale, so a Turkish
   * dotless i is mapped back.
   */
  static String sanitize(@Nullable String message, String expression) {
    if (message == null || message.isEmpty()) {
      return "evaluation failed";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      if (c == '"') {
        int end = endOfString(message, i);
        boolean keep = end > 0 && expression.contains(message.substring(i + 1, end - 1));
        out.append(keep ? message.substring(i, end) : "\"...\"");
        i = (end > 0 ? end : message.length()) - 1;
      } else if (c == '(') {
        i = endOfExcerpt(message, i) - 1;
      } else {
        out.append(c);
      }
    }
    String s = out.toString().replace('\u0131', 'i').replaceAll("\\s+", " ").trim();
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  /** The index after the excerpt opened at {@code start}. */
  private static int endOfExcerpt(String s, int start) {
    int depth = 0;
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        int end = endOfString(s, i);
        if (end < 0) {
          break;
        }
        i = end - 1;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i + 1;
      }
    }
    int truncated = s.lastIndexOf("...)");
    return truncated > start ? truncated + 4 : s.length();
  }

  /** The index after a quoted string starting at {@code start}, or -1 when unterminated. */
  private static int endOfString(String s, int start) {
    for (int i = start + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i + 1;
      }
    }
    return -1;
  }

  private static JsonNode toNode(JsonValue v, Map<JsonNode, JsonValue> originals) {
    if (v instanceof JsonObject o) {
      ObjectNode n = NODES.objectNode();
      for (int i = 0; i < o.size(); i++) {
        n.set(o.keyAt(i), toNode(o.valueAt(i), originals));
      }
      originals.put(n, o);
      return n;
    }
    if (v instanceof JsonArray a) {
      ArrayNode n = NODES.arrayNode(a.size());
      for (JsonValue item : a.items()) {
        n.add(toNode(item, originals));
      }
      originals.put(n, a);
      return n;
    }
    if (v instanceof JsonString s) {
      return NODES.textNode(s.value());
    }
    if (v instanceof JsonNumber n) {
      return n.isLong() ? NODES.numberNode(n.longValue()) : DecimalNode.valueOf(n.decimalValue());
    }
    if (v instanceof JsonBoolean b) {
      return NODES.booleanNode(b.equals(JsonBoolean.TRUE));
    }
    return NODES.nullNode();
  }

  /** Converts back, reusing the original tree for every container jq left untouched. */
  private static JsonValue fromNode(JsonNode n, Map<JsonNode, JsonValue> originals) {
    JsonValue original = originals.get(n);
    if (original != null) {
      return original;
    }
    if (n.isObject()) {
      JsonObject.Builder b = JsonObject.builder();
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        b.put(e.getKey(), fromNode(e.getValue(), originals));
      }
      return b.build();
    }
    if (n.isArray()) {
      JsonArray.Builder b = JsonArray.builder();
      for (JsonNode item : n) {
        b.add(fromNode(item, originals));
      }
      return b.build();
    }
    if (n.isTextual()) {
      return JsonString.of(n.textValue());
    }
    if (n.isIntegralNumber() && n.canConvertToLong()) {
      return JsonNumber.of(n.longValue());
    }
    if (n.isBigInteger()) {
      return JsonNumber.of(new BigDecimal(n.bigIntegerValue()));
    }
    if (n.isBigDecimal()) {
      return JsonNumber.of(n.decimalValue());
    }
    if (n.isNumber()) {
      double d = n.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return JsonNull.INSTANCE;
      }
      return JsonNumber.of(BigDecimal.valueOf(d));
    }
    if (n.isBoolean()) {
      return JsonBoolean.of(n.booleanValue());
    }
    return JsonNull.INSTANCE;
  }
}
