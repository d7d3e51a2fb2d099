package io.gitopskit.core.health.lua;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.BaseLib;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.OsLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;
import org.luaj.vm2.lib.jse.JseMathLib;

/**
 * Builds the environment of one script call: a fresh {@code Globals} with the base functions
 * (minus {@code load}, {@code loadstring}, {@code dofile}, {@code loadfile}, {@code
 * collectgarbage}), fresh copies of the {@code string}, {@code table} and {@code math} tables, a
 * restricted {@code os} ({@code time}, {@code date}, {@code clock}, {@code difftime}), a {@code
 * require} that knows those modules and {@code json}, and the Lua 5.1 shims {@code table.getn}
 * and {@code unpack}.
 *
 * <p>The library functions are created once and shared by all calls: none keeps state between
 * calls. Each call gets its own tables, so a script that replaces {@code string.lower} affects
 * only itself. LuaJ keeps the string metatable in a static field; the one installed here looks
 * up string methods in the running call's {@code string} table.
 */
final class Sandbox {

  private static final List<String> BASE_REMOVED =
      List.of("collectgarbage", "dofile", "load", "loadfile", "loadstring", "module", "package",
          "require");
  private static final Set<String> OS_KEPT = Set.of("clock", "date", "difftime", "time");
  private static final PrintStream DISCARD =
      new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
  private static final int MAX_UNPACK = 1_000_000;

  private static final Library STRING;
  private static final Library TABLE;
  private static final Library MATH;
  private static final Library OS;
  private static final Library JSON;
  private static final LuaTable STRING_FALLBACK;
  private static final LuaTable STRING_METATABLE;
  private static final LuaValue IDENTITY = new OneArgFunction() {
    @Override
    public LuaValue call(LuaValue arg) {
      return arg;
    }
  };

  static {
    Globals scratch = new Globals();
    LuaTable pkg = new LuaTable();
    pkg.rawset("loaded", new LuaTable());
    scratch.rawset("package", pkg);
    scratch.load(new StringLib());
    scratch.load(new TableLib());
    scratch.load(new JseMathLib());
    scratch.load(new OsLib());

    LuaTable str = (LuaTable) scratch.get("string");
    Library.Builder s = new Library.Builder();
    for (String name : List.of("char", "len", "sub")) {
      s.put(name, str.rawget(name));
    }
    s.put("byte", new ByteSlice(str.rawget("byte")));
    s.put("find", new Patterns.Find(true, "find"));
    s.put("match", new Patterns.Find(false, "match"));
    s.put("gmatch", new Patterns.GMatch());
    s.put("gsub", new Patterns.GSub());
    s.put("format", new Format(str.rawget("format")));
    s.put("rep", new Rep());
    s.put("lower", new Case(false));
    s.put("upper", new Case(true));
    s.put("reverse", new Reverse());
    STRING = s.build();

    LuaTable tab = (LuaTable) scratch.get("table");
    Library.Builder t = new Library.Builder();
    for (String name : List.of("insert", "pack", "remove", "sort")) {
      t.put(name, tab.rawget(name));
    }
    t.put("concat", new Concat());
    t.put("unpack", new Unpack());
    t.put("getn", new GetN());
    TABLE = t.build();

    MATH = Library.copyOf((LuaTable) scratch.get("math"), null);
    OS = Library.copyOf((LuaTable) scratch.get("os"), OS_KEPT);
    JSON = Library.copyOf(JsonModule.newTable(), null);

    STRING_FALLBACK = STRING.newTable();
    STRING_METATABLE = new LuaTable();
    STRING_METATABLE.rawset(LuaValue.INDEX, new StringIndex());
    STRING_METATABLE.rawset(LuaValue.METATABLE, LuaValue.FALSE);
    LuaString.s_metatable = STRING_METATABLE;
  }

  private Sandbox() {}

  /** A new environment for one call, guarded by {@code guard}. */
  static Globals newGlobals(Execution guard) {
    if (LuaString.s_metatable != STRING_METATABLE) {
      LuaString.s_metatable = STRING_METATABLE;
    }
    Globals g = new Globals();
    g.load(new BaseLib());
    g.STDOUT = DISCARD;
    g.STDERR = DISCARD;
    g.STDIN = InputStream.nullInputStream();
    for (String name : BASE_REMOVED) {
      g.rawset(name, LuaValue.NIL);
    }
    LuaTable string = STRING.newTable();
    LuaTable table = TABLE.newTable();
    LuaTable math = MATH.newTable();
    LuaTable os = OS.newTable();
    g.rawset("string", string);
    g.rawset("table", table);
    g.rawset("math", math);
    g.rawset("os", os);
    g.rawset("unpack", table.rawget("unpack"));
    g.rawset("require", new Require(string, table, math, os));
    g.debuglib = guard;
    g.running.errorfunc = IDENTITY;
    guard.strings = string;
    return g;
  }

  /** Library functions by name, copied into a new table per call. */
  private static final class Library {
    private final LuaValue[] keys;
    private final LuaValue[] values;

    private Library(List<LuaValue> keys, List<LuaValue> values) {
      this.keys = keys.toArray(new LuaValue[0]);
      this.values = values.toArray(new LuaValue[0]);
    }

    static Library copyOf(LuaTable source, @Nullable Set<String> kept) {
      Builder b = new Builder();
      LuaValue k = LuaValue.NIL;
      while (true) {
        Varargs next = source.next(k);
        k = next.arg1();
        if (k.isnil()) {
          break;
        }
        if (kept == null || kept.contains(k.tojstring())) {
          b.put(k.tojstring(), next.arg(2));
        }
      }
      return b.build();
    }

    LuaTable newTable() {
      LuaTable t = new LuaTable(0, keys.length);
      for (int i = 0; i < keys.length; i++) {
        t.rawset(keys[i], values[i]);
      }
      return t;
    }

    static final class Builder {
      private final List<LuaValue> keys = new ArrayList<>();
      private final List<LuaValue> values = new ArrayList<>();

      void put(String name, LuaValue value) {
        if (value.isnil()) {
          throw new IllegalStateException("LuaJ lacks the library function " + name);
        }
        keys.add(LuaValue.valueOf(name));
        values.add(value);
      }

      Library build() {
        return new Library(keys, values);
      }
    }
  }

  /** {@code __index} of strings: the running call's {@code string} table. */
  private static final class StringIndex extends TwoArgFunction {
    @Override
    public LuaValue call(LuaValue self, LuaValue key) {
      Execution current = Execution.current();
      LuaTable strings = current != null ? current.strings : null;
      return (strings != null ? strings : STRING_FALLBACK).get(key);
    }
  }

  /** {@code require}: the sandbox's own modules, and {@code json}. */
  private static final class Require extends OneArgFunction {
    private final LuaTable string;
    private final LuaTable table;
    private final LuaTable math;
    private final LuaTable os;
    private @Nullable LuaTable json;

    Require(LuaTable string, LuaTable table, LuaTable math, LuaTable os) {
      this.string = string;
      this.table = table;
      this.math = math;
      this.os = os;
    }

    @Override
    public LuaValue call(LuaValue arg) {
      String name = arg.checkjstring();
      switch (name) {
        case "os":
          return os;
        case "string":
          return string;
        case "table":
          return table;
        case "math":
          return math;
        case "json":
          if (json == null) {
            json = JSON.newTable();
          }
          return json;
        default:
          throw new LuaError("module '" + name + "' not found: health scripts may require "
              + "only os, string, table, math and json");
      }
    }
  }

  private static void checkLength(@Nullable Execution guard, long bytes) {
    if (guard != null) {
      guard.checkLength(bytes);
    } else if (bytes > Integer.MAX_VALUE - 16) {
      throw new LuaError("resulting string too large");
    }
  }

  private static LuaString charged(@Nullable Execution guard, byte[] bytes) {
    if (guard != null) {
      guard.charge(bytes.length);
    }
    return LuaString.valueUsing(bytes);
  }

  /** {@code string.rep(s, n [, sep])} within the string limits. */
  private static final class Rep extends VarArgFunction {
    Rep() {
      this.name = "rep";
    }

    @Override
    public Varargs invoke(Varargs args) {
      LuaString s = args.checkstring(1);
      long n = args.checklong(2);
      LuaString sep = args.optstring(3, LuaValue.EMPTYSTRING);
      if (n <= 0 || (s.m_length == 0 && sep.m_length == 0)) {
        return LuaValue.EMPTYSTRING;
      }
      Execution guard = Execution.current();
      double size = (double) s.m_length * n + (double) sep.m_length * (n - 1);
      checkLength(guard, size > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : (long) size);
      byte[] out = new byte[(int) size];
      int at = 0;
      for (long i = 0; i < n; i++) {
        if (i > 0) {
          System.arraycopy(sep.m_bytes, sep.m_offset, out, at, sep.m_length);
          at += sep.m_length;
        }
        System.arraycopy(s.m_bytes, s.m_offset, out, at, s.m_length);
        at += s.m_length;
        if (guard != null && (i & 0xFF) == 0) {
          guard.tick();
        }
      }
      return charged(guard, out);
    }
  }

  /** {@code string.byte(s [, i [, j]])}: LuaJ's, refusing slices longer than Lua allows. */
  private static final class ByteSlice extends VarArgFunction {
    private final LuaValue delegate;

    ByteSlice(LuaValue delegate) {
      this.delegate = delegate;
      this.name = "byte";
    }

    @Override
    public Varargs invoke(Varargs args) {
      LuaString s = args.checkstring(1);
      long i = args.optlong(2, 1);
      long j = args.optlong(3, i);
      long len = s.m_length;
      long from = i < 0 ? Math.max(len + i + 1, 1) : Math.max(i, 1);
      long to = j < 0 ? len + j + 1 : Math.min(j, len);
      if (to - from >= MAX_UNPACK) {
        throw new LuaError("string slice too long");
      }
      return delegate.invoke(args);
    }
  }

  /** {@code string.upper} and {@code string.lower} in the C locale (ASCII only). */
  private static final class Case extends OneArgFunction {
    private final boolean upper;

    Case(boolean upper) {
      this.upper = upper;
      this.name = upper ? "upper" : "lower";
    }

    @Override
    public LuaValue call(LuaValue arg) {
      LuaString s = arg.checkstring();
      byte[] out = new byte[s.m_length];
      for (int i = 0; i < out.length; i++) {
        byte b = s.m_bytes[s.m_offset + i];
        if (upper && b >= 'a' && b <= 'z') {
          b = (byte) (b - 32);
        } else if (!upper && b >= 'A' && b <= 'Z') {
          b = (byte) (b + 32);
        }
        out[i] = b;
      }
      return charged(Execution.current(), out);
    }
  }

  /** {@code string.reverse}. */
  private static final class Reverse extends OneArgFunction {
    Reverse() {
      this.name = "reverse";
    }

    @Override
    public LuaValue call(LuaValue arg) {
      LuaString s = arg.checkstring();
      byte[] out = new byte[s.m_length];
      for (int i = 0; i < out.length; i++) {
        out[i] = s.m_bytes[s.m_offset + s.m_length - 1 - i];
      }
      return charged(Execution.current(), out);
    }
  }

  /**
   * {@code string.format}: LuaJ's, after an estimate of the result's size; {@code %s} accepts
   * any value as Lua 5.2 does ({@code __tostring}, then the default text).
   */
  private static final class Format extends VarArgFunction {
    private static final long NUMBER_TEXT = 512;
    private final LuaValue delegate;

    Format(LuaValue delegate) {
      this.delegate = delegate;
      this.name = "format";
    }

    @Override
    public Varargs invoke(Varargs args) {
      LuaString fmt = args.checkstring(1);
      int n = args.narg();
      LuaValue[] values = new LuaValue[n];
      for (int i = 0; i < n; i++) {
        values[i] = args.arg(i + 1);
      }
      byte[] b = fmt.m_bytes;
      int i = fmt.m_offset;
      int end = fmt.m_offset + fmt.m_length;
      int next = 1;
      long bound = 0;
      while (i < end) {
        int c = b[i++];
        if (c != '%') {
          bound++;
          continue;
        }
        if (i < end && b[i] == '%') {
          bound++;
          i++;
          continue;
        }
        while (i < end && "-+ #0".indexOf(b[i]) >= 0) {
          i++;
        }
        long width = 0;
        while (i < end && b[i] >= '0' && b[i] <= '9' && width < 1000) {
          width = width * 10 + (b[i++] - '0');
        }
        long precision = 0;
        if (i < end && b[i] == '.') {
          i++;
          while (i < end && b[i] >= '0' && b[i] <= '9' && precision < 1000) {
            precision = precision * 10 + (b[i++] - '0');
          }
        }
        if (i >= end) {
          break;
        }
        int conversion = b[i++];
        long piece = 0;
        if (next < n) {
          LuaValue v = values[next];
          if (conversion == 's') {
            if (!v.isstring()) {
              v = tostring(v);
              values[next] = v;
            }
            piece = v.strvalue().m_length;
          } else if (conversion == 'q') {
            piece = v.isstring() ? 4L * v.strvalue().m_length + 2 : NUMBER_TEXT;
          } else {
            piece = NUMBER_TEXT;
          }
        }
        next++;
        bound += Math.max(piece, width) + precision;
      }
      Execution guard = Execution.current();
      checkLength(guard, bound);
      Varargs result = delegate.invoke(LuaValue.varargsOf(values));
      if (guard != null) {
        guard.charge(result.arg1().strvalue().m_length);
      }
      return result;
    }

    private static LuaValue tostring(LuaValue v) {
      LuaValue handler = v.metatag(LuaValue.TOSTRING);
      if (!handler.isnil()) {
        LuaValue r = handler.call(v);
        if (!r.isstring()) {
          throw new LuaError("'__tostring' must return a string");
        }
        return r;
      }
      return LuaValue.valueOf(v.tojstring());
    }
  }

  /** {@code table.concat(list [, sep [, i [, j]]])}, built within the string limits. */
  private static final class Concat extends VarArgFunction {
    Concat() {
      this.name = "concat";
    }

    @Override
    public Varargs invoke(Varargs args) {
      LuaTable list = args.checktable(1);
      LuaString sep = args.optstring(2, LuaValue.EMPTYSTRING);
      long i = args.optlong(3, 1);
      long j = args.isnoneornil(4) ? list.length() : args.checklong(4);
      Execution guard = Execution.current();
      Patterns.Bytes out = new Patterns.Bytes(guard);
      for (long k = i; k <= j; k++) {
        LuaValue v = list.rawget((int) k);
        if (!v.isstring()) {
          throw new LuaError("invalid value (at index " + k + ") in table for 'concat'");
        }
        LuaString s = v.strvalue();
        out.append(s.m_bytes, s.m_offset, s.m_length);
        if (k < j) {
          out.append(sep.m_bytes, sep.m_offset, sep.m_length);
        }
        if (guard != null) {
          guard.tick();
        }
      }
      return out.toLuaString();
    }
  }

  /** {@code table.unpack(list [, i [, j]])} (and the 5.1 global {@code unpack}), bounded. */
  private static final class Unpack extends VarArgFunction {
    Unpack() {
      this.name = "unpack";
    }

    @Override
    public Varargs invoke(Varargs args) {
      LuaTable list = args.checktable(1);
      long i = args.optlong(2, 1);
      long j = args.isnoneornil(3) ? list.length() : args.checklong(3);
      if (i > j) {
        return LuaValue.NONE;
      }
      if (j - i >= MAX_UNPACK) {
        throw new LuaError("too many results to unpack");
      }
      LuaValue[] values = new LuaValue[(int) (j - i + 1)];
      for (int k = 0; k < values.length; k++) {
        values[k] = list.rawget((int) (i + k));
      }
      return LuaValue.varargsOf(values);
    }
  }

  /** {@code table.getn(list)}: Lua 5.1's length function, which two Argo CD scripts use. */
  private static final class GetN extends OneArgFunction {
    GetN() {
      this.name = "getn";
    }

    @Override
    public LuaValue call(LuaValue arg) {
      return LuaValue.valueOf(arg.checktable().rawlen());
    }
  }
}
