package io.gitopskit.core.patch;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.model.GroupVersionKind;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Strategic merge patch, the {@code application/strategic-merge-patch+json} patch type of
 * built-in Kubernetes kinds and the engine of client-side {@code kubectl apply}: a port of
 * {@code k8s.io/apimachinery/pkg/util/strategicpatch}.
 *
 * <p>Like a JSON merge patch, objects merge recursively and {@code null} deletes a field; unlike
 * it, lists whose {@link ListInfo#patchStrategy() patch strategy} is {@code merge} are merged:
 * lists of objects item by item on their {@link ListInfo#patchMergeKey() merge key}, lists of
 * scalars as a union. Other lists are replaced. Patches may carry directives:
 *
 * <ul>
 *   <li>{@code $patch: replace} in an object replaces it with the rest of the patch object; as a
 *       list item ({@code {"$patch": "replace"}}) it replaces the whole list with the other
 *       items. {@code $patch: delete} in an object makes it {@code {}}; as a list item with the
 *       merge key it deletes the matching item. {@code $patch: merge} is accepted and means the
 *       default (apimachinery refuses it).
 *   <li>{@code $retainKeys: [...]} drops every field of the target object not listed (after
 *       checking that the patch sets only listed fields).
 *   <li>{@code $deleteFromPrimitiveList/<field>: [...]} removes these values from a merged
 *       scalar list.
 *   <li>{@code $setElementOrder/<field>: [...]} is <b>honoured</b>: the merged list's items
 *       named there come in that order, and items only the target had keep their place
 *       relative to them. Without it, the patch's items come in patch order, likewise
 *       interleaved with the target's other items.
 * </ul>
 *
 * <p>Deviation, on purpose: values the patch introduces (new fields, appended list items,
 * replacements) are cleaned before use: their directives are processed and their {@code null}
 * fields dropped. apimachinery copies them verbatim and relies on typed decoding to discard
 * directive keys, which an untyped tree does not do.
 *
 * <p>Errors (a list item without its merge key, a field outside {@code $retainKeys}, a bad
 * directive) throw {@link PatchException} with the JSON pointer of the offending place.
 *
 * @since 0.1
 */
public final class StrategicMergePatch {

  private StrategicMergePatch() {}

  /**
   * Applies a strategic merge patch.
   *
   * @param types list and map semantics of the kind
   * @param gvk the kind of the object
   * @param original the object to patch
   * @param patch the patch
   * @return the patched object; the inputs are unchanged
   * @throws PatchException if the patch is malformed for this type
   */
  public static JsonObject apply(TypeInfo types, GroupVersionKind gvk, JsonObject original,
      JsonObject patch) {
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(patch, "patch");
    return new SmpApply(check(types), Objects.requireNonNull(gvk, "gvk"))
        .mergeMap(original, patch, Loc.ROOT);
  }

  /**
   * Creates the two-way patch from one object to another ({@code CreateTwoWayMergePatch}):
   * changes, {@code null} for removed fields, deletion directives for removed list items, and
   * {@code $setElementOrder} where merged lists change.
   *
   * @param types list and map semantics of the kind
   * @param gvk the kind of the object
   * @param original the object before
   * @param modified the object after
   * @return the patch; {@code {}} when they are equal
   * @throws PatchException if a merged list has items without their merge key
   */
  public static JsonObject diff(TypeInfo types, GroupVersionKind gvk, JsonObject original,
      JsonObject modified) {
    SmpDiff d = new SmpDiff(check(types), Objects.requireNonNull(gvk, "gvk"));
    return d.diffMaps(original, modified, Loc.ROOT,
        new SmpDiff.Options(false, false, true, false));
  }

  /**
   * Creates the three-way patch {@code kubectl apply} sends
   * ({@code CreateThreeWayMergePatch} with overwrite): every change from {@code current} to
   * {@code modified}, but deletions only for what {@code original} had and {@code modified}
   * dropped. So fields set by others (defaults, a controller's annotation, an injected sidecar
   * container or env var) survive, while fields removed from the configuration are deleted.
   * Applying the result to {@code current} with {@link #apply} gives the predicted live object.
   *
   * @param types list and map semantics of the kind
   * @param gvk the kind of the object
   * @param original the last applied configuration, or null when there is none (then nothing
   *     is deleted)
   * @param modified the new configuration
   * @param current the live object
   * @return the patch; {@code {}} when nothing would change
   * @throws PatchException if a merged list has items without their merge key
   */
  public static JsonObject threeWay(TypeInfo types, GroupVersionKind gvk,
      @Nullable JsonObject original, JsonObject modified, JsonObject current) {
    Objects.requireNonNull(modified, "modified");
    Objects.requireNonNull(current, "current");
    SmpDiff d = new SmpDiff(check(types), Objects.requireNonNull(gvk, "gvk"));
    JsonObject delta = d.diffMaps(current, modified, Loc.ROOT,
        new SmpDiff.Options(true, false, true, false));
    JsonObject deletions = d.diffMaps(original == null ? JsonObject.empty() : original,
        modified, Loc.ROOT, new SmpDiff.Options(false, true, true, false));
    return d.mergePatches(deletions, delta, Loc.ROOT);
  }

  private static TypeInfo check(TypeInfo types) {
    return Objects.requireNonNull(types, "types");
  }
}
