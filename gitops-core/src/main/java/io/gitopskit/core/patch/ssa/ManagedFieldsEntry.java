package io.gitopskit.core.patch.ssa;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One {@code metadata.managedFields} entry: which manager owns which fields, through which
 * operation. Entries are identified by manager, operation, subresource and, for
 * {@link Operation#UPDATE} only, apiVersion.
 *
 * @param manager the field manager, e.g. {@code kubectl} or {@code kube-controller-manager}
 * @param operation {@code Apply} (server-side apply) or {@code Update} (any other write)
 * @param apiVersion the group/version of the write, e.g. {@code apps/v1}
 * @param time when the entry last changed, at second precision; null when unknown
 * @param fields the owned fields
 * @param subresource e.g. {@code status}; empty for the main resource
 * @since 0.1
 */
public record ManagedFieldsEntry(String manager, Operation operation, String apiVersion,
    @Nullable Instant time, FieldSet fields, String subresource) {

  /** Validates; truncates the time to seconds, as the API server stores it. */
  public ManagedFieldsEntry {
    Objects.requireNonNull(manager, "manager");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(fields, "fields");
    Objects.requireNonNull(subresource, "subresource");
    time = time == null ? null : time.truncatedTo(ChronoUnit.SECONDS);
  }

  /**
   * The write operation that produced an entry.
   *
   * @since 0.1
   */
  public enum Operation {
    /** Server-side apply. */
    APPLY("Apply"),
    /** Create, update or patch. */
    UPDATE("Update");

    private final String wire;

    Operation(String wire) {
      this.wire = wire;
    }

    /**
     * The API form.
     *
     * @return {@code Apply} or {@code Update}
     */
    public String wireName() {
      return wire;
    }

    /**
     * Parses the API form.
     *
     * @param text {@code Apply} or {@code Update}
     * @return the operation
     * @throws IllegalArgumentException for anything else
     */
    public static Operation of(String text) {
      for (Operation o : values()) {
        if (o.wire.equals(text)) {
          return o;
        }
      }
      throw new IllegalArgumentException("unknown managedFields operation \"" + text + "\"");
    }
  }

  /**
   * Reads an entry from its JSON form.
   *
   * @param json one item of {@code metadata.managedFields}
   * @return the entry
   * @throws IllegalArgumentException for an unknown operation or fieldsType, a bad time or a
   *     malformed fieldsV1 trie
   */
  public static ManagedFieldsEntry fromJson(JsonObject json) {
    String fieldsType = json.getString("fieldsType").orElse("FieldsV1");
    if (!fieldsType.equals("FieldsV1")) {
      throw new IllegalArgumentException("unsupported managedFields fieldsType \"" + fieldsType
          + "\"");
    }
    Instant time = null;
    JsonValue t = json.getOrNull("time");
    if (t != null && json.getString("time").isPresent()) {
      try {
        time = OffsetDateTime.parse(json.getString("time").get()).toInstant();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("malformed managedFields time", e);
      }
    }
    return new ManagedFieldsEntry(json.getString("manager").orElse(""),
        Operation.of(json.getString("operation").orElse("")),
        json.getString("apiVersion").orElse(""), time,
        FieldSet.fromFieldsV1(json.getObject("fieldsV1").orElse(JsonObject.empty())),
        json.getString("subresource").orElse(""));
  }

  /**
   * The JSON form, omitting empty strings and a missing time as the API server does.
   *
   * @return the entry as JSON
   */
  public JsonObject toJson() {
    JsonObject.Builder b = JsonObject.builder();
    if (!manager.isEmpty()) {
      b.put("manager", manager);
    }
    b.put("operation", operation.wireName());
    if (!apiVersion.isEmpty()) {
      b.put("apiVersion", apiVersion);
    }
    if (time != null) {
      b.put("time", time.toString());
    }
    b.put("fieldsType", "FieldsV1");
    b.put("fieldsV1", fields.toFieldsV1());
    if (!subresource.isEmpty()) {
      b.put("subresource", subresource);
    }
    return b.build();
  }

  /**
   * Whether two entries are the same manager identity: manager, operation and subresource,
   * plus apiVersion for updates (an Apply entry just records the version of its last apply).
   *
   * @param other the other entry
   * @return true when they are one manager
   */
  public boolean sameManager(ManagedFieldsEntry other) {
    return manager.equals(other.manager) && operation == other.operation
        && subresource.equals(other.subresource)
        && (operation == Operation.APPLY || apiVersion.equals(other.apiVersion));
  }

  /**
   * A copy owning other fields.
   *
   * @param newFields the fields
   * @return the new entry
   */
  public ManagedFieldsEntry withFields(FieldSet newFields) {
    return new ManagedFieldsEntry(manager, operation, apiVersion, time, newFields, subresource);
  }

  /**
   * The manager as the API server names it in conflict messages: {@code "kubectl"}, or for an
   * update {@code "kubectl-edit" using apps/v1}, with {@code with subresource "status"} where
   * it applies.
   *
   * @return the description
   */
  public String describe() {
    String s = GoJson.quote(manager);
    if (!subresource.isEmpty()) {
      s += " with subresource " + GoJson.quote(subresource);
    }
    return operation == Operation.UPDATE ? s + " using " + apiVersion : s;
  }
}
