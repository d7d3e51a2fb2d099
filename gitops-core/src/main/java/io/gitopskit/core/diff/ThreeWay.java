package io.gitopskit.core.diff;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.patch.JsonMergePatch;
import io.gitopskit.core.patch.StrategicMergePatch;

/**
 * The client-side prediction ({@code ThreeWayDiff} of gitops-engine): the live object after
 * {@code kubectl apply} of {@code config}, given the last-applied configuration {@code orig}.
 *
 * <ul>
 *   <li>{@code metadata.namespace} and empty {@code metadata.annotations} are stripped from
 *       {@code orig} and {@code config} (live carries the namespace manifests often omit).
 *   <li>Built-in kinds: the strategic-merge three-way patch, computed against live (for
 *       StatefulSets against live with {@code spec.volumeClaimTemplates} trimmed, item by item,
 *       to the fields {@code orig} has, because the server defaults claim templates in ways a
 *       client cannot reproduce) and applied to live.
 *   <li>Other kinds (custom resources): JSON merge semantics, as for {@code kubectl apply} of a
 *       custom resource: live pruned to {@code orig}'s fields, the three-way JSON merge patch
 *       computed against that, and applied to the whole live object.
 * </ul>
 */
final class ThreeWay {

  private ThreeWay() {}

  static JsonObject predict(DiffTypes types, GroupVersionKind gvk, JsonObject orig,
      JsonObject config, JsonObject live) {
    JsonObject o = stripNamespaceAndAnnotations(orig);
    JsonObject c = stripNamespaceAndAnnotations(config);
    if (types.builtIn(gvk)) {
      JsonObject current = live;
      if (gvk.kind().equals("StatefulSet")
          && (gvk.group().equals("apps") || gvk.group().equals("extensions"))) {
        current = statefulSetWorkaround(o, live);
      }
      JsonObject patch = StrategicMergePatch.threeWay(types, gvk, o, c, current);
      return StrategicMergePatch.apply(types, gvk, live, patch);
    }
    JsonObject pruned = (JsonObject) removeFields(o, live);
    JsonObject patch = threeWayJsonMerge(o, c, pruned);
    return (JsonObject) JsonMergePatch.apply(live, patch);
  }

  static JsonObject stripNamespaceAndAnnotations(JsonObject root) {
    return Normalization.editObject(root, "metadata", m -> {
      JsonObject x = m.without("namespace");
      JsonValue a = x.getOrNull("annotations");
      if (a instanceof JsonNull || (a instanceof JsonObject ao && ao.isEmpty())) {
        x = x.without("annotations");
      }
      return x;
    });
  }

  private static JsonObject statefulSetWorkaround(JsonObject orig, JsonObject live) {
    if (!(orig.getOrNull("spec") instanceof JsonObject os)
        || !(os.getOrNull("volumeClaimTemplates") instanceof JsonArray ot)
        || !(live.getOrNull("spec") instanceof JsonObject ls)
        || !(ls.getOrNull("volumeClaimTemplates") instanceof JsonArray lt)) {
      return live;
    }
    return live.with("spec", ls.with("volumeClaimTemplates", removeListFields(ot, lt)));
  }

  /**
   * Live without the fields {@code config} lacks: objects intersected by key, recursively; lists
   * item by item by position, extra live items kept as they are (gitops-engine's {@code
   * RemoveMapFields} / {@code RemoveListFields}).
   */
  static JsonValue removeFields(JsonValue config, JsonValue live) {
    if (config instanceof JsonObject c && live instanceof JsonObject l) {
      JsonObject.Builder b = JsonObject.builder();
      for (int i = 0; i < c.size(); i++) {
        JsonValue lv = l.getOrNull(c.keyAt(i));
        if (lv != null) {
          b.put(c.keyAt(i), lv instanceof JsonNull ? lv : removeFields(c.valueAt(i), lv));
        }
      }
      return b.build();
    }
    if (config instanceof JsonArray c && live instanceof JsonArray l) {
      return removeListFields(c, l);
    }
    return live;
  }

  private static JsonArray removeListFields(JsonArray config, JsonArray live) {
    JsonArray.Builder b = JsonArray.builder();
    for (int i = 0; i < live.size(); i++) {
      JsonValue lv = live.get(i);
      b.add(i < config.size() && !(lv instanceof JsonNull) ? removeFields(config.get(i), lv) : lv);
    }
    return b.build();
  }

  /**
   * apimachinery's {@code CreateThreeWayJSONMergePatch}: the additions and changes from {@code
   * current} to {@code modified}, plus the deletions from {@code original} to {@code modified}.
   */
  static JsonObject threeWayJsonMerge(JsonObject original, JsonObject modified,
      JsonObject current) {
    JsonValue addAndChange = withoutNulls(JsonMergePatch.diff(current, modified));
    JsonValue deletions = onlyNulls(JsonMergePatch.diff(original, modified));
    JsonValue patch = mergePatches(deletions, addAndChange);
    return patch instanceof JsonObject p ? p : JsonObject.empty();
  }

  private static JsonValue withoutNulls(JsonValue patch) {
    if (!(patch instanceof JsonObject p)) {
      return patch;
    }
    JsonObject out = p;
    for (int i = 0; i < p.size(); i++) {
      JsonValue v = p.valueAt(i);
      if (v instanceof JsonNull) {
        out = out.without(p.keyAt(i));
      } else if (v instanceof JsonObject) {
        JsonValue r = withoutNulls(v);
        if (r instanceof JsonObject ro && ro.isEmpty()) {
          out = out.without(p.keyAt(i));
        } else {
          out = out.with(p.keyAt(i), r);
        }
      }
    }
    return out;
  }

  private static JsonValue onlyNulls(JsonValue patch) {
    if (!(patch instanceof JsonObject p)) {
      return JsonObject.empty();
    }
    JsonObject.Builder b = JsonObject.builder();
    for (int i = 0; i < p.size(); i++) {
      JsonValue v = p.valueAt(i);
      if (v instanceof JsonNull) {
        b.put(p.keyAt(i), v);
      } else if (v instanceof JsonObject) {
        JsonValue r = onlyNulls(v);
        if (r instanceof JsonObject ro && !ro.isEmpty()) {
          b.put(p.keyAt(i), r);
        }
      }
    }
    return b.build();
  }

  /** Two merge patches combined: the second's fields over the first's, objects recursively. */
  private static JsonValue mergePatches(JsonValue first, JsonValue second) {
    if (!(first instanceof JsonObject f) || !(second instanceof JsonObject s)) {
      return second;
    }
    JsonObject out = f;
    for (int i = 0; i < s.size(); i++) {
      JsonValue mine = out.getOrNull(s.keyAt(i));
      out = out.with(s.keyAt(i), mine == null ? s.valueAt(i) : mergePatches(mine, s.valueAt(i)));
    }
    return out;
  }
}
