package io.gitopskit.core.health.lua;

import io.gitopskit.core.health.HealthCheck;
import io.gitopskit.core.health.HealthCode;
import io.gitopskit.core.health.HealthStatus;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.model.Manifest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.compiler.LuaC;

/**
 * A health check written in Lua with Argo CD's contract: the script sees the live object as the
 * global {@code obj} and returns {@code {status = "...", message = "..."}}.
 *
 * <ul>
 *   <li>{@code status} must be one of {@code Healthy}, {@code Progressing}, {@code Degraded},
 *       {@code Suspended}, {@code Missing}, {@code Unknown}; any other value (or none) gives
 *       Unknown "Lua returned an invalid health status", as in Argo CD. {@code message} may be
 *       omitted (empty).
 *   <li>{@code nil} (or no return) and {@code {}} mean "no opinion": {@link #assess} is empty.
 *   <li>Any other result (a string, a number), a runtime error, or a broken {@link LuaLimits
 *       limit} (time, string size, call depth) gives Unknown with the error text; {@link #assess}
 *       never throws. Syntax errors are found when the script is compiled.
 * </ul>
 *
 * <p>The script is compiled once, when the check is created; each call runs it in a fresh,
 * sandboxed environment (see the package documentation), so an instance is immutable and may be
 * used by many threads at once.
 *
 * <pre>{@code
 * LuaHealthCheck check = LuaHealthCheck.compile("cert-manager.io/Certificate", script);
 * Optional<HealthStatus> health = check.assess(liveCertificate);
 * }</pre>
 *
 * @since 0.1
 */
public final class LuaHealthCheck implements HealthCheck {

  /** Argo CD's message for a status outside the six codes. */
  static final String INVALID_STATUS = "Lua returned an invalid health status";

  private final String name;
  private final Prototype prototype;
  private final LuaLimits limits;

  private LuaHealthCheck(String name, Prototype prototype, LuaLimits limits) {
    this.name = name;
    this.prototype = prototype;
    this.limits = limits;
  }

  /**
   * Compiles a script with {@link LuaLimits#defaults()}.
   *
   * @param name a name for messages, e.g. {@code cert-manager.io/Certificate/health.lua}
   * @param script the Lua source
   * @return the check
   * @throws LuaScriptException if the script does not compile or is over the size limit
   */
  public static LuaHealthCheck compile(String name, String script) {
    return compile(name, script, LuaLimits.defaults());
  }

  /**
   * Compiles a script.
   *
   * @param name a name for messages, e.g. {@code cert-manager.io/Certificate/health.lua}
   * @param script the Lua source
   * @param limits the limits for each call
   * @return the check
   * @throws LuaScriptException if the script does not compile or is over the size limit
   */
  public static LuaHealthCheck compile(String name, String script, LuaLimits limits) {
    Objects.requireNonNull(script, "script");
    return compile(name, script.getBytes(StandardCharsets.UTF_8), limits);
  }

  static LuaHealthCheck compile(String name, byte[] script, LuaLimits limits) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(limits, "limits");
    if (script.length > limits.maxScriptBytes()) {
      throw new LuaScriptException(name + ": the script has " + script.length
          + " bytes, over the limit of " + limits.maxScriptBytes());
    }
    try {
      Prototype p = LuaC.instance.compile(new ByteArrayInputStream(script), name);
      return new LuaHealthCheck(name, p, limits);
    } catch (LuaError | IOException e) {
      throw new LuaScriptException("cannot compile " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * The name given at compile time.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The limits each call runs under.
   *
   * @return the limits
   */
  public LuaLimits limits() {
    return limits;
  }

  /**
   * Runs the script against a live object.
   *
   * @param live the object
   * @return the health, or empty when the script returned {@code nil} or {@code {}}
   */
  @Override
  public Optional<HealthStatus> assess(Manifest live) {
    return assess(live.root());
  }

  /**
   * Runs the script against any JSON object, e.g. one that is not a complete manifest.
   *
   * @param object the object the script sees as {@code obj}
   * @return the health, or empty when the script returned {@code nil} or {@code {}}
   */
  public Optional<HealthStatus> assess(JsonObject object) {
    return Optional.ofNullable(evaluate(object).status());
  }

  /** Runs the script; the outcome tells an error from a valid Unknown. */
  Outcome evaluate(JsonObject object) {
    Objects.requireNonNull(object, "object");
    Execution guard = new Execution(limits);
    guard.enter();
    try {
      Globals globals = Sandbox.newGlobals(guard);
      globals.rawset("obj", LuaValues.toLua(object));
      LuaValue result = new LuaClosure(prototype, globals).call();
      return read(result);
    } catch (LimitExceeded e) {
      return Outcome.error(name + ": " + e.getMessage());
    } catch (LuaError e) {
      return Outcome.error(text(e));
    } catch (StackOverflowError e) {
      return Outcome.error(name + ": stack overflow");
    } catch (RuntimeException e) {
      return Outcome.error(name + ": " + e);
    } finally {
      guard.exit();
    }
  }

  private Outcome read(LuaValue result) {
    if (result.isnil()) {
      return Outcome.NO_OPINION;
    }
    if (!result.istable()) {
      return Outcome.error(name + ": expected a table from the script, not "
          + result.typename());
    }
    if (result.next(LuaValue.NIL).arg1().isnil()) {
      return Outcome.NO_OPINION;
    }
    LuaValue status = result.rawget("status");
    LuaValue message = result.rawget("message");
    if (!status.isnil() && status.type() != LuaValue.TSTRING) {
      return Outcome.error(name + ": status must be a string, not " + status.typename());
    }
    if (!message.isnil() && message.type() != LuaValue.TSTRING) {
      return Outcome.error(name + ": message must be a string, not " + message.typename());
    }
    Optional<HealthCode> code =
        status.isnil() ? Optional.empty() : HealthCode.parse(status.tojstring());
    if (code.isEmpty()) {
      return new Outcome(HealthStatus.unknown(INVALID_STATUS), null);
    }
    String text = message.isnil() ? "" : message.tojstring();
    return new Outcome(HealthStatus.of(code.get(), text), null);
  }

  private String text(LuaError e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return name + ": script error";
    }
    return m.strip();
  }

  @Override
  public String toString() {
    return "LuaHealthCheck[" + name + "]";
  }

  /**
   * What one run produced: a status (null for no opinion) and, when the script failed, the
   * error (the status is then Unknown with that text).
   */
  record Outcome(@Nullable HealthStatus status, @Nullable String error) {
    static final Outcome NO_OPINION = new Outcome(null, null);

    static Outcome error(String message) {
      return new Outcome(HealthStatus.unknown(message), message);
    }
  }
}
