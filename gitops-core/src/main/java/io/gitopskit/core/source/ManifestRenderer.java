package io.gitopskit.core.source;

import io.gitopskit.core.model.ManifestSet;

/**
 * Turns a file tree into manifests: plain YAML/JSON, Helm charts, and whatever else plugs in.
 *
 * <p>A renderer reads only the tree it is given, never the file system or the network beyond
 * what it documents, and returns everything or fails: one bad file fails the whole render.
 * Implementations must be thread-safe.
 *
 * @since 0.1
 */
public interface ManifestRenderer {

  /**
   * Renders manifests.
   *
   * @param files the application's files
   * @param parameters renderer-specific parameters
   * @return the manifests, in a deterministic order
   * @throws io.gitopskit.core.GitOpsException (a subclass) if any file cannot be rendered
   */
  ManifestSet render(FileTree files, RenderParameters parameters);
}
