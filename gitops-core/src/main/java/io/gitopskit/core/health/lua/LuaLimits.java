package io.gitopskit.core.health.lua;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits that keep a health script from hurting its host. A script that exceeds one is stopped
 * and its check returns {@link io.gitopskit.core.health.HealthCode#UNKNOWN} with a message that
 * names the limit; a script cannot catch the stop with {@code pcall}.
 *
 * @param timeout wall-clock time per call (Argo CD: 1 second); checked between Lua instructions
 *     and inside pattern matching, so even {@code while true do end} stops
 * @param maxStringBytes the longest string a script may create (by {@code ..}, {@code
 *     string.rep}, {@code string.format}, {@code string.gsub}, {@code table.concat}, {@code
 *     string.upper} and the like)
 * @param maxAllocatedBytes the total bytes of strings a script may create in one call
 * @param maxCallDepth nested Lua calls (recursion depth)
 * @param maxScriptBytes the size of a script's source
 * @since 0.1
 */
public record LuaLimits(Duration timeout, int maxStringBytes, long maxAllocatedBytes,
    int maxCallDepth, int maxScriptBytes) {

  private static final LuaLimits DEFAULTS =
      new LuaLimits(Duration.ofSeconds(1), 4 * 1024 * 1024, 32L * 1024 * 1024, 200, 256 * 1024);

  /**
   * Validates the limits.
   *
   * @throws IllegalArgumentException if a limit is not positive
   */
  public LuaLimits {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    if (maxStringBytes <= 0 || maxAllocatedBytes <= 0 || maxCallDepth <= 0
        || maxScriptBytes <= 0) {
      throw new IllegalArgumentException("Lua limits must be positive");
    }
  }

  /**
   * The defaults: 1 second per call, strings up to 4 MiB (more than the largest object the API
   * server accepts), 32 MiB of strings per call, 200 nested calls, scripts up to 256 KiB.
   *
   * @return the defaults
   */
  public static LuaLimits defaults() {
    return DEFAULTS;
  }

  /**
   * A copy with another time limit.
   *
   * @param value time per call, positive
   * @return the new limits
   */
  public LuaLimits withTimeout(Duration value) {
    return new LuaLimits(value, maxStringBytes, maxAllocatedBytes, maxCallDepth, maxScriptBytes);
  }

  /**
   * A copy with another limit on the length of one string.
   *
   * @param value bytes, positive
   * @return the new limits
   */
  public LuaLimits withMaxStringBytes(int value) {
    return new LuaLimits(timeout, value, maxAllocatedBytes, maxCallDepth, maxScriptBytes);
  }

  /**
   * A copy with another limit on the string bytes created per call.
   *
   * @param value bytes, positive
   * @return the new limits
   */
  public LuaLimits withMaxAllocatedBytes(long value) {
    return new LuaLimits(timeout, maxStringBytes, value, maxCallDepth, maxScriptBytes);
  }

  /**
   * A copy with another limit on nested calls.
   *
   * @param value calls, positive
   * @return the new limits
   */
  public LuaLimits withMaxCallDepth(int value) {
    return new LuaLimits(timeout, maxStringBytes, maxAllocatedBytes, value, maxScriptBytes);
  }

  /**
   * A copy with another limit on the size of a script's source.
   *
   * @param value bytes, positive
   * @return the new limits
   */
  public LuaLimits withMaxScriptBytes(int value) {
    return new LuaLimits(timeout, maxStringBytes, maxAllocatedBytes, maxCallDepth, value);
  }
}
