package io.gitopskit.core.diff;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonPointer;
import io.gitopskit.core.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The differences between two objects as {@link FieldChange}s, in document order: objects field
 * by field (names sorted), arrays of equal length item by item, anything else whole.
 */
final class Changes {

  private Changes() {}

  static List<FieldChange> between(@Nullable JsonObject live, @Nullable JsonObject predicted) {
    List<FieldChange> out = new ArrayList<>();
    if (live == null || predicted == null) {
      if (live != null || predicted != null) {
        out.add(new FieldChange("", Optional.ofNullable(live), Optional.ofNullable(predicted)));
      }
      return List.copyOf(out);
    }
    walk(new ArrayList<>(), live, predicted, out);
    return List.copyOf(out);
  }

  private static void walk(List<String> path, JsonValue live, JsonValue predicted,
      List<FieldChange> out) {
    if (live.equals(predicted)) {
      return;
    }
    if (live instanceof JsonObject l && predicted instanceof JsonObject p) {
      TreeSet<String> keys = new TreeSet<>(l.keys());
      keys.addAll(p.keys());
      for (String k : keys) {
        JsonValue lv = l.getOrNull(k);
        JsonValue pv = p.getOrNull(k);
        path.add(k);
        if (lv == null || pv == null) {
          out.add(new FieldChange(pointer(path), Optional.ofNullable(lv),
              Optional.ofNullable(pv)));
        } else {
          walk(path, lv, pv, out);
        }
        path.remove(path.size() - 1);
      }
      return;
    }
    if (live instanceof JsonArray l && predicted instanceof JsonArray p && l.size() == p.size()) {
      for (int i = 0; i < l.size(); i++) {
        path.add(Integer.toString(i));
        walk(path, l.get(i), p.get(i), out);
        path.remove(path.size() - 1);
      }
      return;
    }
    out.add(new FieldChange(pointer(path), Optional.of(live), Optional.of(predicted)));
  }

  private static String pointer(List<String> path) {
    return new JsonPointer(path).toString();
  }
}
