package io.gitopskit.core.diff;

import io.gitopskit.core.cluster.ApplyOptions;
import io.gitopskit.core.cluster.ClusterTarget;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.patch.ssa.FieldSet;
import io.gitopskit.core.patch.ssa.ManagedFields;
import io.gitopskit.core.patch.ssa.ManagedFieldsEntry;
import io.gitopskit.core.patch.ssa.ServerSideApply;
import java.time.Instant;
import java.util.List;

/**
 * The server-side prediction (gitops-engine's {@code serverSideDiff}): a forced server-side
 * apply dry run of the desired object as the manager, and optionally the removal of mutations
 * the manager did not make.
 */
final class ServerSide {

  /** The manager of the internal merge; never visible, its managedFields are dropped. */
  private static final String MERGER = "gitopskit-diff";

  private ServerSide() {}

  static JsonObject predict(DiffTypes types, ClusterTarget cluster, JsonObject desired,
      JsonObject live, String manager, boolean ignoreMutationWebhook) {
    Manifest dryRun = cluster.applyServerSide(Manifest.of(desired), ApplyOptions.defaults()
        .withFieldManager(manager).withForce(true).withDryRun(true));
    JsonObject result = dryRun.root();
    return ignoreMutationWebhook
        ? withoutMutations(types, Normalization.gvk(result), result, live, manager) : result;
  }

  /**
   * The dry run's result with every field the manager does not own reverted to live: the
   * manager's fields of the result (list items with their keys) merged onto live, then the
   * fields the dry run removed from live removed again.
   *
   * @throws IllegalStateException when the result has no managed fields of the manager
   */
  static JsonObject withoutMutations(DiffTypes types, GroupVersionKind gvk, JsonObject dryRun,
      JsonObject live, String manager) {
    FieldSet owned = FieldSet.empty();
    List<ManagedFieldsEntry> entries;
    try {
      entries = ManagedFields.of(dryRun);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(describe(gvk, dryRun)
          + ": the dry run returned malformed managedFields", e);
    }
    for (ManagedFieldsEntry e : entries) {
      if (e.manager().equals(manager)) {
        owned = owned.union(e.fields());
      }
    }
    if (owned.isEmpty()) {
      throw new IllegalStateException(describe(gvk, dryRun) + ": the dry run's result has no"
          + " managedFields of manager \"" + manager + "\", so webhook mutations cannot be told"
          + " apart; turn ignoreMutationWebhook off or check the cluster's server-side apply");
    }
    JsonObject base = ManagedFields.strip(live);
    JsonObject result = ManagedFields.strip(dryRun);
    JsonObject applied = owned.extractFrom(types, gvk, result);
    ServerSideApply.Result merged = ServerSideApply.apply(types, gvk, base, applied, MERGER,
        true, Instant.EPOCH);
    JsonObject out = ManagedFields.strip(((ServerSideApply.Result.Applied) merged).merged());
    FieldSet removed = FieldSet.of(types, gvk, base).difference(FieldSet.of(types, gvk, result));
    return removed.removeFrom(types, gvk, out);
  }

  private static String describe(GroupVersionKind gvk, JsonObject o) {
    return "failed to diff " + gvk + " \"" + Normalization.string(o.getOrNull("metadata"),
        "name") + "\"";
  }
}
