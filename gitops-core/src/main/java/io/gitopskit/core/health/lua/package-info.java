/**
 * Health checks written in Lua, with Argo CD's contract, directory layout and test format.
 *
 * <h2>Contract</h2>
 *
 * <p>A script sees the live object as the global {@code obj}: objects are tables with string
 * keys, arrays are 1-based tables, JSON {@code null} is dropped (so {@code obj.status == nil}
 * when the field is absent or null), numbers are Lua numbers (integers stay integral). It returns
 * {@code {status = "...", message = "..."}} with one of the six codes; another status gives
 * Unknown "Lua returned an invalid health status"; {@code nil} or {@code {}} means no opinion;
 * any error gives Unknown with the error text. See {@link
 * io.gitopskit.core.health.lua.LuaHealthCheck}.
 *
 * <h2>Sandbox</h2>
 *
 * <p>Each call runs in a fresh environment holding only:
 *
 * <ul>
 *   <li>the base functions {@code assert}, {@code error}, {@code getmetatable}, {@code ipairs},
 *       {@code next}, {@code pairs}, {@code pcall}, {@code print} (discarded), {@code rawequal},
 *       {@code rawget}, {@code rawlen}, {@code rawset}, {@code select}, {@code setmetatable},
 *       {@code tonumber}, {@code tostring}, {@code type}, {@code xpcall}, {@code _G}, {@code
 *       _VERSION}; never {@code load}, {@code loadstring}, {@code dofile}, {@code loadfile},
 *       {@code collectgarbage}, {@code module};
 *   <li>{@code string} (without {@code dump}; patterns, {@code upper} and {@code lower} follow
 *       the C locale), {@code table}, {@code math};
 *   <li>a restricted {@code os} with only {@code time}, {@code date}, {@code clock} and {@code
 *       difftime} (pure arithmetic; Argo CD's built-in scripts see the whole {@code os});
 *   <li>{@code require}, which returns those four modules (Argo CD's scripts call {@code
 *       require("os")}) and {@code json} ({@code decode}, {@code encode}: Argo CD's newer
 *       HorizontalPodAutoscaler script decodes an annotation with it), and fails for any other
 *       name;
 *   <li>Lua 5.1 shims: {@code table.getn} and the global {@code unpack}.
 * </ul>
 *
 * <p>{@code io}, {@code debug}, {@code package}, {@code coroutine}, {@code luajava} and {@code
 * bit32} do not exist. Each call has a time limit (1 second by default), enforced between
 * instructions and inside pattern matching, so {@code while true do end} and pathological
 * patterns stop; limits on string sizes and on the string bytes built per call stop {@code
 * string.rep} and concatenation bombs; recursion is limited. See {@link
 * io.gitopskit.core.health.lua.LuaLimits}. Tables a script builds are bounded only by the time
 * limit.
 *
 * <p>Built on LuaJ (Lua 5.2, so {@code goto} works). Argo CD runs gopher-lua (Lua 5.1): the
 * shims above cover the differences its script library meets. Two LuaJ traits remain: numbers
 * that are not integers print with LuaJ's formatting ({@code tostring(10/3)} is {@code
 * 3.3333333}, not {@code 3.3333333333333}), and {@code string.format} ignores the width of
 * {@code %f}. LuaJ keeps the string metatable in a static field: this package installs its own
 * (it delegates to the running call's {@code string} table), which other LuaJ users in the same
 * JVM then share.
 *
 * <h2>Layout and tests</h2>
 *
 * <p>{@link io.gitopskit.core.health.lua.LuaScripts#loadDirectory(java.nio.file.Path)} reads
 * Argo CD's {@code resource_customizations} layout; {@link
 * io.gitopskit.core.health.lua.HealthScriptTests} runs its {@code health_test.yaml} suites.
 */
@NullMarked
package io.gitopskit.core.health.lua;

import org.jspecify.annotations.NullMarked;
