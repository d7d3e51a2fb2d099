package io.gitopskit.core.health.lua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.health.HealthCode;
import io.gitopskit.core.health.HealthStatus;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.model.Manifest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LuaHealthCheckTest {

  private static final JsonObject POD = JsonObject.builder()
      .put("apiVersion", "v1")
      .put("kind", "Pod")
      .put("metadata", JsonObject.of("name", JsonString.of("web")))
      .put("status", JsonObject.builder()
          .put("phase", "Running")
          .put("restarts", JsonNumber.of(3))
          .put("ratio", JsonNumber.of(new BigDecimal("0.25")))
          .put("big", JsonNumber.of(5_000_000_000L))
          .put("ready", JsonBoolean.TRUE)
          .put("gone", JsonNull.INSTANCE)
          .put("items", JsonArray.of(JsonString.of("a"), JsonNull.INSTANCE, JsonString.of("b")))
          .build())
      .build();

  private static Optional<HealthStatus> run(String script) {
    return LuaHealthCheck.compile("test.lua", script).assess(POD);
  }

  private static HealthStatus value(String expression) {
    return run("return {status = 'Healthy', message = tostring(" + expression + ")}").orElseThrow();
  }

  private static String message(String script) {
    return run(script).orElseThrow().message();
  }

  @Test
  void table_becomesHealthStatus() {
    assertThat(run("return {status = 'Degraded', message = 'broken'}"))
        .contains(HealthStatus.degraded("broken"));
    assertThat(run("hs = {} hs.status = 'Suspended' return hs"))
        .contains(HealthStatus.of(HealthCode.SUSPENDED, ""));
  }

  @Test
  void everyCode_isAccepted() {
    for (HealthCode code : HealthCode.values()) {
      assertThat(run("return {status = '" + code.wireName() + "'}"))
          .contains(HealthStatus.of(code, ""));
    }
  }

  @Test
  void assess_manifestAndObject_agree() {
    LuaHealthCheck check = LuaHealthCheck.compile("x", "return {status = obj.status.phase == "
        + "'Running' and 'Healthy' or 'Progressing', message = obj.metadata.name}");
    assertThat(check.assess(Manifest.of(POD))).contains(HealthStatus.healthy("web"));
    assertThat(check.assess(POD)).contains(HealthStatus.healthy("web"));
  }

  @Test
  void invalidStatus_isUnknownWithArgoCdMessage() {
    HealthStatus invalid = HealthStatus.unknown("Lua returned an invalid health status");
    assertThat(run("return {status = 'Fine', message = 'x'}")).contains(invalid);
    assertThat(run("return {status = 'healthy'}")).contains(invalid);
    assertThat(run("return {message = 'no status'}")).contains(invalid);
  }

  @Test
  void nilOrEmptyTable_isNoOpinion() {
    assertThat(run("return nil")).isEmpty();
    assertThat(run("local x = 1")).isEmpty();
    assertThat(run("return {}")).isEmpty();
  }

  @Test
  void nonTableResult_isUnknownError() {
    assertThat(message("return 'Healthy'"))
        .isEqualTo("test.lua: expected a table from the script, not string");
    assertThat(message("return 42")).contains("not number");
    assertThat(message("return true")).contains("not boolean");
    assertThat(run("return 42").orElseThrow().code()).isEqualTo(HealthCode.UNKNOWN);
  }

  @Test
  void nonStringStatusOrMessage_isUnknownError() {
    assertThat(message("return {status = 1}")).isEqualTo("test.lua: status must be a string, "
        + "not number");
    assertThat(message("return {status = 'Healthy', message = {}}"))
        .isEqualTo("test.lua: message must be a string, not table");
  }

  @Test
  void runtimeError_isUnknownWithErrorText() {
    HealthStatus s = run("return {status = obj.spec.replicas}").orElseThrow();
    assertThat(s.code()).isEqualTo(HealthCode.UNKNOWN);
    assertThat(s.message()).startsWith("test.lua:1").contains("attempt to index");
    assertThat(message("error('custom failure')")).isEqualTo("test.lua:1 custom failure");
    assertThat(message("error({})")).isNotBlank();
  }

  @Test
  void syntaxError_failsAtCompileTime() {
    assertThatThrownBy(() -> LuaHealthCheck.compile("bad.lua", "return {status = }"))
        .isInstanceOf(LuaScriptException.class)
        .hasMessageStartingWith("cannot compile bad.lua: ");
  }

  @Test
  void oversizedScript_isRefused() {
    LuaLimits limits = LuaLimits.defaults().withMaxScriptBytes(10);
    assertThatThrownBy(() -> LuaHealthCheck.compile("big.lua", "return nil -- long", limits))
        .isInstanceOf(LuaScriptException.class)
        .hasMessage("big.lua: the script has 18 bytes, over the limit of 10");
  }

  @Test
  void numbers_convertAsLuaNumbers() {
    assertThat(value("obj.status.restarts").message()).isEqualTo("3");
    assertThat(value("math.type and 1 or obj.status.restarts + 1").message()).isEqualTo("4");
    assertThat(value("obj.status.ratio").message()).isEqualTo("0.25");
    assertThat(value("obj.status.ratio * 4 == 1").message()).isEqualTo("true");
    assertThat(value("obj.status.big").message()).isEqualTo("5000000000");
    assertThat(value("string.format('%d', obj.status.restarts)").message()).isEqualTo("3");
    assertThat(value("type(obj.status.restarts)").message()).isEqualTo("number");
  }

  @Test
  void nulls_areDropped_andArraysStayOneBasedSequences() {
    assertThat(value("obj.status.gone == nil").message()).isEqualTo("true");
    assertThat(value("#obj.status.items").message()).isEqualTo("2");
    assertThat(value("obj.status.items[1] .. obj.status.items[2]").message()).isEqualTo("ab");
    assertThat(value("obj.status.items[0]").message()).isEqualTo("nil");
    assertThat(value("obj.status.ready == true").message()).isEqualTo("true");
    assertThat(value("obj.metadata.name").message()).isEqualTo("web");
  }

  @Test
  void scriptMutations_doNotLeakBetweenCalls() {
    LuaHealthCheck check = LuaHealthCheck.compile("m.lua", """
        counter = (counter or 0) + 1
        obj.status.phase = 'changed'
        string.lower = nil
        table.insert = nil
        return {status = 'Healthy', message = tostring(counter)}
        """);
    assertThat(check.assess(POD)).contains(HealthStatus.healthy("1"));
    assertThat(check.assess(POD)).contains(HealthStatus.healthy("1"));
    assertThat(LuaHealthCheck.compile("n.lua", "return {status = 'Healthy', message = "
        + "string.lower('A') .. ('B'):lower() .. obj.status.phase}").assess(POD))
        .contains(HealthStatus.healthy("abRunning"));
  }

  @Test
  void concurrentCalls_areIndependent() throws Exception {
    LuaHealthCheck check = LuaHealthCheck.compile("c.lua", """
        local n = 0
        for i = 1, 2000 do n = n + #tostring(i) end
        local name = obj.metadata.name
        return {status = 'Healthy', message = name:upper() .. n}
        """);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Optional<HealthStatus>>> futures = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        Manifest m = Manifest.of(POD).withName("n" + i);
        futures.add(pool.submit(() -> check.assess(m)));
      }
      for (int i = 0; i < futures.size(); i++) {
        assertThat(futures.get(i).get()).contains(HealthStatus.healthy("N" + i + "6893"));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void nameAndLimits_areKept() {
    LuaLimits limits = LuaLimits.defaults().withMaxCallDepth(50);
    LuaHealthCheck check = LuaHealthCheck.compile("a/B/health.lua", "return nil", limits);
    assertThat(check.name()).isEqualTo("a/B/health.lua");
    assertThat(check.limits()).isEqualTo(limits);
    assertThat(check).hasToString("LuaHealthCheck[a/B/health.lua]");
  }
}
