package io.gitopskit.core.patch;

import io.gitopskit.core.json.JsonValue;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the schema says about one list field, for both merge mechanisms: the server-side apply
 * list type and keys ({@code x-kubernetes-list-type}, {@code x-kubernetes-list-map-keys}, and
 * the {@code default} of each key field) and the strategic merge patch metadata
 * ({@code x-kubernetes-patch-strategy}, {@code x-kubernetes-patch-merge-key}). The two often
 * agree but not always: container ports are an SSA map keyed by {@code containerPort} and
 * {@code protocol} but an SMP list merged by {@code containerPort} alone.
 *
 * @param type the server-side apply list type
 * @param mapKeys the key fields of a {@link ListType#MAP} list, in schema order; empty otherwise
 * @param keyDefaults defaults of key fields an item may omit (e.g. {@code protocol: TCP})
 * @param patchMergeKey the strategic merge key, for lists of objects merged by key
 * @param patchStrategy the strategic patch strategy, e.g. {@code merge} or
 *     {@code merge,retainKeys}; empty means the list is replaced
 * @since 0.1
 */
public record ListInfo(ListType type, List<String> mapKeys, Map<String, JsonValue> keyDefaults,
    Optional<String> patchMergeKey, Optional<String> patchStrategy) {

  private static final ListInfo ATOMIC = new ListInfo(ListType.ATOMIC, List.of(), Map.of(),
      Optional.empty(), Optional.empty());
  private static final ListInfo SET = new ListInfo(ListType.SET, List.of(), Map.of(),
      Optional.empty(), Optional.empty());

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if a MAP list has no keys, another type has keys, or a
   *     default names a field that is not a key
   */
  public ListInfo {
    Objects.requireNonNull(type, "type");
    mapKeys = List.copyOf(mapKeys);
    keyDefaults = Map.copyOf(keyDefaults);
    Objects.requireNonNull(patchMergeKey, "patchMergeKey");
    Objects.requireNonNull(patchStrategy, "patchStrategy");
    if ((type == ListType.MAP) == mapKeys.isEmpty()) {
      throw new IllegalArgumentException(type == ListType.MAP
          ? "a map list needs at least one key" : "only map lists have keys");
    }
    if (!mapKeys.containsAll(keyDefaults.keySet())) {
      throw new IllegalArgumentException("key defaults must name key fields");
    }
  }

  /**
   * An atomic list, replaced as a whole by both mechanisms.
   *
   * @return the shared instance
   */
  public static ListInfo atomic() {
    return ATOMIC;
  }

  /**
   * A server-side apply set of scalars, without strategic merge metadata.
   *
   * @return the shared instance
   */
  public static ListInfo set() {
    return SET;
  }

  /**
   * A server-side apply map list, without strategic merge metadata.
   *
   * @param keys the key fields
   * @return the list info
   */
  public static ListInfo map(String... keys) {
    return new ListInfo(ListType.MAP, Arrays.asList(keys), Map.of(), Optional.empty(),
        Optional.empty());
  }

  /**
   * A copy with strategic merge metadata.
   *
   * @param strategy e.g. {@code merge} or {@code merge,retainKeys}
   * @param mergeKey the merge key for lists of objects; null for lists of scalars
   * @return the new list info
   */
  public ListInfo withPatch(String strategy, @Nullable String mergeKey) {
    return new ListInfo(type, mapKeys, keyDefaults, Optional.ofNullable(mergeKey),
        Optional.of(strategy));
  }

  /**
   * A copy with a default for a key field that items may omit.
   *
   * @param key the key field
   * @param value its default
   * @return the new list info
   */
  public ListInfo withKeyDefault(String key, JsonValue value) {
    Map<String, JsonValue> d = new LinkedHashMap<>(keyDefaults);
    d.put(key, value);
    return new ListInfo(type, mapKeys, d, patchMergeKey, patchStrategy);
  }

  /**
   * Whether a strategic merge patch merges this list instead of replacing it.
   *
   * @return true when the patch strategy includes {@code merge}
   */
  public boolean patchMerges() {
    return hasStrategy(patchStrategy, "merge");
  }

  /**
   * Whether strategic merge patches carry {@code $retainKeys} for this list's items.
   *
   * @return true when the patch strategy includes {@code retainKeys}
   */
  public boolean patchRetainsKeys() {
    return hasStrategy(patchStrategy, "retainKeys");
  }

  static boolean hasStrategy(Optional<String> strategies, String wanted) {
    if (strategies.isEmpty()) {
      return false;
    }
    for (String s : strategies.get().split(",", -1)) {
      if (s.trim().equals(wanted)) {
        return true;
      }
    }
    return false;
  }
}
