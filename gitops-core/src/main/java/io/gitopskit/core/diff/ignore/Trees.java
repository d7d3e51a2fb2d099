package io.gitopskit.core.diff.ignore;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.patch.ssa.FieldPath;
import io.gitopskit.core.patch.ssa.FieldSet;
import io.gitopskit.core.patch.ssa.PathElement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Tree operations behind the ignore rules; all pure, sharing unchanged subtrees. */
final class Trees {

  private Trees() {}

  /**
   * {@code after} without the objects and arrays that were non-empty in {@code before} and are
   * empty in {@code after}, recursively; objects left empty inside an array are dropped from
   * it. Arrays whose length changed keep their items as they are.
   */
  static JsonValue pruneLeftEmpty(JsonValue before, JsonValue after) {
    if (before == after) {
      return after;
    }
    if (after instanceof JsonObject ao && before instanceof JsonObject bo) {
      JsonObject out = ao;
      for (int i = 0; i < ao.size(); i++) {
        String key = ao.keyAt(i);
        JsonValue av = ao.valueAt(i);
        JsonValue bv = bo.getOrNull(key);
        if (bv == null || bv == av) {
          continue;
        }
        JsonValue pv = pruneLeftEmpty(bv, av);
        if (leftEmpty(bv, pv)) {
          out = out.without(key);
        } else if (pv != av) {
          out = out.with(key, pv);
        }
      }
      return out;
    }
    if (after instanceof JsonArray aa && before instanceof JsonArray ba
        && aa.size() == ba.size()) {
      JsonArray.Builder b = null;
      for (int i = 0; i < aa.size(); i++) {
        JsonValue av = aa.get(i);
        JsonValue pv = pruneLeftEmpty(ba.get(i), av);
        boolean drop = pv instanceof JsonObject && leftEmpty(ba.get(i), pv);
        if (b == null && (drop || pv != av)) {
          b = JsonArray.builder();
          for (int j = 0; j < i; j++) {
            b.add(aa.get(j));
          }
        }
        if (b != null && !drop) {
          b.add(pv);
        }
      }
      return b == null ? after : b.build();
    }
    return after;
  }

  /**
   * {@code after} with every subtree that equals the corresponding subtree of {@code before}
   * replaced by that one, so results of jq share the unchanged parts of their input; {@code
   * before} itself when the two are equal.
   */
  static JsonValue share(JsonValue before, JsonValue after) {
    if (before == after || !isContainer(after)) {
      return after;
    }
    if (before.contentHash() == after.contentHash() && before.equals(after)) {
      return before;
    }
    if (before instanceof JsonObject bo && after instanceof JsonObject ao) {
      JsonObject.Builder b = JsonObject.builder();
      for (int i = 0; i < ao.size(); i++) {
        JsonValue bv = bo.getOrNull(ao.keyAt(i));
        b.put(ao.keyAt(i), bv == null ? ao.valueAt(i) : share(bv, ao.valueAt(i)));
      }
      return b.build();
    }
    if (before instanceof JsonArray ba && after instanceof JsonArray aa) {
      Map<Long, JsonValue> byHash = new HashMap<>();
      for (JsonValue v : ba.items()) {
        if (isContainer(v)) {
          byHash.putIfAbsent(v.contentHash(), v);
        }
      }
      JsonArray.Builder b = JsonArray.builder();
      for (int i = 0; i < aa.size(); i++) {
        JsonValue av = aa.get(i);
        JsonValue bv = i < ba.size() && isContainer(av) ? ba.get(i) : null;
        if (bv != null && bv.contentHash() != av.contentHash()) {
          JsonValue same = byHash.get(av.contentHash());
          bv = same != null && same.equals(av) ? same : bv;
        }
        b.add(bv == null ? av : share(bv, av));
      }
      return b.build();
    }
    return after;
  }

  private static boolean leftEmpty(JsonValue before, JsonValue after) {
    return isEmptyContainer(after) && isContainer(before) && !isEmptyContainer(before);
  }

  static boolean isContainer(JsonValue v) {
    return v instanceof JsonObject || v instanceof JsonArray;
  }

  static boolean isEmptyContainer(JsonValue v) {
    return (v instanceof JsonObject o && o.isEmpty()) || (v instanceof JsonArray a && a.isEmpty());
  }

  /**
   * {@code result} with {@code apiVersion}, {@code kind} and {@code metadata.name}, {@code
   * generateName} and {@code namespace} put back from {@code original} where they went
   * missing.
   */
  static JsonObject keepIdentity(JsonObject original, JsonObject result) {
    if (original == result) {
      return result;
    }
    JsonObject out = result;
    for (String field : new String[] {"apiVersion", "kind"}) {
      JsonValue v = original.getOrNull(field);
      if (v != null && !v.equals(out.getOrNull(field))) {
        out = out.with(field, v);
      }
    }
    JsonObject om = original.getObject("metadata").orElse(JsonObject.empty());
    JsonValue rmv = out.getOrNull("metadata");
    JsonObject rm = rmv instanceof JsonObject o ? o : JsonObject.empty();
    JsonObject m = rm;
    for (String field : new String[] {"name", "generateName", "namespace"}) {
      JsonValue v = om.getOrNull(field);
      if (v != null && !v.equals(m.getOrNull(field))) {
        m = m.with(field, v);
      }
    }
    return m == rmv ? out : out.with("metadata", m);
  }

  /**
   * Removes from both trees the fields that {@code owned} holds as members and whose values
   * differ; only object fields are followed (structured-merge-diff's deduced schema, where
   * every list is atomic and every map granular).
   *
   * @return the new desired and live trees
   */
  static JsonObject[] stripOwnedDifferences(FieldSet owned, JsonObject desired,
      JsonObject live) {
    JsonObject d = desired;
    JsonObject l = live;
    for (Map.Entry<PathElement, FieldSet> e : owned.children().entrySet()) {
      if (!(e.getKey() instanceof PathElement.Field f)) {
        continue;
      }
      JsonValue dv = d.getOrNull(f.name());
      JsonValue lv = l.getOrNull(f.name());
      if (dv == null || lv == null) {
        continue;
      }
      if (dv instanceof JsonObject dob && lv instanceof JsonObject lob) {
        JsonObject[] inner = stripOwnedDifferences(e.getValue(), dob, lob);
        if (inner[0] != dob) {
          d = d.with(f.name(), inner[0]);
        }
        if (inner[1] != lob) {
          l = l.with(f.name(), inner[1]);
        }
      } else if (e.getValue().contains(FieldPath.ROOT) && !dv.equals(lv)) {
        d = d.without(f.name());
        l = l.without(f.name());
      }
    }
    return new JsonObject[] {d, l};
  }

  /**
   * Desired with every field the rules removed from it ({@code d} versus {@code dn}) taken
   * from live instead, or left out when live has none. {@code ln} is live after the same
   * rules; it tells which items of a shortened array were ignored in live. Containers the
   * restoration leaves empty are dropped.
   *
   * @return the restored value, or null to leave the field out
   */
  static @Nullable JsonValue restore(JsonValue d, @Nullable JsonValue dn, @Nullable JsonValue l,
      @Nullable JsonValue ln) {
    if (dn == null) {
      return l;
    }
    if (d == dn) {
      return dn;
    }
    if (d instanceof JsonObject dob && dn instanceof JsonObject dnob) {
      JsonObject out = dnob;
      for (int i = 0; i < dob.size(); i++) {
        String key = dob.keyAt(i);
        JsonValue dk = dob.valueAt(i);
        JsonValue dnk = dnob.getOrNull(key);
        JsonValue r = restore(dk, dnk, field(l, key), field(ln, key));
        if (r == null || (dnk != null && leftEmpty(dk, r))) {
          out = out.without(key);
        } else if (r != dnk) {
          out = out.with(key, r);
        }
      }
      return out;
    }
    if (d instanceof JsonArray da && dn instanceof JsonArray dna) {
      if (da.size() == dna.size()) {
        JsonArray.Builder b = JsonArray.builder();
        for (int i = 0; i < da.size(); i++) {
          JsonValue r = restore(da.get(i), dna.get(i), item(l, i), item(ln, i));
          if (r != null) {
            b.add(r);
          }
        }
        return b.build();
      }
      if (l instanceof JsonArray la && ln instanceof JsonArray lna) {
        return interleave(dna, la, lna);
      }
    }
    return dn;
  }

  /** The kept desired items, with live's ignored items at their live positions. */
  private static JsonArray interleave(JsonArray kept, JsonArray live, JsonArray liveKept) {
    Map<JsonValue, Integer> remaining = new HashMap<>();
    for (JsonValue v : liveKept.items()) {
      remaining.merge(v, 1, Integer::sum);
    }
    List<Boolean> ignored = new ArrayList<>(live.size());
    for (JsonValue v : live.items()) {
      Integer n = remaining.get(v);
      if (n != null && n > 0) {
        remaining.put(v, n - 1);
        ignored.add(false);
      } else {
        ignored.add(true);
      }
    }
    JsonArray.Builder b = JsonArray.builder();
    int j = 0;
    for (int i = 0; i < live.size(); i++) {
      if (ignored.get(i)) {
        b.add(live.get(i));
      } else if (j < kept.size()) {
        b.add(kept.get(j++));
      }
    }
    while (j < kept.size()) {
      b.add(kept.get(j++));
    }
    return b.build();
  }

  private static @Nullable JsonValue field(@Nullable JsonValue v, String key) {
    return v instanceof JsonObject o ? o.getOrNull(key) : null;
  }

  private static @Nullable JsonValue item(@Nullable JsonValue v, int index) {
    return v instanceof JsonArray a && index < a.size() ? a.get(index) : null;
  }
}
