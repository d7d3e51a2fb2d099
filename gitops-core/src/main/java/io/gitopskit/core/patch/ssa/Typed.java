package io.gitopskit.core.patch.ssa;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.patch.ListInfo;
import io.gitopskit.core.patch.ListType;
import io.gitopskit.core.patch.TypeInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Tree walks with type knowledge, after structured-merge-diff's typed values: field sets,
 * comparison, merge and removal. One instance per operation; it caches type lookups.
 */
final class Typed {

  /** Added, removed and modified paths between two objects. */
  record Comparison(FieldSet added, FieldSet removed, FieldSet modified) {}

  private final TypeInfo types;
  private final GroupVersionKind gvk;
  private final Map<List<String>, ListInfo> lists = new HashMap<>();
  private final Map<List<String>, Boolean> atomics = new HashMap<>();

  Typed(TypeInfo types, GroupVersionKind gvk) {
    this.types = types;
    this.gvk = gvk;
  }

  private ListInfo list(List<String> path) {
    return lists.computeIfAbsent(path, p -> types.list(gvk, p));
  }

  private boolean atomicMap(List<String> path) {
    return atomics.computeIfAbsent(path, p -> types.atomicMap(gvk, p));
  }

  private static List<String> child(List<String> path, String field) {
    List<String> p = new ArrayList<>(path.size() + 1);
    p.addAll(path);
    p.add(field);
    return Collections.unmodifiableList(p);
  }

  /** The list semantics to use for this array: its type unless its items do not fit. */
  private ListType listType(JsonArray a, List<String> path) {
    ListType t = list(path).type();
    if (t == ListType.MAP) {
      for (JsonValue v : a.items()) {
        if (!(v instanceof JsonObject)) {
          return ListType.ATOMIC;
        }
      }
    }
    return t;
  }

  /** Whether a value is owned and compared as a whole. */
  boolean isLeaf(JsonValue v, List<String> path) {
    if (v instanceof JsonObject) {
      return atomicMap(path);
    }
    if (v instanceof JsonArray a) {
      return listType(a, path) == ListType.ATOMIC;
    }
    return true;
  }

  /** The path element of a list item: its keys (with defaults) or its value. */
  PathElement itemElement(JsonValue item, List<String> path) {
    ListInfo info = list(path);
    if (info.type() == ListType.MAP && item instanceof JsonObject o) {
      JsonObject.Builder key = JsonObject.builder();
      for (String k : info.mapKeys()) {
        JsonValue v = o.getOrNull(k);
        if (v == null) {
          v = info.keyDefaults().get(k);
        }
        if (v != null) {
          key.put(k, v);
        }
      }
      return new PathElement.Key(key.build());
    }
    return new PathElement.Value(item);
  }

  // ---- field sets ----

  FieldSet toFieldSet(JsonValue root) {
    FieldSet.Builder b = new FieldSet.Builder();
    toFieldSet(root, List.of(), b);
    return b.build();
  }

  private void toFieldSet(JsonValue v, List<String> path, FieldSet.Builder node) {
    if (isLeaf(v, path)) {
      node.self = true;
      return;
    }
    if (v instanceof JsonObject o) {
      for (int i = 0; i < o.size(); i++) {
        JsonValue value = o.valueAt(i);
        FieldSet.Builder c = node.child(new PathElement.Field(o.keyAt(i)));
        toFieldSet(value, child(path, o.keyAt(i)), c);
        if (value instanceof JsonNull || value instanceof JsonObject m && m.isEmpty()) {
          c.self = true;
        }
      }
    } else if (v instanceof JsonArray a) {
      for (JsonValue item : a.items()) {
        FieldSet.Builder c = node.child(itemElement(item, path));
        toFieldSet(item, path, c);
        c.self = true;
      }
    }
  }

  // ---- comparison ----

  Comparison compare(JsonValue lhs, JsonValue rhs) {
    FieldSet.Builder added = new FieldSet.Builder();
    FieldSet.Builder removed = new FieldSet.Builder();
    FieldSet.Builder modified = new FieldSet.Builder();
    compare(lhs, rhs, List.of(), added, removed, modified);
    return new Comparison(added.build(), removed.build(), modified.build());
  }

  private void compare(@Nullable JsonValue l, @Nullable JsonValue r, List<String> path,
      FieldSet.Builder add, FieldSet.Builder rem, FieldSet.Builder mod) {
    if (l == null && r == null) {
      return;
    }
    if (r == null) {
      mark(l, path, rem, true);
      return;
    }
    if (l == null) {
      mark(r, path, add, true);
      return;
    }
    boolean lLeaf = isLeaf(l, path);
    boolean rLeaf = isLeaf(r, path);
    if (!lLeaf && !rLeaf && l instanceof JsonObject lo && r instanceof JsonObject ro) {
      Set<String> keys = new HashSet<>(lo.keys());
      keys.addAll(ro.keys());
      for (String k : keys) {
        PathElement.Field f = new PathElement.Field(k);
        compare(lo.getOrNull(k), ro.getOrNull(k), child(path, k), add.child(f), rem.child(f),
            mod.child(f));
      }
    } else if (!lLeaf && !rLeaf && l instanceof JsonArray la && r instanceof JsonArray ra) {
      Map<PathElement, JsonValue> left = items(la, path);
      Map<PathElement, JsonValue> right = items(ra, path);
      Set<PathElement> all = new HashSet<>(left.keySet());
      all.addAll(right.keySet());
      for (PathElement e : all) {
        compare(left.get(e), right.get(e), path, add.child(e), rem.child(e), mod.child(e));
      }
    } else if (lLeaf && rLeaf) {
      if (!l.equals(r)) {
        mod.self = true;
      }
    } else {
      mod.self = true;
      if (!lLeaf) {
        mark(l, path, rem, false);
      }
      if (!rLeaf) {
        mark(r, path, add, false);
      }
    }
  }

  /** Marks a value's node (when {@code self}) and every node below it. */
  private void mark(JsonValue v, List<String> path, FieldSet.Builder node, boolean self) {
    if (self) {
      node.self = true;
    }
    if (isLeaf(v, path)) {
      return;
    }
    if (v instanceof JsonObject o) {
      for (int i = 0; i < o.size(); i++) {
        mark(o.valueAt(i), child(path, o.keyAt(i)),
            node.child(new PathElement.Field(o.keyAt(i))), true);
      }
    } else if (v instanceof JsonArray a) {
      for (JsonValue item : a.items()) {
        mark(item, path, node.child(itemElement(item, path)), true);
      }
    }
  }

  /** List items by element, first occurrence winning. */
  private Map<PathElement, JsonValue> items(JsonArray a, List<String> path) {
    Map<PathElement, JsonValue> out = new LinkedHashMap<>();
    for (JsonValue item : a.items()) {
      out.putIfAbsent(itemElement(item, path), item);
    }
    return out;
  }

  // ---- merge ----

  /** Merges an applied configuration into a live value; {@code null} fields delete. */
  JsonValue merge(@Nullable JsonValue live, JsonValue applied, List<String> path) {
    if (live != null && !isLeaf(applied, path) && !isLeaf(live, path)) {
      if (live instanceof JsonObject lo && applied instanceof JsonObject ao) {
        JsonObject out = lo;
        for (int i = 0; i < ao.size(); i++) {
          String k = ao.keyAt(i);
          JsonValue v = ao.valueAt(i);
          out = v instanceof JsonNull ? out.without(k)
              : out.with(k, merge(lo.getOrNull(k), v, child(path, k)));
        }
        return out;
      }
      if (live instanceof JsonArray la && applied instanceof JsonArray aa) {
        return mergeList(la, aa, path);
      }
    }
    return withoutNullFields(applied);
  }

  private static JsonValue withoutNullFields(JsonValue v) {
    if (v instanceof JsonObject o) {
      JsonObject out = o;
      for (int i = 0; i < o.size(); i++) {
        JsonValue value = o.valueAt(i);
        out = value instanceof JsonNull ? out.without(o.keyAt(i))
            : out.with(o.keyAt(i), withoutNullFields(value));
      }
      return out;
    }
    if (v instanceof JsonArray a) {
      JsonArray.Builder b = JsonArray.builder();
      a.items().forEach(item -> b.add(withoutNullFields(item)));
      return b.build();
    }
    return v;
  }

  /**
   * Merges a keyed or set list: structured-merge-diff's order, which keeps the live order and
   * places applied items so that the applied order of the items both have wins.
   */
  private JsonArray mergeList(JsonArray live, JsonArray applied, List<String> path) {
    boolean map = list(path).type() == ListType.MAP;
    List<PathElement> lhs = new ArrayList<>();
    for (JsonValue v : live.items()) {
      lhs.add(itemElement(v, path));
    }
    List<PathElement> rhs = new ArrayList<>();
    for (JsonValue v : applied.items()) {
      rhs.add(itemElement(v, path));
    }
    Map<PathElement, JsonValue> observedLhs = items(live, path);
    Map<PathElement, JsonValue> observedRhs = items(applied, path);
    List<PathElement> shared = new ArrayList<>();
    for (PathElement e : rhs) {
      if (observedLhs.containsKey(e)) {
        shared.add(e);
      }
    }
    int nextShared = 0;
    Set<PathElement> merged = new HashSet<>();
    JsonArray.Builder out = JsonArray.builder();
    int l = 0;
    int r = 0;
    while (l < lhs.size() || r < rhs.size()) {
      if (l < lhs.size() && r < rhs.size()) {
        PathElement e = lhs.get(l);
        if (e.equals(rhs.get(r))) {
          if (merged.add(e)) {
            out.add(mergeItem(observedLhs.get(e), observedRhs.get(e), map, path));
          }
          l++;
          r++;
          nextShared++;
          continue;
        }
        if (observedRhs.containsKey(e) && nextShared < shared.size()
            && !shared.get(nextShared).equals(e)) {
          l++;
          continue;
        }
      }
      if (l < lhs.size()) {
        PathElement e = lhs.get(l);
        if (!observedRhs.containsKey(e)) {
          out.add(live.get(l));
          l++;
          continue;
        }
        if (merged.contains(e)) {
          l++;
          continue;
        }
      }
      if (r < rhs.size()) {
        PathElement e = rhs.get(r);
        if (merged.add(e)) {
          out.add(mergeItem(observedLhs.get(e), observedRhs.get(e), map, path));
        }
        r++;
        if (nextShared < shared.size() && shared.get(nextShared).equals(e)) {
          nextShared++;
        }
      }
    }
    return out.build();
  }

  private JsonValue mergeItem(@Nullable JsonValue live, JsonValue applied, boolean map,
      List<String> path) {
    return map ? merge(live, applied, path) : applied;
  }

  // ---- removal ----

  /**
   * The part of {@code v} that {@code set} covers: members whole, granular objects and keyed
   * lists by their covered parts. List items keep their key fields, covered or not, so their
   * identity survives (the composite-key rule of gitops-engine's webhook filter).
   *
   * @return the covered part, or null when nothing is covered
   */
  @Nullable JsonValue extract(JsonValue v, FieldSet set, List<String> path) {
    if (set.isEmpty()) {
      return null;
    }
    if (isLeaf(v, path)) {
      return set.self() ? v : null;
    }
    if (v instanceof JsonObject o) {
      JsonObject.Builder b = JsonObject.builder();
      for (int i = 0; i < o.size(); i++) {
        FieldSet c = set.child(new PathElement.Field(o.keyAt(i)));
        JsonValue part = extract(o.valueAt(i), c, child(path, o.keyAt(i)));
        if (part != null) {
          b.put(o.keyAt(i), part);
        }
      }
      JsonObject out = b.build();
      return out.isEmpty() && !set.self() ? null : out;
    }
    JsonArray a = (JsonArray) v;
    ListInfo info = list(path);
    JsonArray.Builder b = JsonArray.builder();
    for (JsonValue item : a.items()) {
      FieldSet c = set.child(itemElement(item, path));
      if (c.isEmpty()) {
        continue;
      }
      if (info.type() == ListType.MAP && item instanceof JsonObject io) {
        JsonValue part = extract(item, c, path);
        JsonObject kept = part instanceof JsonObject po ? po : JsonObject.empty();
        for (String k : info.mapKeys()) {
          JsonValue kv = io.getOrNull(k);
          if (kv != null) {
            kept = kept.with(k, kv);
          }
        }
        b.add(kept);
      } else {
        b.add(item);
      }
    }
    JsonArray out = b.build();
    return out.isEmpty() && !set.self() ? null : out;
  }

  /** The value without the members of {@code remove} (relative to it), whole subtrees. */
  JsonValue removeItems(JsonValue v, FieldSet remove, List<String> path) {
    if (remove.children().isEmpty()) {
      return v;
    }
    if (v instanceof JsonObject o) {
      JsonObject out = o;
      for (int i = 0; i < o.size(); i++) {
        FieldSet c = remove.child(new PathElement.Field(o.keyAt(i)));
        if (c.self()) {
          out = out.without(o.keyAt(i));
        } else if (!c.isEmpty()) {
          out = out.with(o.keyAt(i), removeItems(o.valueAt(i), c, child(path, o.keyAt(i))));
        }
      }
      return out;
    }
    if (v instanceof JsonArray a && !isLeaf(a, path)) {
      JsonArray.Builder b = JsonArray.builder();
      for (JsonValue item : a.items()) {
        FieldSet c = remove.child(itemElement(item, path));
        if (c.self()) {
          continue;
        }
        b.add(c.isEmpty() ? item : removeItems(item, c, path));
      }
      return b.build();
    }
    return v;
  }
}
