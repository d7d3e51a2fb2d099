package io.gitopskit.testkit;

import io.gitopskit.core.cluster.ApplyOptions;
import io.gitopskit.core.cluster.ClusterException;
import io.gitopskit.core.cluster.FieldCause;
import io.gitopskit.core.cluster.PatchType;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.load.LoadException;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.patch.JsonMergePatch;
import io.gitopskit.core.patch.JsonPatch;
import io.gitopskit.core.patch.PatchException;
import io.gitopskit.core.patch.StrategicMergePatch;
import io.gitopskit.core.patch.TypeInfo;
import io.gitopskit.core.patch.ssa.ServerSideApply;
import io.gitopskit.testkit.apiserver.ApiErrors;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Patch, apply and managed-fields steps of the simulated API server, on GitOpsKit's own patch
 * algorithms with type knowledge from the cluster's schema (CRDs included). Custom resources
 * get JSON merge semantics for strategic patches, as kubectl gives them.
 */
final class Patching {

  private Patching() {}

  static JsonObject patch(TypeInfo types, PatchType type, GroupVersionKind gvk, JsonObject live,
      JsonValue patch, Store.Kind kind) {
    try {
      JsonValue result;
      switch (type) {
        case JSON_MERGE -> result = JsonMergePatch.apply(live, patch);
        case JSON_PATCH -> {
          if (!(patch instanceof JsonArray ops)) {
            throw invalidPatch(kind, live, "a JSON patch must be an array of operations");
          }
          result = JsonPatch.apply(live, ops);
        }
        case STRATEGIC_MERGE -> {
          if (kind.custom()) {
            throw invalidPatch(kind, live, "strategic merge patch is not supported for custom"
                + " resources; use a JSON merge patch or server-side apply");
          }
          if (!(patch instanceof JsonObject p)) {
            throw invalidPatch(kind, live, "a strategic merge patch must be an object");
          }
          result = StrategicMergePatch.apply(types, gvk, live, p);
        }
        default -> throw new IllegalArgumentException("unknown patch type " + type);
      }
      if (!(result instanceof JsonObject o)) {
        throw invalidPatch(kind, live, "the patched object is not an object");
      }
      return o;
    } catch (PatchException e) {
      throw invalidPatch(kind, live, e.getMessage());
    }
  }

  private static ClusterException.Invalid invalidPatch(Store.Kind kind, JsonObject live,
      String problem) {
    String name = live.getObject("metadata").flatMap(m -> m.getString("name")).orElse("");
    return ApiErrors.invalid(kind.resource().gvk().groupKind(), name,
        List.of(new FieldCause("FieldValueInvalid", "Invalid value: " + problem, "patch")));
  }

  /** The {@code last-applied-configuration} text kubectl records: the config without it. */
  static String lastAppliedConfiguration(Manifest object) {
    return object.withoutAnnotation(Store.LAST_APPLIED).root().toJson();
  }

  /** kubectl apply's three-way merge of last-applied, the new config and the live object. */
  static JsonObject threeWay(TypeInfo types, GroupVersionKind gvk, Manifest live,
      Manifest desired, Store.Kind kind) {
    TypeInfo t = kind.custom() ? TypeInfo.JSON : types;
    JsonObject original = live.annotation(Store.LAST_APPLIED).flatMap(Patching::parse)
        .orElse(null);
    try {
      JsonObject patch = StrategicMergePatch.threeWay(t, gvk, original, desired.root(),
          live.root());
      return StrategicMergePatch.apply(t, gvk, live.root(), patch);
    } catch (PatchException e) {
      throw invalidPatch(kind, live.root(), e.getMessage());
    }
  }

  private static Optional<JsonObject> parse(String json) {
    try {
      List<JsonValue> docs = ManifestLoader.defaults().readDocuments(json, "last-applied.json");
      return docs.size() == 1 && docs.get(0) instanceof JsonObject o ? Optional.of(o)
          : Optional.empty();
    } catch (LoadException e) {
      return Optional.empty();
    }
  }

  /** Server-side apply: the merged object with its managed fields, or a conflict. */
  static Manifest serverSideApply(TypeInfo types, Manifest applied, @Nullable Manifest live,
      ApplyOptions options, Store.Kind kind, Instant now) {
    ServerSideApply.Result result = ServerSideApply.apply(types, applied.gvk(),
        live == null ? null : live.root(), applied.root(), options.fieldManager(),
        options.force(), now);
    if (result instanceof ServerSideApply.Result.Conflicts c) {
      throw c.toException();
    }
    ServerSideApply.Result.Applied a = (ServerSideApply.Result.Applied) result;
    JsonObject merged = io.gitopskit.core.patch.ssa.ManagedFields.write(a.merged(),
        a.managedFields());
    return Manifest.of(merged);
  }

  /** Records a non-apply write in managedFields (Update operation). */
  static Manifest recordUpdate(TypeInfo types, @Nullable Manifest old, Manifest obj,
      String manager, boolean status, Instant now) {
    JsonObject recorded = ServerSideApply.recordUpdate(types, obj.gvk(),
        old == null ? null : old.root(), obj.root(), manager, status ? "status" : "", now);
    return recorded == obj.root() ? obj : obj.withRoot(recorded);
  }
}
