package io.gitopskit.core.health.lua;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.health.HealthCode;
import io.gitopskit.core.health.HealthStatus;
import io.gitopskit.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sandbox's own pattern matcher against results of the reference Lua 5.2 interpreter. */
class LuaPatternsTest {

  private static final String JOIN = """
      local function j(...)
        local t = {}
        for i = 1, select('#', ...) do t[#t + 1] = tostring((select(i, ...))) end
        return table.concat(t, ',')
      end
      """;

  private static HealthStatus eval(String expression) {
    return LuaHealthCheck.compile("p.lua", JOIN + "return {status = 'Healthy', message = j("
        + expression + ")}").assess(JsonObject.empty()).orElseThrow();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "string.find('hello world', 'wor')                       | 7,9",
      "string.find('hello', 'l+')                              | 3,4",
      "string.find('a.b', '.', 1, true)                        | 2,2",
      "string.find('a.b', '%.')                                | 2,2",
      "string.find('hello', 'l', -2)                           | 4,4",
      "string.find('abc', '', 10)                              | nil",
      "string.find('abc', '', 4)                               | 4,3",
      "string.find('key=val', '(%w+)=')                        | 1,4,key",
      "string.find('abc', '^b')                                | nil",
      "string.find('abc', 'c$')                                | 3,3",
      "string.find('x(a(b)c)y', '%b()')                        | 2,8",
      "string.match('key=value', '(%w+)=(%w+)')                | key,value",
      "string.match('2024-01-02T03:04:05Z', '(%d+)-(%d+)-(%d+)T') | 2024,01,02",
      "string.match('hello', '()ll()')                         | 3,5",
      "string.match('say \"hi\" ok', '([\"\\'])(.-)%1')        | \",hi",
      "string.match('<a><b>', '<(.-)>')                        | a",
      "string.match('<a><b>', '<(.*)>')                        | a><b",
      "string.match('abc123', '[^%a]+')                        | 123",
      "string.match('xHello', '[A-Z][a-z]+')                   | Hello",
      "string.match(' \\t\\n x', '^%s*(.-)%s*$')               | x",
      "string.match('a-b', '[%w-]+')                           | a-b",
      "string.match('v1.2.3', 'v(%d+)%.(%d+)%.?(%d*)')         | 1,2,3",
      "string.match('abc', 'b?c')                              | bc",
      "string.match('abc', 'x*')                               | ``",
      "string.match('[x]', '%[(.)%]')                          | x",
      "string.match('ab12', '%D+')                             | ab",
      "string.match('a,b;c', '[,;]')                           | ,",
      "string.match('Ready', '^[Rr]eady$')                     | Ready",
      "string.gsub('hello world', 'o', '0')                    | hell0 w0rld,2",
      "string.gsub('abc', '%w', '%0%0')                        | aabbcc,3",
      "string.gsub('hello world', '(%w+)', '<%1>')             | <hello> <world>,2",
      "string.gsub('abc', '', '-')                             | -a-b-c-,4",
      "string.gsub('aaa', 'a', 'b', 2)                         | bba,2",
      "string.gsub('$x $y', '%$(%w+)', {x = 'X'})              | X $y,2",
      "string.gsub('a b', '%a', function(c) return c:upper() end) | A B,2",
      "string.gsub('THE (quick) fox', '%f[%a]%a+', 'W')        | W (W) W,3",
      "string.gsub('abc', '^a', 'x')                           | xbc,1",
      "string.gsub('100%', '%%', ' percent')                   | 100 percent,1",
      "string.gsub('a', 'a', 7)                                | 7,1",
      "string.rep('ab', 3, ',')                                | ab,ab,ab",
      "string.rep('ab', 0)                                     | ``",
      "('TITLE i'):lower() .. ('title i'):upper()              | title iTITLE I",
      "string.format('%s=%3d %.1f %q', 'k', 7, 2.5, 'a')       | k=  7 2.5 \"a\"",
      "string.format('%s %s', nil, true)                       | nil true",
      "table.concat({1, 'b', 3}, '-')                          | 1-b-3",
      "table.concat({'a', 'b', 'c'}, '', 2, 3)                 | bc",
      "select('#', table.unpack({1, 2, 3}))                    | 3",
  })
  void patternsAndStrings_matchReferenceLua(String expression, String expected) {
    assertThat(eval(expression)).isEqualTo(HealthStatus.healthy(expected));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "string.find('x', '[a')               | malformed pattern (missing ']')",
      "string.find('x', '%')                | malformed pattern (ends with '%')",
      "string.gsub('x', 'x', '%2')          | invalid capture index %2",
      "string.gsub('x', 'x', '%z')          | invalid use of '%' in replacement string",
      "string.match('x', '%1')              | invalid capture index %1",
      "string.match('x', '(x')              | unfinished capture",
      "string.match('x', 'x)')              | invalid pattern capture",
      "string.gsub('x', 'x', true)          | string/function/table expected",
      "table.concat({1, {}, 3})             | invalid value (at index 2) in table for 'concat'",
  })
  void badPatterns_areScriptErrors(String expression, String error) {
    HealthStatus s = eval(expression);
    assertThat(s.code()).isEqualTo(HealthCode.UNKNOWN);
    assertThat(s.message()).contains(error);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "local n = 0 for w in ('one two  three'):gmatch('%a+') do n = n + 1 end return n | 3",
      "local r = '' for k, v in ('a=1, b=2'):gmatch('(%w+)=(%w+)') do r = r .. v .. k end "
          + "return r | 1a2b",
      "local r = '' for p in ('abc'):gmatch('()') do r = r .. p end return r | 1234",
  })
  void gmatch_iterates(String body, String expected) {
    String script = "local function f() " + body + " end "
        + "return {status = 'Healthy', message = tostring(f())}";
    assertThat(LuaHealthCheck.compile("g.lua", script).assess(JsonObject.empty()))
        .contains(HealthStatus.healthy(expected));
  }
}
