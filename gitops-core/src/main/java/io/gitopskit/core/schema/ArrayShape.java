package io.gitopskit.core.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A list: the shape of its items and how it merges.
 *
 * <p>Two vocabularies describe merging, and they do not always agree:
 *
 * <ul>
 *   <li>server-side apply — {@link #listType()} and {@link #listMapKeys()} ({@code
 *       x-kubernetes-list-type}, {@code x-kubernetes-list-map-keys}): prefer these for a
 *       structural diff (they key container {@code ports} by {@code containerPort} and {@code
 *       protocol});
 *   <li>strategic merge patch (built-in types only) — {@link #patchMergeKey()} and {@link
 *       #patchStrategy()} ({@code x-kubernetes-patch-merge-key}, {@code
 *       x-kubernetes-patch-strategy}), used by client-side {@code kubectl apply}.
 * </ul>
 *
 * <p>When a list declares no list type, it is {@link ListType#ATOMIC} — except that a built-in
 * list tagged only with patch strategy {@code merge} counts as a map keyed by its merge key (or a
 * set when it has none), as the API server's own schema conversion does.
 *
 * <p>Equality is identity.
 *
 * @since 0.1
 */
public final class ArrayShape implements Shape {

  private final LazyShape items;
  private final ListType listType;
  private final List<String> listMapKeys;
  private final @Nullable String patchMergeKey;
  private final @Nullable String patchStrategy;

  ArrayShape(LazyShape items, ListType listType, List<String> listMapKeys,
      @Nullable String patchMergeKey, @Nullable String patchStrategy) {
    this.items = Objects.requireNonNull(items, "items");
    this.listType = listType;
    this.listMapKeys = List.copyOf(listMapKeys);
    this.patchMergeKey = patchMergeKey;
    this.patchStrategy = patchStrategy;
  }

  @Override
  public Optional<String> definition() {
    return Optional.empty();
  }

  /**
   * The shape of each item.
   *
   * @return the item shape
   */
  public Shape items() {
    return items.get();
  }

  /**
   * How server-side apply merges this list.
   *
   * @return the list type, {@link ListType#ATOMIC} by default
   */
  public ListType listType() {
    return listType;
  }

  /**
   * The item fields that identify an item of a {@link ListType#MAP} list, in declared order.
   *
   * @return the keys; empty unless the list type is map
   */
  public List<String> listMapKeys() {
    return listMapKeys;
  }

  /**
   * The strategic-merge-patch key ({@code x-kubernetes-patch-merge-key}), e.g. {@code name}.
   *
   * @return the merge key
   */
  public Optional<String> patchMergeKey() {
    return Optional.ofNullable(patchMergeKey);
  }

  /**
   * The strategic-merge-patch strategy ({@code x-kubernetes-patch-strategy}): {@code merge},
   * {@code retainKeys} or {@code merge,retainKeys}.
   *
   * @return the strategy; empty means the list is replaced
   */
  public Optional<String> patchStrategy() {
    return Optional.ofNullable(patchStrategy);
  }

  /**
   * Whether a strategic merge patch merges this list rather than replacing it (its strategy
   * includes {@code merge}).
   *
   * @return true when merged
   */
  public boolean patchMerges() {
    return patchStrategy != null && hasStrategy(patchStrategy, "merge");
  }

  static boolean hasStrategy(String strategies, String wanted) {
    for (String s : strategies.split(",", -1)) {
      if (s.trim().equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("ArrayShape[").append(listType);
    if (!listMapKeys.isEmpty()) {
      b.append(" keys=").append(listMapKeys);
    }
    if (patchStrategy != null) {
      b.append(", patch=").append(patchStrategy);
      if (patchMergeKey != null) {
        b.append('/').append(patchMergeKey);
      }
    }
    return b.append(']').toString();
  }
}
