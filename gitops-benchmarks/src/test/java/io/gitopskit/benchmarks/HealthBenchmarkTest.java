package io.gitopskit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.health.HealthChecks;
import io.gitopskit.core.health.lua.LuaHealthCheck;
import io.gitopskit.core.model.Manifest;
import org.junit.jupiter.api.Test;

/** The Lua rule and the built-in rule agree on the benchmark's Deployments (not a timing test). */
class HealthBenchmarkTest {

  @Test
  void luaAndBuiltInDeploymentRules_agree() {
    LuaHealthCheck lua = LuaHealthCheck.compile("deployment-health.lua",
        HealthBenchmark.script());
    HealthChecks builtIn = HealthChecks.builtIn();
    int degraded = 0;
    for (Manifest m : HealthObjects.deployments(2000)) {
      assertThat(lua.assess(m)).as(m.toString()).isEqualTo(builtIn.assess(m));
      if (builtIn.assess(m).orElseThrow().code().name().equals("DEGRADED")) {
        degraded++;
      }
    }
    assertThat(degraded).as("the set mixes healthy, progressing and degraded").isPositive();
    assertThat(HealthObjects.mixed(1000)).extracting(m -> builtIn.assess(m).isPresent())
        .contains(true, false);
  }
}
