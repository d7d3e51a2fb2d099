package io.gitopskit.core.sync;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.load.LoadException;
import io.gitopskit.core.load.LoadLimits;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.ResourceKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes an {@link OperationState} as JSON and reads it back, so that an operation can be
 * persisted after every step and resumed in another process ({@link SyncExecutor#resume},
 * {@link SyncExecutor#resumeDeletion}). The text is deterministic (fields sorted) and uses
 * Argo CD's spellings for phases and result codes:
 *
 * <pre>{@code
 * {"finishedAt":null,"lastCompletedWave":0,"message":"one or more tasks are running",
 *  "phase":"Running",
 *  "results":[{"group":"","hook":false,"hookPhase":"Succeeded","kind":"ConfigMap",
 *   "message":"serverside-applied","name":"cfg","namespace":"shop","status":"Synced",
 *   "syncPhase":"Sync"}],"startedAt":"2026-01-01T00:00:00Z","version":1}
 * }</pre>
 *
 * @since 0.1
 */
public final class OperationStateCodec {

  /** The format version written in {@code version}; reading refuses any other. */
  public static final int VERSION = 1;

  /**
   * A loader without size limits: the text is already in memory, and a state written for a
   * large sync (tens of thousands of results) is far beyond the limits meant for manifests.
   */
  private static final ManifestLoader LOADER = ManifestLoader.withLimits(LoadLimits.defaults()
      .withMaxNodes(Long.MAX_VALUE).withMaxDocumentBytes(Long.MAX_VALUE)
      .withMaxTotalBytes(Long.MAX_VALUE));

  private OperationStateCodec() {
  }

  /**
   * The state as compact JSON.
   *
   * @param state the state
   * @return JSON text, one line
   */
  public static String toJson(OperationState state) {
    JsonArray.Builder results = JsonArray.builder();
    for (ResourceResult r : state.results()) {
      results.add(JsonObject.builder()
          .put("group", r.key().group())
          .put("kind", r.key().kind())
          .put("namespace", r.key().namespace())
          .put("name", r.key().name())
          .put("syncPhase", r.syncPhase().wireName())
          .put("status", r.status().wireName())
          .put("message", r.message())
          .put("hookPhase", r.hookPhase().wireName())
          .put("hook", JsonBoolean.of(r.hook()))
          .build());
    }
    return JsonObject.builder()
        .put("version", JsonNumber.of(VERSION))
        .put("phase", state.phase().wireName())
        .put("message", state.message())
        .put("lastCompletedWave", JsonNumber.of(state.lastCompletedWave()))
        .put("startedAt", state.startedAt().toString())
        .put("finishedAt", state.finishedAt().<JsonValue>map(t -> JsonString.of(t.toString()))
            .orElse(io.gitopskit.core.json.JsonNull.INSTANCE))
        .put("results", results.build())
        .build().toJson();
  }

  /**
   * Reads a state written by {@link #toJson}.
   *
   * @param text the JSON text
   * @param origin a name for error messages, e.g. the file it came from
   * @return the state
   * @throws IllegalArgumentException if the text is not a state of this version; the message
   *     names the origin and the field, never a value
   */
  public static OperationState fromJson(String text, String origin) {
    List<JsonValue> docs;
    try {
      docs = LOADER.readDocuments(text, origin.endsWith(".json") ? origin
          : origin + ".json");
    } catch (LoadException e) {
      throw new IllegalArgumentException(origin + ": not an operation state: " + e.getMessage(),
          e);
    }
    if (docs.size() != 1 || !(docs.get(0) instanceof JsonObject root)) {
      throw new IllegalArgumentException(origin + ": not an operation state: expected one "
          + "JSON object");
    }
    long version = number(root, "version", origin);
    if (version != VERSION) {
      throw new IllegalArgumentException(origin + ": field version: unsupported version "
          + version + " (expected " + VERSION + ")");
    }
    List<ResourceResult> results = new ArrayList<>();
    JsonValue list = root.getOrNull("results");
    if (!(list instanceof JsonArray array)) {
      throw new IllegalArgumentException(origin + ": field results: expected an array");
    }
    for (int i = 0; i < array.size(); i++) {
      String at = "results[" + i + "]";
      if (!(array.get(i) instanceof JsonObject r)) {
        throw new IllegalArgumentException(origin + ": field " + at + ": expected an object");
      }
      ResourceKey key;
      try {
        key = ResourceKey.of(string(r, "group", origin, at), string(r, "kind", origin, at),
            string(r, "namespace", origin, at), string(r, "name", origin, at));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(origin + ": field " + at + ": invalid resource key",
            e);
      }
      if (!(r.getOrNull("hook") instanceof JsonBoolean hook)) {
        throw new IllegalArgumentException(origin + ": field " + at + ".hook: expected a "
            + "boolean");
      }
      results.add(new ResourceResult(key,
          wire(r, "syncPhase", origin, at, SyncPhase.values(), SyncPhase::wireName),
          wire(r, "status", origin, at, ResultCode.values(), ResultCode::wireName),
          string(r, "message", origin, at),
          wire(r, "hookPhase", origin, at, OperationPhase.values(), OperationPhase::wireName),
          hook.value()));
    }
    long wave = number(root, "lastCompletedWave", origin);
    if (wave < -1 || wave > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(origin + ": field lastCompletedWave: out of range");
    }
    JsonValue finished = root.getOrNull("finishedAt");
    Optional<Instant> finishedAt = finished == null
        || finished instanceof io.gitopskit.core.json.JsonNull ? Optional.empty()
        : Optional.of(instant(root, "finishedAt", origin));
    return new OperationState(
        wire(root, "phase", origin, "", OperationPhase.values(), OperationPhase::wireName),
        string(root, "message", origin, ""), results, (int) wave,
        instant(root, "startedAt", origin), finishedAt);
  }

  private static String string(JsonObject o, String field, String origin, String at) {
    if (!(o.getOrNull(field) instanceof JsonString s)) {
      throw new IllegalArgumentException(origin + ": field " + path(at, field)
          + ": expected a string");
    }
    return s.value();
  }

  private static long number(JsonObject o, String field, String origin) {
    if (!(o.getOrNull(field) instanceof JsonNumber n) || !n.isLong()) {
      throw new IllegalArgumentException(origin + ": field " + field + ": expected an integer");
    }
    return n.longValue();
  }

  private static Instant instant(JsonObject o, String field, String origin) {
    String text = string(o, field, origin, "");
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(origin + ": field " + field + ": expected an ISO-8601 "
          + "instant", e);
    }
  }

  private static <E> E wire(JsonObject o, String field, String origin, String at, E[] values,
      Function<E, String> name) {
    String text = string(o, field, origin, at);
    for (E e : values) {
      if (name.apply(e).equals(text)) {
        return e;
      }
    }
    throw new IllegalArgumentException(origin + ": field " + path(at, field)
        + ": unknown value");
  }

  private static String path(String at, String field) {
    return at.isEmpty() ? field : at + "." + field;
  }
}
