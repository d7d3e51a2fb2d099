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
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Creates strategic merge patches: a port of apimachinery's {@code diffMaps}/{@code diffLists}
 * and of the patch-of-patches merge that {@code CreateThreeWayMergePatch} uses.
 */
final class SmpDiff {

  /** apimachinery's {@code DiffOptions}. */
  record Options(boolean ignoreDeletions, boolean ignoreChangesAndAdditions,
      boolean setElementOrder, boolean buildRetainKeys) {

    Options retainKeys(boolean retain) {
      return new Options(ignoreDeletions, ignoreChangesAndAdditions, setElementOrder, retain);
    }
  }

  private final TypeInfo types;
  private final GroupVersionKind gvk;

  SmpDiff(TypeInfo types, GroupVersionKind gvk) {
    this.types = types;
    this.gvk = gvk;
  }

  JsonObject diffMaps(JsonObject original, JsonObject modified, Loc at, Options o) {
    if (original.equals(modified)) {
      return JsonObject.empty(); // equal trees (content hashes first): nothing to patch
    }
    TreeMap<String, JsonValue> patch = new TreeMap<>();
    List<String> retain = new ArrayList<>();
    int j = 0;
    int originalSize = original.size();
    for (int i = 0; i < modified.size(); i++) {
      String key = modified.keyAt(i);
      JsonValue mv = modified.valueAt(i);
      if (o.buildRetainKeys() && !(mv instanceof JsonNull)) {
        retain.add(key);
      }
      // both objects keep their keys sorted: walk them in step instead of searching
      while (j < originalSize && original.keyAt(j).compareTo(key) < 0) {
        j++;
      }
      JsonValue ov = j < originalSize && original.keyAt(j).equals(key) ? original.valueAt(j)
          : null;
      if (ov == null) {
        if (!o.ignoreChangesAndAdditions()) {
          patch.put(key, mv);
        }
        continue;
      }
      if (key.equals(DIRECTIVE)) {
        continue;
      }
      Loc child = at.child(key);
      if (ov instanceof JsonObject oo && mv instanceof JsonObject mo) {
        Options inner = o.retainKeys(ListInfo.hasStrategy(
            types.mapPatchStrategy(gvk, child.fields()), "retainKeys"));
        if (ListInfo.hasStrategy(types.mapPatchStrategy(gvk, child.fields()), "replace")) {
          replaceIfNotEqual(patch, key, oo, mo, o);
        } else {
          JsonObject value = diffMaps(oo, mo, child, inner);
          if (!value.isEmpty()) {
            patch.put(key, value);
          }
        }
      } else if (ov instanceof JsonArray oa && mv instanceof JsonArray ma) {
        ListInfo info = types.list(gvk, child.fields());
        if (info.patchMerges()) {
          diffLists(patch, key, oa, ma, info, child, o.retainKeys(info.patchRetainsKeys()));
        } else {
          replaceIfNotEqual(patch, key, oa, ma, o);
        }
      } else {
        replaceIfNotEqual(patch, key, ov, mv, o);
      }
    }
    if (!o.ignoreDeletions()) {
      int m = 0;
      int modifiedSize = modified.size();
      for (int k = 0; k < originalSize; k++) {
        String key = original.keyAt(k);
        while (m < modifiedSize && modified.keyAt(m).compareTo(key) < 0) {
          m++;
        }
        if (m >= modifiedSize || !modified.keyAt(m).equals(key)) {
          patch.put(key, JsonNull.INSTANCE);
        }
      }
    }
    if (!retain.isEmpty() && (!patch.isEmpty() || hasAdditionalField(original, modified))) {
      retain.sort(Comparator.naturalOrder());
      JsonArray.Builder b = JsonArray.builder();
      retain.forEach(k -> b.add(JsonString.of(k)));
      patch.put(RETAIN_KEYS, b.build());
    }
    return JsonObject.of(patch);
  }

  private static void replaceIfNotEqual(TreeMap<String, JsonValue> patch, String key,
      JsonValue original, JsonValue modified, Options o) {
    if (!o.ignoreChangesAndAdditions() && !original.equals(modified)) {
      patch.put(key, modified);
    }
  }

  private static boolean hasAdditionalField(JsonObject original, JsonObject modified) {
    for (int i = 0; i < original.size(); i++) {
      if (!(original.valueAt(i) instanceof JsonNull) && !modified.has(original.keyAt(i))) {
        return true;
      }
    }
    return false;
  }

  private void diffLists(TreeMap<String, JsonValue> patch, String key, JsonArray original,
      JsonArray modified, ListInfo info, Loc at, Options o) {
    if (original.isEmpty()) {
      if (!modified.isEmpty() && !o.ignoreChangesAndAdditions()) {
        patch.put(key, modified);
      }
      return;
    }
    List<JsonValue> changes;
    List<JsonValue> deletions = List.of();
    List<JsonValue> order = List.of();
    if (Smp.itemsAreMaps(original, modified, at)) {
      String mergeKey = info.patchMergeKey().orElseThrow(() -> new PatchException(
          "cannot merge a list of objects without a merge key", at.pointer()));
      List<List<JsonValue>> d = diffListsOfMaps(original, modified, mergeKey, at, o);
      changes = new ArrayList<>(Smp.sortByOrder(d.get(0), modified.items(), mergeKey, at));
      changes.addAll(d.get(1));
      boolean orderSame = isOrderSame(original, modified, mergeKey, at);
      if (o.setElementOrder()
          && (!o.ignoreChangesAndAdditions() && (!changes.isEmpty() || !orderSame)
              || !o.ignoreDeletions() && !changes.isEmpty())) {
        List<JsonValue> keys = new ArrayList<>();
        for (JsonValue v : modified.items()) {
          keys.add(JsonObject.of(mergeKey, Smp.mergeKeyValue(v, mergeKey, at)));
        }
        order = keys;
      }
    } else {
      List<List<JsonValue>> d = diffListsOfScalars(original, modified, o);
      changes = Smp.sortByOrder(d.get(0), modified.items(), null, at);
      deletions = d.get(1);
      if (o.setElementOrder() && (!o.ignoreDeletions() && !deletions.isEmpty()
          || !o.ignoreChangesAndAdditions() && !original.equals(modified))) {
        order = modified.items();
      }
    }
    if (!changes.isEmpty()) {
      patch.put(key, JsonArray.of(changes));
    }
    if (!deletions.isEmpty()) {
      patch.put(DELETE_PREFIX + key, JsonArray.of(deletions));
    }
    if (!order.isEmpty()) {
      patch.put(ORDER_PREFIX + key, JsonArray.of(order));
    }
  }

  private static boolean isOrderSame(JsonArray a, JsonArray b, String mergeKey, Loc at) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Smp.scalarText(Smp.mergeKeyValue(a.get(i), mergeKey, at))
          .equals(Smp.scalarText(Smp.mergeKeyValue(b.get(i), mergeKey, at)))) {
        return false;
      }
    }
    return true;
  }

  private static List<JsonValue> sortedByKey(JsonArray list, String mergeKey, Loc at) {
    List<JsonValue> sorted = new ArrayList<>(list.items());
    for (JsonValue v : sorted) {
      Smp.mergeKeyValue(v, mergeKey, at);
    }
    sorted.sort(Comparator.comparing(v -> Smp.scalarText(((JsonObject) v).getOrNull(mergeKey))));
    return sorted;
  }

  /** Returns [changes and additions, deletion directives]. */
  private List<List<JsonValue>> diffListsOfMaps(JsonArray original, JsonArray modified,
      String mergeKey, Loc at, Options o) {
    List<JsonValue> changes = new ArrayList<>();
    List<JsonValue> deletions = new ArrayList<>();
    List<JsonValue> os = sortedByKey(original, mergeKey, at);
    List<JsonValue> ms = sortedByKey(modified, mergeKey, at);
    int oi = 0;
    int mi = 0;
    while (oi < os.size() || mi < ms.size()) {
      boolean oIn = oi < os.size();
      boolean mIn = mi < ms.size();
      @Nullable JsonObject oe = oIn ? (JsonObject) os.get(oi) : null;
      @Nullable JsonObject me = mIn ? (JsonObject) ms.get(mi) : null;
      int c = 0;
      if (oe != null && me != null) {
        c = Smp.scalarText(Smp.mergeKeyValue(oe, mergeKey, at))
            .compareTo(Smp.scalarText(Smp.mergeKeyValue(me, mergeKey, at)));
      }
      if (oe != null && me != null && c == 0) {
        JsonObject value = diffMaps(oe, me, at, o);
        if (!value.isEmpty()) {
          changes.add(value.with(mergeKey, Smp.mergeKeyValue(me, mergeKey, at)));
        }
        oi++;
        mi++;
      } else if (me != null && (oe == null || c > 0)) {
        if (!o.ignoreChangesAndAdditions()) {
          changes.add(me);
        }
        mi++;
      } else if (oe != null) {
        if (!o.ignoreDeletions()) {
          deletions.add(JsonObject.builder().put(DIRECTIVE, "delete")
              .put(mergeKey, Smp.mergeKeyValue(oe, mergeKey, at)).build());
        }
        oi++;
      }
    }
    return List.of(changes, deletions);
  }

  /** Returns [additions, deletions]. */
  private static List<List<JsonValue>> diffListsOfScalars(JsonArray original,
      JsonArray modified, Options o) {
    Comparator<JsonValue> byText = Comparator.comparing(Smp::scalarText);
    List<JsonValue> os = new ArrayList<>(original.items());
    List<JsonValue> ms = new ArrayList<>(modified.items());
    os.sort(byText);
    ms.sort(byText);
    List<JsonValue> additions = new ArrayList<>();
    List<JsonValue> deletions = new ArrayList<>();
    int oi = 0;
    int mi = 0;
    while (oi < os.size() || mi < ms.size()) {
      int c;
      if (oi >= os.size()) {
        c = 1;
      } else if (mi >= ms.size()) {
        c = -1;
      } else {
        c = Smp.scalarText(os.get(oi)).compareTo(Smp.scalarText(ms.get(mi)));
      }
      if (c == 0) {
        oi++;
        mi++;
      } else if (c > 0) {
        if (!o.ignoreChangesAndAdditions()) {
          additions.add(ms.get(mi));
        }
        mi++;
      } else {
        if (!o.ignoreDeletions() && !deletions.contains(os.get(oi))) {
          deletions.add(os.get(oi));
        }
        oi++;
      }
    }
    return List.of(additions, deletions);
  }

  /**
   * Merges two patches, as {@code CreateThreeWayMergePatch} merges its deletions patch with its
   * changes patch: objects recursively, merge-keyed lists item by item, directives kept.
   */
  JsonObject mergePatches(JsonObject first, JsonObject second, Loc at) {
    TreeMap<String, JsonValue> out = new TreeMap<>(first.asMap());
    for (int i = 0; i < second.size(); i++) {
      String key = second.keyAt(i);
      JsonValue b = second.valueAt(i);
      JsonValue a = out.get(key);
      if (a == null) {
        out.put(key, b);
        continue;
      }
      if (key.equals(RETAIN_KEYS) || key.startsWith(ORDER_PREFIX)) {
        if (!a.equals(b)) {
          throw new PatchException("conflicting " + (key.equals(RETAIN_KEYS) ? RETAIN_KEYS
              : ORDER_PREFIX) + " directives", at.pointer());
        }
        continue;
      }
      Loc child = at.child(key);
      if (a instanceof JsonObject ao && b instanceof JsonObject bo) {
        out.put(key, mergePatches(ao, bo, child));
      } else if (a instanceof JsonArray aa && b instanceof JsonArray ba
          && types.list(gvk, child.fields()).patchMerges()) {
        ListInfo info = types.list(gvk, child.fields());
        JsonArray merged = mergePatchLists(aa, ba, info, child);
        JsonValue order = out.containsKey(ORDER_PREFIX + key) ? out.get(ORDER_PREFIX + key)
            : second.getOrNull(ORDER_PREFIX + key);
        if (order instanceof JsonArray o && info.patchMergeKey().isPresent()
            && Smp.itemsAreMaps(merged, JsonArray.empty(), child)) {
          merged = JsonArray.of(Smp.sortByOrder(merged.items(), o.items(),
              info.patchMergeKey().get(), child));
        }
        out.put(key, merged);
      } else {
        out.put(key, b);
      }
    }
    return JsonObject.of(out);
  }

  private JsonArray mergePatchLists(JsonArray first, JsonArray second, ListInfo info, Loc at) {
    List<JsonValue> out = new ArrayList<>();
    if (!Smp.itemsAreMaps(first, second, at) || info.patchMergeKey().isEmpty()) {
      for (JsonArray list : List.of(second, first)) {
        for (JsonValue v : list.items()) {
          if (!out.contains(v)) {
            out.add(v);
          }
        }
      }
      return JsonArray.of(out);
    }
    String mergeKey = info.patchMergeKey().get();
    List<JsonValue> rest = new ArrayList<>(first.items());
    for (JsonValue v : second.items()) {
      JsonObject item = (JsonObject) v;
      JsonValue key = Smp.mergeKeyValue(item, mergeKey, at);
      int match = -1;
      for (int i = 0; i < rest.size(); i++) {
        JsonObject r = (JsonObject) rest.get(i);
        if (!r.has(DIRECTIVE) && key.equals(r.getOrNull(mergeKey))) {
          match = i;
          break;
        }
      }
      out.add(match < 0 ? item : mergePatches((JsonObject) rest.remove(match), item, at));
    }
    out.addAll(rest);
    return JsonArray.of(out);
  }
}
