package io.gitopskit.core.health.lua;

/**
 * Stops a script that broke one of its {@link LuaLimits}. An {@link Error}, not an exception, so
 * that neither LuaJ's {@code pcall} nor its closures (which catch {@link Exception}) can swallow
 * it; it unwinds straight to {@link LuaHealthCheck}.
 */
final class LimitExceeded extends Error {

  private static final long serialVersionUID = 1L;

  LimitExceeded(String message) {
    super(message, null, false, false);
  }
}
