package io.gitopskit.core.health.lua;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.DebugLib;

/**
 * The guard of one script call, installed as the call's {@code Globals.debuglib}: LuaJ calls it
 * before every instruction and around every call. It enforces the time limit (every 1,024
 * instructions, and from long-running library functions through {@link #tick()}), the call depth,
 * and the string limits (a {@code ..} is checked before it runs, from the operand registers).
 *
 * <p>One instance per call, confined to the calling thread; {@link #current()} finds it from the
 * library functions, which are shared by all calls.
 */
final class Execution extends DebugLib {

  private static final ThreadLocal<@Nullable Execution> CURRENT = new ThreadLocal<>();

  /** Bytes a number may take as text in a concatenation. */
  private static final int NUMBER_TEXT = 32;

  private final LuaLimits limits;
  private final long deadline;
  private long allocated;
  private int depth;
  private int ticks;
  private @Nullable Prototype[] prototypes = new Prototype[16];
  private LuaValue[] @Nullable [] stacks = new LuaValue[16][];
  private @Nullable Execution previous;

  /** This call's {@code string} table: strings' methods ({@code s:lower()}) resolve here. */
  @Nullable LuaTable strings;

  Execution(LuaLimits limits) {
    this.limits = limits;
    this.deadline = System.nanoTime() + limits.timeout().toNanos();
  }

  /** The guard of the script running on this thread, or null outside a script. */
  static @Nullable Execution current() {
    return CURRENT.get();
  }

  void enter() {
    previous = CURRENT.get();
    CURRENT.set(this);
  }

  void exit() {
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }

  /** Stops the script when its time is up. Cheap enough to call often. */
  void tick() {
    if ((++ticks & 0x3FF) == 0) {
      checkTime();
    }
  }

  void checkTime() {
    if (System.nanoTime() - deadline > 0) {
      throw new LimitExceeded("timeout: the script ran longer than "
          + limits.timeout().toMillis() + " ms");
    }
  }

  /** Fails before a string of this many bytes would be built. */
  void checkLength(long bytes) {
    if (bytes > limits.maxStringBytes()) {
      throw new LimitExceeded("string too large: " + bytes + " bytes, over the limit of "
          + limits.maxStringBytes());
    }
  }

  /** Accounts for a new string of this many bytes. */
  void charge(long bytes) {
    checkLength(bytes);
    allocated += bytes;
    if (allocated > limits.maxAllocatedBytes()) {
      throw new LimitExceeded("memory limit: the script built more than "
          + limits.maxAllocatedBytes() + " bytes of strings");
    }
  }

  @Override
  public void onCall(LuaFunction f) {
    push(null, null);
  }

  @Override
  public void onCall(LuaClosure c, Varargs varargs, LuaValue[] stack) {
    push(c.p, stack);
  }

  private void push(@Nullable Prototype p, LuaValue @Nullable [] stack) {
    if (depth >= limits.maxCallDepth()) {
      throw new LimitExceeded("stack overflow: more than " + limits.maxCallDepth()
          + " nested calls");
    }
    if (depth == prototypes.length) {
      prototypes = Arrays.copyOf(prototypes, depth * 2);
      stacks = Arrays.copyOf(stacks, depth * 2);
    }
    prototypes[depth] = p;
    stacks[depth] = stack;
    depth++;
  }

  @Override
  public void onReturn() {
    if (depth > 0) {
      depth--;
      prototypes[depth] = null;
      stacks[depth] = null;
    }
  }

  @Override
  public void onInstruction(int pc, Varargs v, int top) {
    tick();
    if (depth == 0) {
      return;
    }
    Prototype p = prototypes[depth - 1];
    LuaValue @Nullable [] stack = stacks[depth - 1];
    if (p == null || stack == null || pc < 0 || pc >= p.code.length) {
      return;
    }
    int i = p.code[pc];
    if (Lua.GET_OPCODE(i) == Lua.OP_CONCAT) {
      long total = 0;
      for (int r = Lua.GETARG_B(i), last = Lua.GETARG_C(i); r <= last && r < stack.length; r++) {
        LuaValue x = stack[r];
        if (x instanceof LuaString s) {
          total += s.m_length;
        } else if (x != null && x.type() == LuaValue.TNUMBER) {
          total += NUMBER_TEXT;
        }
      }
      charge(total);
    }
  }

  @Override
  public String traceback(int level) {
    return "";
  }
}
