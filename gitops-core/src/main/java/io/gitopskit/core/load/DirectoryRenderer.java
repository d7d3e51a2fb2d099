package io.gitopskit.core.load;

import io.gitopskit.core.model.ManifestSet;
import io.gitopskit.core.source.DirectoryOptions;
import io.gitopskit.core.source.FileTree;
import io.gitopskit.core.source.ManifestRenderer;
import io.gitopskit.core.source.RenderParameters;
import java.util.Objects;

/**
 * The plain YAML/JSON {@link ManifestRenderer}: a directory of manifests, read with Argo CD's
 * directory-source rules ({@link DirectoryOptions}) by a {@link ManifestLoader}.
 *
 * <p>Parameters, each optional, override the configured options per render:
 * {@code directory.recurse} ({@code true}/{@code false}), {@code directory.include} and
 * {@code directory.exclude} (globs). Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class DirectoryRenderer implements ManifestRenderer {

  /** Parameter: read sub-directories too. */
  public static final String RECURSE = "directory.recurse";

  /** Parameter: glob of files to read. */
  public static final String INCLUDE = "directory.include";

  /** Parameter: glob of files to skip. */
  public static final String EXCLUDE = "directory.exclude";

  private final ManifestLoader loader;
  private final DirectoryOptions options;

  private DirectoryRenderer(ManifestLoader loader, DirectoryOptions options) {
    this.loader = loader;
    this.options = options;
  }

  /**
   * A renderer with default options and limits.
   *
   * @return the renderer
   */
  public static DirectoryRenderer create() {
    return new DirectoryRenderer(ManifestLoader.defaults(), DirectoryOptions.defaults());
  }

  /**
   * A renderer with the given loader and options.
   *
   * @param loader the loader (and so the limits)
   * @param options the directory options
   * @return the renderer
   */
  public static DirectoryRenderer of(ManifestLoader loader, DirectoryOptions options) {
    return new DirectoryRenderer(Objects.requireNonNull(loader, "loader"),
        Objects.requireNonNull(options, "options"));
  }

  @Override
  public ManifestSet render(FileTree files, RenderParameters parameters) {
    DirectoryOptions effective = options;
    if (parameters.get(RECURSE).isPresent()) {
      String recurse = parameters.get(RECURSE).get();
      if (!recurse.equals("true") && !recurse.equals("false")) {
        throw new IllegalArgumentException(RECURSE + " must be true or false");
      }
      effective = effective.withRecurse(Boolean.parseBoolean(recurse));
    }
    effective = parameters.get(INCLUDE).map(effective::withInclude).orElse(effective);
    effective = parameters.get(EXCLUDE).map(effective::withExclude).orElse(effective);
    return loader.load(files, effective);
  }
}
