package io.gitopskit.core.health.lua;

import io.gitopskit.core.GitOpsException;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.load.ManifestLoader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.OneArgFunction;

/**
 * The {@code json} module Argo CD's newer scripts load with {@code require("json")} (the
 * HorizontalPodAutoscaler script decodes an annotation with it): {@code json.decode(text)} and
 * {@code json.encode(value)}, as gopher-json does them. Decoding maps JSON as {@code obj} is
 * mapped ({@code null} dropped); encoding writes a sequence {@code 1..n} as an array, an empty
 * table as {@code []}, and a table with string keys as an object (keys sorted).
 */
final class JsonModule {

  private static final ManifestLoader LOADER = ManifestLoader.defaults();
  private static final int MAX_DEPTH = 100;

  private JsonModule() {}

  static LuaTable newTable() {
    LuaTable t = new LuaTable();
    t.rawset("decode", new Decode());
    t.rawset("encode", new Encode());
    return t;
  }

  private static final class Decode extends OneArgFunction {
    Decode() {
      this.name = "decode";
    }

    @Override
    public LuaValue call(LuaValue arg) {
      String text = arg.checkjstring();
      Execution guard = Execution.current();
      if (guard != null) {
        guard.charge(text.length());
      }
      List<JsonValue> docs;
      try {
        docs = LOADER.readDocuments(text, "json.decode.json");
      } catch (GitOpsException e) {
        throw new LuaError("json.decode: " + e.getMessage());
      }
      if (docs.isEmpty()) {
        return LuaValue.NIL;
      }
      return LuaValues.toLua(docs.get(0));
    }
  }

  private static final class Encode extends OneArgFunction {
    Encode() {
      this.name = "encode";
    }

    @Override
    public LuaValue call(LuaValue arg) {
      StringBuilder out = new StringBuilder();
      write(arg, out, 0, Execution.current());
      byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
      Execution guard = Execution.current();
      if (guard != null) {
        guard.charge(bytes.length);
      }
      return LuaString.valueUsing(bytes);
    }
  }

  private static void write(LuaValue v, StringBuilder out, int depth,
      @Nullable Execution guard) {
    if (guard != null) {
      guard.checkLength(out.length());
      guard.tick();
    }
    switch (v.type()) {
      case LuaValue.TNIL:
        out.append("null");
        return;
      case LuaValue.TBOOLEAN:
        out.append(v.toboolean());
        return;
      case LuaValue.TNUMBER:
        writeNumber(v.todouble(), out);
        return;
      case LuaValue.TSTRING:
        writeString(v.tojstring(), out);
        return;
      case LuaValue.TTABLE:
        if (depth >= MAX_DEPTH) {
          throw new LuaError("json.encode: tables nested too deeply (or a cycle)");
        }
        writeTable((LuaTable) v, out, depth, guard);
        return;
      default:
        throw new LuaError("json.encode: cannot encode a " + v.typename());
    }
  }

  private static void writeNumber(double d, StringBuilder out) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new LuaError("json.encode: cannot encode " + d);
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      out.append((long) d);
    } else {
      out.append(BigDecimal.valueOf(d).stripTrailingZeros().toString());
    }
  }

  private static void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  private static void writeTable(LuaTable t, StringBuilder out, int depth,
      @Nullable Execution guard) {
    int n = t.rawlen();
    List<LuaValue> keys = new ArrayList<>();
    LuaValue k = LuaValue.NIL;
    while (true) {
      Varargs next = t.next(k);
      k = next.arg1();
      if (k.isnil()) {
        break;
      }
      keys.add(k);
    }
    if (keys.size() == n) {
      out.append('[');
      for (int i = 1; i <= n; i++) {
        if (i > 1) {
          out.append(',');
        }
        write(t.rawget(i), out, depth + 1, guard);
      }
      out.append(']');
      return;
    }
    List<String> names = new ArrayList<>();
    for (LuaValue key : keys) {
      if (key.type() != LuaValue.TSTRING) {
        throw new LuaError("json.encode: cannot encode mixed or invalid key types");
      }
      names.add(key.tojstring());
    }
    names.sort(null);
    out.append('{');
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      writeString(names.get(i), out);
      out.append(':');
      write(t.rawget(names.get(i)), out, depth + 1, guard);
    }
    out.append('}');
  }
}
