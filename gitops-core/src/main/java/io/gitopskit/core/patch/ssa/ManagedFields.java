package io.gitopskit.core.patch.ssa;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.patch.ssa.ManagedFieldsEntry.Operation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@code metadata.managedFields}, in the API server's order: {@code Apply}
 * entries before {@code Update} entries, then by time (oldest first, missing times first), then
 * by manager, apiVersion and subresource.
 *
 * @since 0.1
 */
public final class ManagedFields {

  /** Entries older than the newest this many updates are folded together. */
  static final int MAX_UPDATE_MANAGERS = 10;

  /** The manager that collects folded update entries. */
  public static final String ANCIENT_CHANGES = "ancient-changes";

  /** The API server's order of entries. */
  public static final Comparator<ManagedFieldsEntry> ORDER = Comparator
      .comparing((ManagedFieldsEntry e) -> e.operation().wireName())
      .thenComparingLong(e -> e.time() == null ? 0 : e.time().getEpochSecond())
      .thenComparing(ManagedFieldsEntry::manager)
      .thenComparing(ManagedFieldsEntry::apiVersion)
      .thenComparing(ManagedFieldsEntry::subresource);

  private ManagedFields() {}

  /**
   * The entries of an object's {@code metadata.managedFields}.
   *
   * @param object a Kubernetes object
   * @return the entries in their stored order; empty when there are none
   * @throws IllegalArgumentException if an entry is malformed
   */
  public static List<ManagedFieldsEntry> of(JsonObject object) {
    JsonValue mf = object.getObject("metadata").map(m -> m.getOrNull("managedFields"))
        .orElse(null);
    if (mf == null || mf instanceof JsonNull) {
      return List.of();
    }
    if (!(mf instanceof JsonArray entries)) {
      throw new IllegalArgumentException("metadata.managedFields must be a list");
    }
    return parse(entries);
  }

  /**
   * Parses a {@code managedFields} array.
   *
   * @param entries the array
   * @return the entries in order
   * @throws IllegalArgumentException if an item is not an object or is malformed
   */
  public static List<ManagedFieldsEntry> parse(JsonArray entries) {
    List<ManagedFieldsEntry> out = new ArrayList<>(entries.size());
    for (JsonValue v : entries.items()) {
      if (!(v instanceof JsonObject o)) {
        throw new IllegalArgumentException("managedFields items must be objects");
      }
      out.add(ManagedFieldsEntry.fromJson(o));
    }
    return List.copyOf(out);
  }

  /**
   * The JSON array of entries, in the given order.
   *
   * @param entries the entries
   * @return the array
   */
  public static JsonArray toJson(List<ManagedFieldsEntry> entries) {
    JsonArray.Builder b = JsonArray.builder();
    entries.forEach(e -> b.add(e.toJson()));
    return b.build();
  }

  /**
   * The entries in the API server's order.
   *
   * @param entries the entries
   * @return a sorted copy
   */
  public static List<ManagedFieldsEntry> sorted(Collection<ManagedFieldsEntry> entries) {
    List<ManagedFieldsEntry> out = new ArrayList<>(entries);
    out.sort(ORDER);
    return List.copyOf(out);
  }

  /**
   * A copy of an object with {@code metadata.managedFields} set to the entries in the API
   * server's order, or removed when there are none.
   *
   * @param object the object
   * @param entries the entries
   * @return the new object
   */
  public static JsonObject write(JsonObject object, Collection<ManagedFieldsEntry> entries) {
    JsonObject meta = object.getObject("metadata").orElse(JsonObject.empty());
    meta = entries.isEmpty() ? meta.without("managedFields")
        : meta.with("managedFields", toJson(sorted(entries)));
    return meta.isEmpty() && !object.has("metadata") ? object : object.with("metadata", meta);
  }

  /**
   * A copy of an object without {@code metadata.managedFields}.
   *
   * @param object the object
   * @return the new object, or the same when there were none
   */
  public static JsonObject strip(JsonObject object) {
    return object.getObject("metadata")
        .filter(m -> m.has("managedFields"))
        .map(m -> object.with("metadata", m.without("managedFields")))
        .orElse(object);
  }

  /**
   * Folds the oldest {@code Update} entries into one {@code ancient-changes} entry per
   * apiVersion while there are more than ten, as the API server does.
   *
   * @param entries the entries
   * @return the capped entries
   */
  static List<ManagedFieldsEntry> capUpdates(List<ManagedFieldsEntry> entries) {
    List<ManagedFieldsEntry> updates = new ArrayList<>();
    for (ManagedFieldsEntry e : entries) {
      if (e.operation() == Operation.UPDATE) {
        updates.add(e);
      }
    }
    if (updates.size() <= MAX_UPDATE_MANAGERS) {
      return entries;
    }
    updates.sort(Comparator.comparingLong((ManagedFieldsEntry e) ->
        e.time() == null ? 0 : e.time().getEpochSecond()).thenComparing(e -> e.manager()));
    List<ManagedFieldsEntry> out = new ArrayList<>(entries);
    Map<String, ManagedFieldsEntry> firstByVersion = new HashMap<>();
    Map<String, ManagedFieldsEntry> bucketByVersion = new HashMap<>();
    for (ManagedFieldsEntry e : updates) {
      if (e.manager().equals(ANCIENT_CHANGES) && e.subresource().isEmpty()) {
        bucketByVersion.putIfAbsent(e.apiVersion(), e);
      }
    }
    int count = updates.size();
    for (int i = 0; i < updates.size() && count > MAX_UPDATE_MANAGERS; i++) {
      ManagedFieldsEntry e = updates.get(i);
      if (bucketByVersion.get(e.apiVersion()) == e) {
        continue;
      }
      String version = e.apiVersion();
      ManagedFieldsEntry first = firstByVersion.get(version);
      if (first == null) {
        firstByVersion.put(version, e);
        continue;
      }
      ManagedFieldsEntry bucket = bucketByVersion.get(version);
      if (bucket == null) {
        out.remove(first);
        bucket = first;
      } else {
        out.remove(bucket);
      }
      Instant time = e.time() != null ? e.time() : bucket.time();
      bucket = new ManagedFieldsEntry(ANCIENT_CHANGES, Operation.UPDATE, version, time,
          e.fields().union(bucket.fields()), "");
      bucketByVersion.put(version, bucket);
      out.remove(e);
      out.add(bucket);
      count--;
    }
    return out;
  }
}
