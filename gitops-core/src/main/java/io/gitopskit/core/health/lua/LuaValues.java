package io.gitopskit.core.health.lua;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * JSON to Lua, as Argo CD hands objects to its scripts: objects become tables with string keys,
 * arrays 1-based tables, {@code null} is dropped (an array's nulls are skipped, so the array
 * stays a sequence, as gopher-lua's {@code Append} does), numbers become Lua numbers (integers
 * within 32 bits stay integers, others become doubles), strings are UTF-8.
 */
final class LuaValues {

  private LuaValues() {}

  static LuaValue toLua(JsonValue value) {
    if (value instanceof JsonObject o) {
      LuaTable t = new LuaTable(0, o.size());
      for (int i = 0, n = o.size(); i < n; i++) {
        JsonValue v = o.valueAt(i);
        if (!(v instanceof JsonNull)) {
          t.rawset(LuaValue.valueOf(o.keyAt(i)), toLua(v));
        }
      }
      return t;
    }
    if (value instanceof JsonArray a) {
      LuaTable t = new LuaTable(a.size(), 0);
      int index = 0;
      for (JsonValue v : a.items()) {
        if (!(v instanceof JsonNull)) {
          t.rawset(++index, toLua(v));
        }
      }
      return t;
    }
    if (value instanceof JsonString s) {
      return LuaValue.valueOf(s.value());
    }
    if (value instanceof JsonNumber n) {
      if (n.isLong()) {
        long l = n.longValue();
        return l == (int) l ? LuaInteger.valueOf((int) l) : LuaValue.valueOf((double) l);
      }
      return LuaValue.valueOf(n.doubleValue());
    }
    if (value instanceof JsonBoolean b) {
      return LuaValue.valueOf(b.value());
    }
    return LuaValue.NIL;
  }
}
