package io.gitopskit.core.patch;

import static io.gitopskit.core.patch.Smp.DELETE_PREFIX;
import static io.gitopskit.core.patch.Smp.DIRECTIVE;
import static io.gitopskit.core.patch.Smp.ORDER_PREFIX;
import static io.gitopskit.core.patch.Smp.RETAIN_KEYS;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.GroupVersionKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Applies a strategic merge patch: apimachinery's {@code mergeMap} and {@code mergeSlice}. */
final class SmpApply {

  private final TypeInfo types;
  private final GroupVersionKind gvk;

  SmpApply(TypeInfo types, GroupVersionKind gvk) {
    this.types = types;
    this.gvk = gvk;
  }

  JsonObject mergeMap(JsonObject original, JsonObject patchIn, Loc at) {
    JsonObject patch = patchIn;
    JsonValue directive = patch.getOrNull(DIRECTIVE);
    if (directive != null) {
      String d = directive instanceof JsonString s ? s.value() : "";
      switch (d) {
        case "replace":
          return mergeMap(JsonObject.empty(), patch.without(DIRECTIVE), at);
        case "delete":
          return JsonObject.empty();
        case "merge":
          patch = patch.without(DIRECTIVE);
          break;
        default:
          throw new PatchException("unknown $patch directive", at.pointer());
      }
    }
    TreeMap<String, JsonValue> out = new TreeMap<>(original.asMap());
    JsonValue retain = patch.getOrNull(RETAIN_KEYS);
    if (retain != null) {
      retainKeys(out, patch, retain, at);
    }
    Set<String> ordered = new HashSet<>();
    for (String key : patch.keys()) {
      if (key.startsWith(ORDER_PREFIX)) {
        String field = key.substring(ORDER_PREFIX.length());
        mergeWithOrder(out, patch, field, patch.getOrNull(key), at.child(field));
        ordered.add(field);
      }
    }
    for (String key : patch.keys()) {
      if (key.startsWith(DELETE_PREFIX)) {
        String field = key.substring(DELETE_PREFIX.length());
        JsonValue current = out.get(field);
        if (current instanceof JsonArray list) {
          if (!(patch.getOrNull(key) instanceof JsonArray remove)) {
            throw new PatchException("$deleteFromPrimitiveList must be a list",
                at.child(field).pointer());
          }
          JsonArray.Builder kept = JsonArray.builder();
          for (JsonValue v : list.items()) {
            if (!remove.items().contains(v)) {
              kept.add(v);
            }
          }
          out.put(field, kept.build());
        }
      }
    }
    for (int i = 0; i < patch.size(); i++) {
      String key = patch.keyAt(i);
      if (Smp.isDirectiveKey(key) || ordered.contains(key)) {
        continue;
      }
      JsonValue value = patch.valueAt(i);
      if (value instanceof JsonNull) {
        out.remove(key);
        continue;
      }
      JsonValue current = out.get(key);
      Loc child = at.child(key);
      if (current instanceof JsonObject o && value instanceof JsonObject p) {
        out.put(key, mergeMapField(o, p, child));
      } else if (current instanceof JsonArray o && value instanceof JsonArray p) {
        out.put(key, mergeListField(o, p, child));
      } else {
        out.put(key, clean(value, child));
      }
    }
    return JsonObject.of(out);
  }

  private void retainKeys(TreeMap<String, JsonValue> out, JsonObject patch, JsonValue retain,
      Loc at) {
    if (!(retain instanceof JsonArray list)) {
      throw new PatchException("$retainKeys must be a list", at.pointer());
    }
    Set<String> keep = new HashSet<>();
    for (JsonValue v : list.items()) {
      if (v instanceof JsonString s) {
        keep.add(s.value());
      }
    }
    for (int i = 0; i < patch.size(); i++) {
      String key = patch.keyAt(i);
      if (patch.valueAt(i) instanceof JsonNull || Smp.isDirectiveKey(key)) {
        continue;
      }
      if (!keep.contains(key)) {
        throw new PatchException("field is not listed in $retainKeys", at.child(key).pointer());
      }
    }
    out.keySet().retainAll(keep);
  }

  private JsonObject mergeMapField(JsonObject original, JsonObject patch, Loc at) {
    if (ListInfo.hasStrategy(types.mapPatchStrategy(gvk, at.fields()), "replace")) {
      return mergeMap(JsonObject.empty(), patch, at);
    }
    return mergeMap(original, patch, at);
  }

  private JsonArray mergeListField(JsonArray original, JsonArray patch, Loc at) {
    ListInfo info = types.list(gvk, at.fields());
    return info.patchMerges() ? mergeSlice(original, patch, info, at) : patch;
  }

  /** A value the patch introduces: directives processed, nulls in objects dropped. */
  JsonValue clean(JsonValue value, Loc at) {
    if (value instanceof JsonObject o) {
      return mergeMap(JsonObject.empty(), o, at);
    }
    if (value instanceof JsonArray a) {
      return mergeListField(JsonArray.empty(), a, at);
    }
    return value;
  }

  private JsonArray mergeSlice(JsonArray original, JsonArray patch, ListInfo info, Loc at) {
    if (original.isEmpty() && patch.isEmpty()) {
      return original;
    }
    List<JsonValue> merged;
    List<JsonValue> patchItems;
    List<JsonValue> serverOrder;
    @Nullable String mergeKey = null;
    if (!Smp.itemsAreMaps(original, patch, at)) {
      merged = new ArrayList<>();
      for (JsonValue v : original.items()) {
        if (!merged.contains(v)) {
          merged.add(v);
        }
      }
      for (JsonValue v : patch.items()) {
        if (!merged.contains(v)) {
          merged.add(v);
        }
      }
      patchItems = patch.items();
      serverOrder = original.items();
    } else {
      mergeKey = info.patchMergeKey().orElseThrow(
          () -> new PatchException("cannot merge a list of objects without a merge key",
              at.pointer()));
      List<JsonValue> current = new ArrayList<>(original.items());
      List<JsonValue> plain = new ArrayList<>();
      boolean replace = false;
      for (JsonValue v : patch.items()) {
        JsonObject item = (JsonObject) v;
        JsonValue directive = item.getOrNull(DIRECTIVE);
        if (directive == null) {
          plain.add(item);
          continue;
        }
        String d = directive instanceof JsonString s ? s.value() : "";
        switch (d) {
          case "delete": {
            JsonValue key = Smp.mergeKeyValue(item, mergeKey, at);
            String k = mergeKey;
            current.removeIf(c -> c instanceof JsonObject co && key.equals(co.getOrNull(k)));
            break;
          }
          case "replace":
            replace = true;
            break;
          case "merge":
            plain.add(item.without(DIRECTIVE));
            break;
          default:
            throw new PatchException("unknown $patch directive in list", at.pointer());
        }
      }
      if (replace) {
        JsonArray.Builder b = JsonArray.builder();
        for (JsonValue v : plain) {
          b.add(clean(v, at));
        }
        return b.build();
      }
      serverOrder = List.copyOf(current);
      for (JsonValue v : plain) {
        int i = Smp.index(current, v, mergeKey, at);
        if (i >= 0) {
          current.set(i, mergeMap((JsonObject) current.get(i), (JsonObject) v, at));
        } else {
          current.add(clean(v, at));
        }
      }
      merged = current;
      patchItems = plain;
    }
    List<List<JsonValue>> parts = Smp.partition(merged, patchItems, mergeKey, at);
    return JsonArray.of(Smp.normalizeElementOrder(parts.get(0), parts.get(1), patchItems,
        serverOrder, mergeKey, at));
  }

  private void mergeWithOrder(TreeMap<String, JsonValue> out, JsonObject patch, String field,
      @Nullable JsonValue orderValue, Loc at) {
    if (!(orderValue instanceof JsonArray order)) {
      throw new PatchException("$setElementOrder must be a list", at.pointer());
    }
    JsonValue current = out.get(field);
    JsonValue patchValue = patch.getOrNull(field);
    if (current != null && !(current instanceof JsonArray)
        || patchValue != null && !(patchValue instanceof JsonArray)) {
      throw new PatchException("$setElementOrder names a field that is not a list",
          at.pointer());
    }
    @Nullable JsonArray original = (JsonArray) current;
    @Nullable JsonArray patchList = (JsonArray) patchValue;
    ListInfo info = types.list(gvk, at.fields());
    @Nullable String mergeKey = info.patchMergeKey().orElse(null);
    if (patchList != null) {
      validateOrder(patchList, order, mergeKey, at);
    }
    JsonArray merged;
    if (original != null && patchList == null) {
      merged = original;
    } else if (original == null && patchList != null) {
      merged = JsonArray.of(Smp.sortByOrder(((JsonArray) clean(patchList, at)).items(),
          order.items(), mergeKey, at));
    } else if (original != null) {
      merged = mergeListField(original, patchList, at);
    } else {
      return;
    }
    List<JsonValue> serverOrder = original == null ? List.of() : original.items();
    if (original != null && patchList != null && mergeKey != null && info.patchMerges()) {
      serverOrder = aliasedServerOrder(original.items(), patchList.items(), mergeKey, at);
    }
    List<List<JsonValue>> parts = Smp.partition(merged.items(), order.items(), mergeKey, at);
    out.put(field, JsonArray.of(Smp.normalizeElementOrder(parts.get(0), parts.get(1),
        order.items(), serverOrder, mergeKey, at)));
  }

  /**
   * The target list as apimachinery's {@code mergePatchIntoOriginal} sees it after merging: its
   * Go slice shares its backing array with the merge, so deletions shift items left in place
   * and appended items land in spare capacity. This emulates that with the capacity a
   * JSON-decoded list has (the next power of two), which is how kubectl and Argo CD compute a
   * predicted object, so server-only items are placed exactly as there.
   */
  private static List<JsonValue> aliasedServerOrder(List<JsonValue> original,
      List<JsonValue> patch, String mergeKey, Loc at) {
    int n = original.size();
    int cap = n <= 1 || n > 512 ? n : Integer.highestOneBit(n - 1) << 1;
    JsonValue[] backing = Arrays.copyOf(original.toArray(new JsonValue[0]), Math.max(cap, n));
    JsonValue[] work = backing;
    int len = n;
    List<JsonValue> plain = new ArrayList<>();
    for (JsonValue v : patch) {
      JsonValue directive = v instanceof JsonObject o ? o.getOrNull(DIRECTIVE) : null;
      if (directive == null || directive.equals(JsonString.of("merge"))) {
        plain.add(v);
      } else if (directive.equals(JsonString.of("delete"))) {
        JsonValue key = Smp.mergeKeyValue(v, mergeKey, at);
        for (int i = find(work, len, key, mergeKey); i >= 0; i = find(work, len, key, mergeKey)) {
          System.arraycopy(work, i + 1, work, i, len - i - 1);
          len--;
        }
      }
    }
    for (JsonValue v : plain) {
      if (find(work, len, Smp.mergeKeyValue(v, mergeKey, at), mergeKey) >= 0) {
        continue;
      }
      if (len == work.length) {
        work = Arrays.copyOf(work, Math.max(1, 2 * work.length));
      }
      work[len++] = v;
    }
    return Arrays.asList(backing).subList(0, n);
  }

  private static int find(JsonValue[] items, int len, JsonValue key, String mergeKey) {
    for (int i = 0; i < len; i++) {
      if (items[i] instanceof JsonObject o && key.equals(o.getOrNull(mergeKey))) {
        return i;
      }
    }
    return -1;
  }

  /** The patch list's items must appear in the order list, in the same relative order. */
  private static void validateOrder(JsonArray patchList, JsonArray order,
      @Nullable String mergeKey, Loc at) {
    if (order.isEmpty() || patchList.isEmpty()) {
      return;
    }
    List<JsonValue> items = new ArrayList<>();
    for (JsonValue v : patchList.items()) {
      if (!(v instanceof JsonObject o && o.has(DIRECTIVE))) {
        items.add(v);
      }
    }
    int p = 0;
    int s = 0;
    while (p < items.size() && s < order.size()) {
      JsonValue item = items.get(p);
      JsonValue wanted = order.get(s);
      boolean equal = mergeKey == null ? item.equals(wanted)
          : Smp.mergeKeyValue(item, mergeKey, at).equals(
              Smp.mergeKeyValue(wanted, mergeKey, at));
      if (equal) {
        p++;
      }
      s++;
    }
    if (p < items.size()) {
      throw new PatchException("the patch list does not follow its $setElementOrder list",
          at.pointer());
    }
  }
}
