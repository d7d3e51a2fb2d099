package io.gitopskit.core.health.lua;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.health.HealthCode;
import io.gitopskit.core.health.HealthStatus;
import io.gitopskit.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class LuaSandboxTest {

  private static final LuaLimits FAST = LuaLimits.defaults().withTimeout(Duration.ofMillis(200));

  private static HealthStatus run(String script, LuaLimits limits) {
    return LuaHealthCheck.compile("s.lua", script, limits).assess(JsonObject.empty())
        .orElseThrow();
  }

  private static HealthStatus run(String script) {
    return run(script, LuaLimits.defaults());
  }

  private static String show(String expression) {
    return run("return {status = 'Healthy', message = tostring(" + expression + ")}").message();
  }

  @ParameterizedTest
  @ValueSource(strings = {"io", "debug", "load", "loadstring", "dofile", "loadfile", "package",
      "luajava", "coroutine", "collectgarbage", "module", "bit32", "string.dump", "os.execute",
      "os.exit", "os.getenv", "os.remove", "os.rename", "os.tmpname", "os.setlocale"})
  void dangerousGlobal_isAbsent(String name) {
    assertThat(show(name)).isEqualTo("nil");
  }

  @ParameterizedTest
  @ValueSource(strings = {"assert", "error", "getmetatable", "ipairs", "next", "pairs", "pcall",
      "print", "rawequal", "rawget", "rawlen", "rawset", "select", "setmetatable", "tonumber",
      "tostring", "type", "xpcall", "unpack", "require", "string.find", "string.format",
      "table.insert", "table.sort", "table.getn", "math.floor", "math.huge", "os.time", "os.date",
      "os.clock", "os.difftime"})
  void allowedGlobal_isPresent(String name) {
    assertThat(show(name)).isNotEqualTo("nil");
  }

  @Test
  void requireOs_returnsRestrictedOs() {
    assertThat(show("require('os') == os")).isEqualTo("true");
    assertThat(show("require('os').execute")).isEqualTo("nil");
    assertThat(show("type(require('os').time())")).isEqualTo("number");
  }

  @Test
  void requireOtherModule_fails() {
    HealthStatus s = run("local io = require('io') return {status = 'Healthy'}");
    assertThat(s.code()).isEqualTo(HealthCode.UNKNOWN);
    assertThat(s.message()).contains("module 'io' not found");
  }

  @Test
  void os_timeDateAndClock_work() {
    assertThat(show("os.date('!%Y-%m-%d', 86400)")).isEqualTo("1970-01-02");
    assertThat(show("os.time() > 1700000000")).isEqualTo("true");
    assertThat(show("os.time({year = 2024, month = 1, day = 2, hour = 3}) > 0")).isEqualTo("true");
    assertThat(show("os.clock() >= 0")).isEqualTo("true");
    assertThat(show("os.difftime(10, 4)")).isEqualTo("6");
  }

  @Test
  void requireJson_decodesAndEncodes() {
    assertThat(show("require('json').decode('[{\"a\":1,\"b\":null},2]')[1].a"))
        .isEqualTo("1");
    assertThat(show("#require('json').decode('[1,null,3]')")).isEqualTo("2");
    assertThat(show("require('json').decode('null')")).isEqualTo("nil");
    assertThat(show("require('json').encode({b = {1, 2.5, 'x\\n'}, a = true, c = {}})"))
        .isEqualTo("{\"a\":true,\"b\":[1,2.5,\"x\\n\"],\"c\":[]}");
    assertThat(show("require('json') == require('json')")).isEqualTo("true");
  }

  @Test
  void jsonErrors_areScriptErrors() {
    assertThat(run("return require('json').decode('{bad')").message()).contains("json.decode");
    assertThat(run("local t = {} t.self = t return require('json').encode(t)").message())
        .contains("nested too deeply");
    assertThat(run("return require('json').encode({[true] = 1})").message())
        .contains("mixed or invalid key types");
  }

  @Test
  void tableGetn_andUnpack_shimLua51() {
    assertThat(show("table.getn({1, 2, 3})")).isEqualTo("3");
    assertThat(show("select(2, unpack({'a', 'b'}))")).isEqualTo("b");
  }

  @Test
  void print_isHarmless() {
    assertThat(show("print('hello') == nil")).isEqualTo("true");
  }

  @Test
  void stringMetatable_isHidden_andMethodsWork() {
    assertThat(show("getmetatable('')")).isEqualTo("false");
    assertThat(show("('abc'):upper() .. ('x'):rep(2)")).isEqualTo("ABCxx");
  }

  @Test
  void stringMethods_seeTheCallsOwnStringTable() {
    assertThat(show("(function() function string.twice(s) return s .. s end "
        + "return ('ab'):twice() end)()")).isEqualTo("abab");
    assertThat(show("string.twice")).isEqualTo("nil");
  }

  @Test
  void infiniteLoop_timesOut() {
    long start = System.nanoTime();
    HealthStatus s = run("while true do end", FAST);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(s.code()).isEqualTo(HealthCode.UNKNOWN);
    assertThat(s.message()).isEqualTo("s.lua: timeout: the script ran longer than 200 ms");
  }

  @Test
  void timeout_cannotBeCaughtByPcall() {
    HealthStatus s = run("""
        for i = 1, 1e9 do pcall(function() while true do end end) end
        return {status = 'Healthy'}
        """, FAST);
    assertThat(s.message()).contains("timeout");
  }

  @Test
  void pathologicalPattern_timesOut() {
    HealthStatus s = run("""
        local s = string.rep('a', 20000)
        return {status = 'Healthy', message = tostring(s:find('.-.-.-.-.-b'))}
        """, FAST);
    assertThat(s.message()).contains("timeout");
  }

  @Test
  void defaultTimeout_isOneSecond() {
    long start = System.nanoTime();
    HealthStatus s = run("local x = 0 while true do x = x + 1 end");
    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertThat(s.message()).contains("timeout").contains("1000 ms");
    assertThat(millis).isBetween(900L, 5000L);
  }

  @Test
  void stringRepBomb_isStopped() {
    HealthStatus s = run("return {status = 'Healthy', message = string.rep('x', 1e9)}");
    assertThat(s.code()).isEqualTo(HealthCode.UNKNOWN);
    assertThat(s.message()).contains("string too large");
  }

  @Test
  void concatenationBomb_isStopped() {
    HealthStatus s = run("local s = 'x' while true do s = s .. s end");
    assertThat(s.message()).contains("string too large");
  }

  @Test
  void manyLargeStrings_hitTheAllocationLimit() {
    HealthStatus s = run("""
        local big, kept = string.rep('x', 1000000), {}
        for i = 1, 1000 do kept[i] = big .. i end
        """);
    assertThat(s.message()).contains("memory limit");
  }

  @Test
  void gsubFormatAndConcatBombs_areStopped() {
    LuaLimits small = LuaLimits.defaults().withMaxStringBytes(10_000);
    String big = "local s = string.rep('x', 5000) ";
    assertThat(run(big + "s:gsub('x', 'yyy')", small).message()).contains("string too large");
    assertThat(run(big + "string.format('%s%s%s', s, s, s)", small).message())
        .contains("string too large");
    assertThat(run(big + "table.concat({s, s, s})", small).message())
        .contains("string too large");
    assertThat(run(big + "s:upper() s:lower() s:reverse() return {status = 'Healthy'}", small))
        .isEqualTo(HealthStatus.healthy());
  }

  @Test
  void limitErrors_cannotBeCaughtByPcall() {
    HealthStatus s = run("""
        local ok = pcall(string.rep, 'x', 1e9)
        return {status = 'Healthy', message = tostring(ok)}
        """);
    assertThat(s.message()).contains("string too large");
  }

  @Test
  void deepRecursion_isStopped() {
    HealthStatus s = run("local function f(n) return 1 + f(n + 1) end return f(1)");
    assertThat(s.code()).isEqualTo(HealthCode.UNKNOWN);
    assertThat(s.message()).isEqualTo("s.lua: stack overflow: more than 200 nested calls");
  }

  @Test
  void moderateRecursion_isAllowed() {
    assertThat(show("(function() local function f(n) if n == 0 then return 0 end "
        + "return 1 + f(n - 1) end return f(150) end)()")).isEqualTo("150");
  }

  @Test
  void hugeUnpack_isRefused() {
    HealthStatus s = run("return unpack({}, 1, 1e8)");
    assertThat(s.message()).contains("too many results to unpack");
  }

  @Test
  void hugeByteSlice_isRefused_smallOnesWork() {
    assertThat(run("return string.byte(string.rep('x', 2000000), 1, -1)").message())
        .contains("string slice too long");
    assertThat(show("select('#', string.byte('abc', 1, -1)) .. string.byte('A')"))
        .isEqualTo("365");
  }

  @Test
  void emptyRep_returnsAtOnce() {
    assertThat(show("#string.rep('', 1e18)")).isEqualTo("0");
  }

  @Test
  void tailCallLoop_timesOut() {
    HealthStatus s = run("local function f() return f() end return f()", FAST);
    assertThat(s.message()).contains("timeout");
  }
}
