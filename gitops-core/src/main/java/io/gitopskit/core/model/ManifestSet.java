package io.gitopskit.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * An immutable, ordered set of manifests in which no two share a {@link ResourceKey}.
 *
 * <p>Order is the order manifests were added (for a loaded directory: file path order, then
 * document order), so it is deterministic for a given input; {@link #sorted()} gives key order.
 * Equality compares the manifests in order.
 *
 * @since 0.1
 */
public final class ManifestSet implements Iterable<Manifest> {

  private static final ManifestSet EMPTY = new ManifestSet(new Manifest[0], Map.of());

  private final Manifest[] manifests;
  private final Map<ResourceKey, Integer> index;

  private ManifestSet(Manifest[] manifests, Map<ResourceKey, Integer> index) {
    this.manifests = manifests;
    this.index = index;
  }

  /**
   * The empty set.
   *
   * @return the shared empty set
   */
  public static ManifestSet empty() {
    return EMPTY;
  }

  /**
   * A set of the given manifests, in the given order.
   *
   * @param manifests the manifests
   * @return the set
   * @throws DuplicateResourceException if two share a key, naming both origins
   */
  public static ManifestSet of(Collection<Manifest> manifests) {
    Builder b = builder();
    manifests.forEach(b::add);
    return b.build();
  }

  /**
   * A set of the given manifests, in the given order.
   *
   * @param manifests the manifests
   * @return the set
   * @throws DuplicateResourceException if two share a key, naming both origins
   */
  public static ManifestSet of(Manifest... manifests) {
    return of(Arrays.asList(manifests));
  }

  /**
   * A builder that rejects duplicate keys as they are added.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The number of manifests.
   *
   * @return the size
   */
  public int size() {
    return manifests.length;
  }

  /**
   * Whether the set is empty.
   *
   * @return true when empty
   */
  public boolean isEmpty() {
    return manifests.length == 0;
  }

  /**
   * The manifest with a key.
   *
   * @param key the key
   * @return the manifest, or empty when absent
   */
  public Optional<Manifest> get(ResourceKey key) {
    Integer i = index.get(key);
    return i == null ? Optional.empty() : Optional.of(manifests[i]);
  }

  /**
   * Whether a manifest with the key is present.
   *
   * @param key the key
   * @return true when present
   */
  public boolean contains(ResourceKey key) {
    return index.containsKey(key);
  }

  /**
   * The manifests in order.
   *
   * @return an unmodifiable list
   */
  public List<Manifest> asList() {
    return Collections.unmodifiableList(Arrays.asList(manifests));
  }

  /**
   * The keys in order.
   *
   * @return an unmodifiable list
   */
  public List<ResourceKey> keys() {
    List<ResourceKey> keys = new ArrayList<>(manifests.length);
    for (Manifest m : manifests) {
      keys.add(m.key());
    }
    return Collections.unmodifiableList(keys);
  }

  /**
   * The manifests as a stream, in order.
   *
   * @return a sequential stream
   */
  public Stream<Manifest> stream() {
    return Arrays.stream(manifests);
  }

  @Override
  public Iterator<Manifest> iterator() {
    return asList().iterator();
  }

  /**
   * A copy in {@link ResourceKey} order.
   *
   * @return the sorted set
   */
  public ManifestSet sorted() {
    Manifest[] copy = manifests.clone();
    Arrays.sort(copy, (a, b) -> a.key().compareTo(b.key()));
    return of(Arrays.asList(copy));
  }

  /**
   * The manifests that match a predicate, in order.
   *
   * @param predicate the filter
   * @return the filtered set
   */
  public ManifestSet filter(Predicate<Manifest> predicate) {
    Builder b = builder();
    for (Manifest m : manifests) {
      if (predicate.test(m)) {
        b.add(m);
      }
    }
    return b.build();
  }

  /**
   * A copy with a manifest added at the end, or replacing the one with the same key in place.
   *
   * @param manifest the manifest
   * @return the new set
   */
  public ManifestSet with(Manifest manifest) {
    Integer i = index.get(manifest.key());
    if (i == null) {
      Builder b = builder();
      b.addAll(this);
      return b.add(manifest).build();
    }
    Manifest[] copy = manifests.clone();
    copy[i] = manifest;
    return new ManifestSet(copy, index);
  }

  /**
   * This set followed by another.
   *
   * @param other the manifests to append
   * @return the combined set
   * @throws DuplicateResourceException if a key occurs in both
   */
  public ManifestSet concat(ManifestSet other) {
    return builder().addAll(this).addAll(other).build();
  }

  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof ManifestSet s && Arrays.equals(manifests, s.manifests));
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(manifests);
  }

  /** The keys, e.g. {@code [apps/Deployment/dev/web, /Service/dev/web]}. */
  @Override
  public String toString() {
    return keys().toString();
  }

  /**
   * Collects manifests for a {@link ManifestSet}, rejecting a duplicate key as soon as it is
   * added. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {

    private final List<Manifest> manifests = new ArrayList<>();
    private final Map<ResourceKey, Integer> index = new HashMap<>();

    private Builder() {}

    /**
     * Adds a manifest.
     *
     * @param manifest the manifest
     * @return this builder
     * @throws DuplicateResourceException if the key was already added, naming both origins
     */
    public Builder add(Manifest manifest) {
      Objects.requireNonNull(manifest, "manifest");
      Integer previous = index.putIfAbsent(manifest.key(), manifests.size());
      if (previous != null) {
        throw new DuplicateResourceException(manifest.key(),
            manifests.get(previous).origin().orElse(null), manifest.origin().orElse(null));
      }
      manifests.add(manifest);
      return this;
    }

    /**
     * Adds every manifest of a set, in order.
     *
     * @param set the manifests
     * @return this builder
     * @throws DuplicateResourceException on a duplicate key
     */
    public Builder addAll(Iterable<Manifest> set) {
      set.forEach(this::add);
      return this;
    }

    /**
     * The number of manifests added.
     *
     * @return the count
     */
    public int size() {
      return manifests.size();
    }

    /**
     * Builds the set.
     *
     * @return the set
     */
    public ManifestSet build() {
      if (manifests.isEmpty()) {
        return EMPTY;
      }
      return new ManifestSet(manifests.toArray(new Manifest[0]), Map.copyOf(index));
    }
  }
}
