package io.gitopskit.testkit;

import io.gitopskit.core.cluster.ApplyOptions;
import io.gitopskit.core.cluster.FieldCause;
import io.gitopskit.core.cluster.PatchType;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.model.Manifest;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Patch, apply and managed-fields steps of the simulated API server. */
final class Patching {

  private Patching() {}

  static JsonObject patch(PatchType type, GroupVersionKind gvk, JsonObject live, JsonValue patch,
      Store.Kind kind) {
    throw new UnsupportedOperationException("patch is not implemented yet");
  }

  static String lastAppliedConfiguration(Manifest object) {
    Manifest clean = object.withoutAnnotation(Store.LAST_APPLIED);
    return clean.root().toJson();
  }

  static JsonObject threeWay(GroupVersionKind gvk, Manifest live, Manifest desired,
      Store.Kind kind) {
    throw new UnsupportedOperationException("client-side apply is not implemented yet");
  }

  static Manifest serverSideApply(Manifest applied, @Nullable Manifest live,
      ApplyOptions options, Store.Kind kind, Instant now) {
    throw new UnsupportedOperationException("server-side apply is not implemented yet");
  }

  static Manifest recordUpdate(Store.Kind kind, @Nullable Manifest old, Manifest obj,
      String manager, Instant now) {
    return obj;
  }

  static List<FieldCause> none() {
    return List.of();
  }
}
