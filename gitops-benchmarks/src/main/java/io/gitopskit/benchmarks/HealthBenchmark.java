package io.gitopskit.benchmarks;

import io.gitopskit.core.health.HealthCheck;
import io.gitopskit.core.health.HealthChecks;
import io.gitopskit.core.health.lua.LuaHealthCheck;
import io.gitopskit.core.model.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Health checks per object over 100k live objects: the built-in checks on a mixed set
 * (Deployments, Pods, Services, PVCs, Jobs, StatefulSets, ConfigMaps), and the built-in
 * Deployment rule against the same rule written in Lua (Argo CD's contract, our sandbox) on 100k
 * Deployments. Goal (issue 4): built-in checks under 2 µs per object.
 *
 * <p>Run: {@code java -jar gitops-benchmarks/target/benchmarks.jar HealthBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class HealthBenchmark {

  static final int N = 100_000;

  private List<Manifest> mixed;
  private List<Manifest> deployments;
  private HealthChecks builtIn;
  private HealthCheck lua;

  /** Builds the objects and the checks. */
  @Setup
  public void setUp() {
    mixed = HealthObjects.mixed(N);
    deployments = HealthObjects.deployments(N);
    builtIn = HealthChecks.builtIn();
    lua = LuaHealthCheck.compile("deployment-health.lua", script());
  }

  static String script() {
    try (InputStream in = HealthBenchmark.class.getResourceAsStream(
        "/io/gitopskit/core/health/lua/deployment-health.lua")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Built-in checks over the mixed set; score is per object. */
  @Benchmark
  @OperationsPerInvocation(N)
  public void builtInMixed(Blackhole bh) {
    for (Manifest m : mixed) {
      bh.consume(builtIn.assess(m));
    }
  }

  /** The built-in Deployment rule; score is per object. */
  @Benchmark
  @OperationsPerInvocation(N)
  public void builtInDeployment(Blackhole bh) {
    for (Manifest m : deployments) {
      bh.consume(builtIn.assess(m));
    }
  }

  /** The same Deployment rule in Lua; score is per object. */
  @Benchmark
  @OperationsPerInvocation(N)
  public void luaDeployment(Blackhole bh) {
    for (Manifest m : deployments) {
      bh.consume(lua.assess(m));
    }
  }
}
