package io.gitopskit.core.patch.ssa;

import io.gitopskit.core.cluster.ClusterException;
import io.gitopskit.core.cluster.FieldCause;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.patch.TypeInfo;
import io.gitopskit.core.patch.ssa.ManagedFieldsEntry.Operation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Server-side apply as the API server does it (structured-merge-diff's {@code Updater} with the
 * API server's field manager around it), as a pure function: the merged object and its new
 * {@code managedFields}, or the conflicts.
 *
 * <p>{@link #apply apply} merges the applied configuration into the live object: objects per
 * field (atomic maps replaced whole), {@link io.gitopskit.core.patch.ListType#MAP map lists}
 * per key, {@link io.gitopskit.core.patch.ListType#SET set lists} per value, atomic lists
 * replaced. The applier then owns exactly the fields of its configuration. Fields it owned
 * before and no longer applies are removed, unless another manager owns them too. A field
 * the apply would change (added or given another value) that another manager owns is a
 * conflict; with {@code force} the applier takes it over instead. A value equal to live is
 * never a conflict: both managers then share the field.
 *
 * <p>{@link #recordUpdate recordUpdate} tracks any other write: the writer gets the fields it
 * added or changed, and every manager loses the fields the write changed or removed.
 *
 * <p>Decisions: main-resource writes reset {@code status} (as for every kind with a status
 * subresource), so {@code status} in an applied configuration is ignored and never owned;
 * a {@code null} field in the applied configuration is owned and removed from the result;
 * the system fields {@code metadata.uid}, {@code resourceVersion}, {@code generation},
 * {@code creationTimestamp}, {@code selfLink} and {@code managedFields} of the applied
 * configuration are ignored; a live object without {@code managedFields} first gets an
 * {@code Update} entry {@code before-first-apply} owning all its fields, as the API server
 * does; an entry's time moves only when the write changed the object (an apply that changes
 * nothing leaves a new entry without time); more than ten {@code Update} entries are folded
 * into {@code ancient-changes}; field sets are not converted between API versions.
 *
 * @since 0.1
 */
public final class ServerSideApply {

  /** The manager the API server assigns fields of objects without managed fields to. */
  public static final String BEFORE_FIRST_APPLY = "before-first-apply";

  private static final List<String> SYSTEM_FIELDS = List.of("uid", "resourceVersion",
      "generation", "creationTimestamp", "selfLink", "managedFields");
  private static final FieldSet STATUS = FieldSet.ofPaths(List.of(FieldPath.fields("status")));

  private ServerSideApply() {}

  /**
   * The outcome of an apply.
   *
   * @since 0.1
   */
  public sealed interface Result permits Result.Applied, Result.Conflicts {

    /**
     * The apply succeeded.
     *
     * @param merged the resulting object, with {@code metadata.managedFields} set to
     *     {@code managedFields}
     * @param managedFields the entries after the apply, in the API server's order
     */
    record Applied(JsonObject merged, List<ManagedFieldsEntry> managedFields)
        implements Result {
      /** Copies. */
      public Applied {
        Objects.requireNonNull(merged, "merged");
        managedFields = List.copyOf(managedFields);
      }
    }

    /**
     * The apply was refused: other managers own fields it would change.
     *
     * @param conflicts one per field and owner, ordered by owner then path
     */
    record Conflicts(List<FieldConflict> conflicts) implements Result {
      /** Copies; there is at least one conflict. */
      public Conflicts {
        conflicts = List.copyOf(conflicts);
        if (conflicts.isEmpty()) {
          throw new IllegalArgumentException("conflicts must not be empty");
        }
      }

      /**
       * The API server's message, e.g. {@code Apply failed with 1 conflict: conflict with
       * "kubectl-edit" using apps/v1: .spec.replicas}; with several, one line per manager and
       * path.
       *
       * @return the message
       */
      public String message() {
        if (conflicts.size() == 1) {
          return "Apply failed with 1 conflict: " + conflicts.get(0);
        }
        Map<String, List<FieldPath>> byOwner = new TreeMap<>();
        for (FieldConflict c : conflicts) {
          byOwner.computeIfAbsent(c.owner().describe(), k -> new ArrayList<>()).add(c.path());
        }
        List<String> lines = new ArrayList<>();
        byOwner.forEach((owner, paths) -> {
          lines.add("conflicts with " + owner + ":");
          paths.forEach(p -> lines.add("- " + p));
        });
        return "Apply failed with " + conflicts.size() + " conflicts: "
            + String.join("\n", lines);
      }

      /**
       * The status causes the API server returns, one per conflict: reason
       * {@code FieldManagerConflict}, message {@code conflict with "x"}, field the path.
       *
       * @return the causes
       */
      public List<FieldCause> causes() {
        List<FieldCause> out = new ArrayList<>();
        for (FieldConflict c : conflicts) {
          out.add(new FieldCause("FieldManagerConflict", "conflict with " + c.owner().describe(),
              c.path().toString()));
        }
        return out;
      }

      /**
       * The 409 failure a cluster would raise.
       *
       * @return the exception, not thrown
       */
      public ClusterException.Conflict toException() {
        return new ClusterException.Conflict(message(), causes());
      }
    }
  }

  /**
   * Applies a configuration with server-side apply.
   *
   * @param types list and map semantics of the kind
   * @param gvk the kind of the object
   * @param live the live object, with its {@code metadata.managedFields}; null to create
   * @param applied the applied configuration
   * @param manager the field manager
   * @param force whether to take over conflicting fields
   * @param now the time of the write
   * @return the merged object and managed fields, or the conflicts
   * @throws IllegalArgumentException if the manager is blank or live's managedFields are
   *     malformed
   */
  public static Result apply(TypeInfo types, GroupVersionKind gvk, @Nullable JsonObject live,
      JsonObject applied, String manager, boolean force, Instant now) {
    Objects.requireNonNull(types, "types");
    Objects.requireNonNull(gvk, "gvk");
    Objects.requireNonNull(applied, "applied");
    Objects.requireNonNull(now, "now");
    if (manager == null || manager.isBlank()) {
      throw new IllegalArgumentException("a field manager is required for apply");
    }
    Typed typed = new Typed(types, gvk);
    JsonObject config = withoutSystemFields(applied).without("status");
    JsonObject before = live == null ? JsonObject.empty() : ManagedFields.strip(live);
    List<ManagedFieldsEntry> entries = new ArrayList<>(
        live == null ? List.of() : ManagedFields.of(live));
    if (live != null && entries.isEmpty()) {
      FieldSet all = tracked(typed.compare(JsonObject.empty(), before).added());
      if (!all.isEmpty()) {
        entries.add(new ManagedFieldsEntry(BEFORE_FIRST_APPLY, Operation.UPDATE,
            gvk.apiVersion(), now, all, ""));
      }
    }
    ManagedFieldsEntry self = new ManagedFieldsEntry(manager, Operation.APPLY,
        gvk.apiVersion(), now, FieldSet.of(types, gvk, config).difference(STATUS), "");
    @Nullable ManagedFieldsEntry last = null;
    FieldSet others = FieldSet.empty();
    for (ManagedFieldsEntry e : entries) {
      if (e.sameManager(self)) {
        last = e;
      } else {
        others = others.union(e.fields());
      }
    }
    if (last != null) {
      entries.remove(last);
    }

    JsonObject merged = (JsonObject) typed.merge(before, config, List.of());
    if (last != null) {
      FieldSet remove = last.fields().withFieldsAsMembers()
          .difference(self.fields().union(others).withFieldsAsMembers())
          .difference(FieldSet.NEVER_TRACKED).difference(STATUS);
      merged = (JsonObject) typed.removeItems(merged, remove, List.of());
    }

    Typed.Comparison cmp = typed.compare(before.without("status"), merged.without("status"));
    FieldSet removed = tracked(cmp.removed());
    FieldSet changed = tracked(cmp.added().union(cmp.modified()))
        .union(removed.intersection(self.fields()));
    List<FieldConflict> conflicts = new ArrayList<>();
    List<ManagedFieldsEntry> next = new ArrayList<>();
    for (ManagedFieldsEntry e : entries) {
      FieldSet lost = e.fields().intersection(changed);
      for (FieldPath p : lost.paths()) {
        conflicts.add(new FieldConflict(p, e));
      }
      next.add(e.withFields(e.fields().difference(lost).difference(removed)));
    }
    if (!conflicts.isEmpty() && !force) {
      conflicts.sort(Comparator.comparing((FieldConflict c) -> c.owner().describe())
          .thenComparing(FieldConflict::path));
      return new Result.Conflicts(conflicts);
    }
    if (merged.equals(before)) {
      // The API server moves an entry's time only when the object changed.
      self = new ManagedFieldsEntry(manager, Operation.APPLY, gvk.apiVersion(),
          last == null ? null : last.time(), self.fields(), "");
    }
    next.add(self);
    return written(merged, next);
  }

  /**
   * Records a write other than apply (create, update, patch) to the main resource in the
   * managed fields: the writer's {@code Update} entry gains the fields it added or changed,
   * every manager loses the fields the write changed or removed. {@code status} is not
   * tracked. A request carrying {@code managedFields} replaces the old ones (a single empty
   * entry clears them all, and the write is then not tracked); an empty list or undecodable
   * entries keep the old ones.
   *
   * @param types list and map semantics of the kind
   * @param gvk the kind of the object
   * @param oldObj the object before the write, null for a create
   * @param newObj the object written (after defaulting)
   * @param manager the field manager
   * @param now the time of the write
   * @return {@code newObj} with its new {@code metadata.managedFields}
   */
  public static JsonObject recordUpdate(TypeInfo types, GroupVersionKind gvk,
      @Nullable JsonObject oldObj, JsonObject newObj, String manager, Instant now) {
    return recordUpdate(types, gvk, oldObj, newObj, manager, "", now);
  }

  /**
   * Records a write other than apply, to the main resource or a subresource.
   *
   * @param types list and map semantics of the kind
   * @param gvk the kind of the object
   * @param oldObj the object before the write, null for a create
   * @param newObj the object written (after defaulting)
   * @param manager the field manager
   * @param subresource {@code ""} for the main resource (then {@code status} is not tracked),
   *     or {@code status} (then only {@code status} is)
   * @param now the time of the write
   * @return {@code newObj} with its new {@code metadata.managedFields}
   * @see #recordUpdate(TypeInfo, GroupVersionKind, JsonObject, JsonObject, String, Instant)
   */
  public static JsonObject recordUpdate(TypeInfo types, GroupVersionKind gvk,
      @Nullable JsonObject oldObj, JsonObject newObj, String manager, String subresource,
      Instant now) {
    Objects.requireNonNull(types, "types");
    Objects.requireNonNull(newObj, "newObj");
    Objects.requireNonNull(subresource, "subresource");
    Objects.requireNonNull(now, "now");
    if (manager == null || manager.isBlank()) {
      throw new IllegalArgumentException("a field manager is required");
    }
    List<ManagedFieldsEntry> previous = oldObj == null ? List.of() : ManagedFields.of(oldObj);
    JsonValue requested = newObj.getObject("metadata")
        .map(m -> m.getOrNull("managedFields")).orElse(null);
    List<ManagedFieldsEntry> entries = new ArrayList<>(previous);
    if (requested instanceof JsonArray r && !r.isEmpty()) {
      if (r.size() == 1 && r.get(0).equals(JsonObject.empty())) {
        return ManagedFields.strip(newObj);
      }
      try {
        entries = new ArrayList<>(ManagedFields.parse(r));
      } catch (IllegalArgumentException e) {
        // as the API server: undecodable managedFields in a request fall back to the old ones
        entries = new ArrayList<>(previous);
      }
    }
    Typed typed = new Typed(types, gvk);
    JsonObject before = oldObj == null ? JsonObject.empty() : ManagedFields.strip(oldObj);
    JsonObject after = ManagedFields.strip(newObj);
    boolean status = subresource.equals("status");
    Typed.Comparison cmp = typed.compare(scope(before, status), scope(after, status));
    FieldSet removed = tracked(cmp.removed());
    FieldSet changed = tracked(cmp.added().union(cmp.modified()));
    ManagedFieldsEntry self = new ManagedFieldsEntry(manager, Operation.UPDATE,
        gvk.apiVersion(), now, changed, subresource);
    List<ManagedFieldsEntry> next = new ArrayList<>();
    ManagedFieldsEntry mine = null;
    for (ManagedFieldsEntry e : entries) {
      ManagedFieldsEntry reduced = e.withFields(e.fields().difference(changed)
          .difference(removed));
      if (e.sameManager(self)) {
        mine = reduced;
      } else {
        next.add(reduced);
      }
    }
    if (!changed.isEmpty()) {
      next.add(mine == null ? self : self.withFields(mine.fields().union(changed)));
    } else if (mine != null) {
      next.add(mine);
    }
    return written(after, next).merged();
  }

  private static Result.Applied written(JsonObject object, List<ManagedFieldsEntry> entries) {
    List<ManagedFieldsEntry> kept = new ArrayList<>();
    for (ManagedFieldsEntry e : entries) {
      if (!e.fields().isEmpty()) {
        kept.add(e);
      }
    }
    List<ManagedFieldsEntry> sorted = ManagedFields.sorted(ManagedFields.capUpdates(kept));
    return new Result.Applied(ManagedFields.write(object, sorted), sorted);
  }

  /** The part of an object a write to the main resource or the status subresource tracks. */
  private static JsonObject scope(JsonObject o, boolean status) {
    if (!status) {
      return o.without("status");
    }
    JsonValue s = o.getOrNull("status");
    return s == null ? JsonObject.empty() : JsonObject.of("status", s);
  }

  private static FieldSet tracked(FieldSet s) {
    return s.difference(FieldSet.NEVER_TRACKED);
  }

  private static JsonObject withoutSystemFields(JsonObject applied) {
    JsonObject meta = applied.getObject("metadata").orElse(null);
    if (meta == null) {
      return applied;
    }
    for (String f : SYSTEM_FIELDS) {
      meta = meta.without(f);
    }
    return applied.with("metadata", meta);
  }
}
