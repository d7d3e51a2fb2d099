package io.gitopskit.core.diff;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.patch.ListInfo;
import io.gitopskit.core.patch.ListType;
import io.gitopskit.core.patch.TypeInfo;
import io.gitopskit.core.patch.ssa.FieldPath;
import io.gitopskit.core.patch.ssa.FieldSet;
import io.gitopskit.core.patch.ssa.PathElement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Walks of an object guided by a {@link FieldSet}, with structured-merge-diff's notion of
 * members: the part of an object a set covers ({@link #extract}) and the object without it
 * ({@link #remove}). Map-list items are addressed by their keys (with key defaults), set-list
 * items by value; atomic lists and maps are leaves.
 */
final class FieldTrees {

  private final TypeInfo types;
  private final GroupVersionKind gvk;

  FieldTrees(TypeInfo types, GroupVersionKind gvk) {
    this.types = types;
    this.gvk = gvk;
  }

  private static boolean member(FieldSet s) {
    return s.contains(FieldPath.ROOT);
  }

  private static List<String> child(List<String> path, String field) {
    List<String> p = new ArrayList<>(path.size() + 1);
    p.addAll(path);
    p.add(field);
    return Collections.unmodifiableList(p);
  }

  private ListType listType(JsonArray a, List<String> path) {
    ListType t = types.list(gvk, path).type();
    if (t == ListType.MAP) {
      for (JsonValue v : a.items()) {
        if (!(v instanceof JsonObject)) {
          return ListType.ATOMIC;
        }
      }
    }
    return t;
  }

  private boolean isLeaf(JsonValue v, List<String> path) {
    if (v instanceof JsonObject) {
      return types.atomicMap(gvk, path);
    }
    if (v instanceof JsonArray a) {
      return listType(a, path) == ListType.ATOMIC;
    }
    return true;
  }

  private PathElement itemElement(JsonValue item, List<String> path) {
    ListInfo info = types.list(gvk, path);
    if (info.type() == ListType.MAP && item instanceof JsonObject o) {
      return new PathElement.Key(keyOf(o, info));
    }
    return new PathElement.Value(item);
  }

  private static JsonObject keyOf(JsonObject item, ListInfo info) {
    JsonObject.Builder key = JsonObject.builder();
    for (String k : info.mapKeys()) {
      JsonValue v = item.getOrNull(k);
      if (v == null) {
        v = info.keyDefaults().get(k);
      }
      if (v != null) {
        key.put(k, v);
      }
    }
    return key.build();
  }

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
      return member(set) ? v : null;
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
      return out.isEmpty() && !member(set) ? null : out;
    }
    JsonArray a = (JsonArray) v;
    ListInfo info = types.list(gvk, path);
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
    return out.isEmpty() && !member(set) ? null : out;
  }

  /** {@code v} without the members of {@code set}, whole subtrees. */
  JsonValue remove(JsonValue v, FieldSet set, List<String> path) {
    if (set.children().isEmpty()) {
      return v;
    }
    if (v instanceof JsonObject o) {
      JsonObject out = o;
      for (int i = 0; i < o.size(); i++) {
        FieldSet c = set.child(new PathElement.Field(o.keyAt(i)));
        if (member(c)) {
          out = out.without(o.keyAt(i));
        } else if (!c.isEmpty()) {
          out = out.with(o.keyAt(i), remove(o.valueAt(i), c, child(path, o.keyAt(i))));
        }
      }
      return out;
    }
    if (v instanceof JsonArray a && !isLeaf(a, path)) {
      JsonArray.Builder b = JsonArray.builder();
      for (JsonValue item : a.items()) {
        FieldSet c = set.child(itemElement(item, path));
        if (member(c)) {
          continue;
        }
        b.add(c.isEmpty() ? item : remove(item, c, path));
      }
      return b.build();
    }
    return v;
  }
}
