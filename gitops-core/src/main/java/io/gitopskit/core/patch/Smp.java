package io.gitopskit.core.patch;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Shared pieces of the strategic merge patch port: directive names and list ordering. */
final class Smp {

  static final String DIRECTIVE = "$patch";
  static final String RETAIN_KEYS = "$retainKeys";
  static final String DELETE_PREFIX = "$deleteFromPrimitiveList/";
  static final String ORDER_PREFIX = "$setElementOrder/";

  private Smp() {}

  static boolean isDirectiveKey(String key) {
    return key.equals(DIRECTIVE) || key.equals(RETAIN_KEYS) || key.startsWith(DELETE_PREFIX)
        || key.startsWith(ORDER_PREFIX);
  }

  /** Go's {@code fmt.Sprintf("%v")} of a scalar, which strategic merge uses to compare keys. */
  static String scalarText(JsonValue v) {
    return v instanceof JsonString s ? s.value() : v.toJson();
  }

  /** Whether the list's items are objects (else scalars); lists of lists are refused. */
  static boolean itemsAreMaps(JsonArray a, JsonArray b, Loc at) {
    boolean maps = false;
    boolean scalars = false;
    for (JsonArray list : List.of(a, b)) {
      for (JsonValue v : list.items()) {
        if (v instanceof JsonArray) {
          throw new PatchException("lists of lists cannot be merged", at.pointer());
        }
        if (v instanceof JsonObject) {
          maps = true;
        } else {
          scalars = true;
        }
      }
    }
    if (maps && scalars) {
      throw new PatchException("list mixes objects and scalars", at.pointer());
    }
    return maps;
  }

  static JsonValue mergeKeyValue(JsonValue item, String mergeKey, Loc at) {
    if (item instanceof JsonObject o) {
      JsonValue v = o.getOrNull(mergeKey);
      if (v != null) {
        return v;
      }
    }
    throw new PatchException("list item has no merge key \"" + mergeKey + "\"", at.pointer());
  }

  /** Position of an item in a list, by merge key for objects or by value for scalars. */
  static int index(List<JsonValue> list, JsonValue item, @Nullable String mergeKey, Loc at) {
    if (mergeKey == null) {
      return list.indexOf(item);
    }
    JsonValue key = mergeKeyValue(item, mergeKey, at);
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) instanceof JsonObject o && key.equals(o.getOrNull(mergeKey))) {
        return i;
      }
    }
    return -1;
  }

  /** Stable sort by position in {@code order}; items not found go last. */
  static List<JsonValue> sortByOrder(List<JsonValue> items, List<JsonValue> order,
      @Nullable String mergeKey, Loc at) {
    List<JsonValue> deletes = new ArrayList<>();
    List<JsonValue> rest = new ArrayList<>();
    for (JsonValue v : items) {
      if (mergeKey != null && v instanceof JsonObject o
          && o.getOrNull(DIRECTIVE) instanceof JsonString s && s.value().equals("delete")) {
        deletes.add(v);
      } else {
        rest.add(v);
      }
    }
    List<int[]> keyed = new ArrayList<>();
    for (int i = 0; i < rest.size(); i++) {
      int at2 = index(order, rest.get(i), mergeKey, at);
      keyed.add(new int[] {at2 < 0 ? Integer.MAX_VALUE : at2, i});
    }
    keyed.sort(Comparator.<int[]>comparingInt(k -> k[0]).thenComparingInt(k -> k[1]));
    List<JsonValue> out = new ArrayList<>(items.size());
    for (int[] k : keyed) {
      out.add(rest.get(k[1]));
    }
    out.addAll(deletes);
    return out;
  }

  /**
   * Orders a merged list: the patch's items in patch order, with the items only the server
   * has interleaved at their relative place in the server's list (strategic merge's
   * {@code normalizeElementOrder}).
   */
  static List<JsonValue> normalizeElementOrder(List<JsonValue> patchItems,
      List<JsonValue> serverOnly, List<JsonValue> patchOrder, List<JsonValue> serverOrder,
      @Nullable String mergeKey, Loc at) {
    List<JsonValue> right = sortByOrder(patchItems, patchOrder, mergeKey, at);
    List<JsonValue> left = sortByOrder(serverOnly, serverOrder, mergeKey, at);
    List<JsonValue> out = new ArrayList<>(left.size() + right.size());
    int i = 0;
    int j = 0;
    while (i < left.size() || j < right.size()) {
      if (i >= left.size()) {
        out.add(right.get(j++));
      } else if (j >= right.size()) {
        out.add(left.get(i++));
      } else {
        int li = index(serverOrder, left.get(i), mergeKey, at);
        int ri = index(serverOrder, right.get(j), mergeKey, at);
        if (li >= 0 && ri >= 0 && li < ri) {
          out.add(left.get(i++));
        } else {
          out.add(right.get(j++));
        }
      }
    }
    return out;
  }

  /** Splits a merged list into items present in {@code list} and the rest, keeping order. */
  static List<List<JsonValue>> partition(List<JsonValue> merged, List<JsonValue> list,
      @Nullable String mergeKey, Loc at) {
    List<JsonValue> present = new ArrayList<>();
    List<JsonValue> absent = new ArrayList<>();
    for (JsonValue v : merged) {
      (index(list, v, mergeKey, at) >= 0 ? present : absent).add(v);
    }
    return List.of(present, absent);
  }
}
