package io.gitopskit.core.model;

import io.gitopskit.core.GitOpsException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when two manifests of one set have the same {@link ResourceKey}; the message names
 * the key and both origins.
 *
 * @since 0.1
 */
public final class DuplicateResourceException extends GitOpsException {

  private static final long serialVersionUID = 1L;

  private final ResourceKey key;
  private final transient @Nullable SourceLocation first;
  private final transient @Nullable SourceLocation second;

  /**
   * Creates the exception.
   *
   * @param key the duplicated key
   * @param first where the first manifest came from, or null
   * @param second where the second manifest came from, or null
   */
  public DuplicateResourceException(ResourceKey key, @Nullable SourceLocation first,
      @Nullable SourceLocation second) {
    super("duplicate resource " + key + ": defined at " + describe(first) + " and again at "
        + describe(second));
    this.key = key;
    this.first = first;
    this.second = second;
  }

  private static String describe(@Nullable SourceLocation location) {
    return location == null ? "<unknown origin>" : location.toString();
  }

  /**
   * The duplicated key.
   *
   * @return the key
   */
  public ResourceKey key() {
    return key;
  }

  /**
   * Where the first definition came from.
   *
   * @return the location, if known
   */
  public Optional<SourceLocation> first() {
    return Optional.ofNullable(first);
  }

  /**
   * Where the second definition came from.
   *
   * @return the location, if known
   */
  public Optional<SourceLocation> second() {
    return Optional.ofNullable(second);
  }
}
