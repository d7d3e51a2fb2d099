package io.gitopskit.core.app;

import java.util.List;

/**
 * {@code directory.jsonnet}: kept so that Argo CD definitions load and write back unchanged;
 * GitOpsKit does not evaluate Jsonnet (a selected {@code .jsonnet} file is refused when
 * rendering).
 *
 * @param extVars external variables
 * @param tlas top-level arguments
 * @param libs library search paths
 * @since 0.1
 */
public record SourceJsonnet(List<JsonnetVar> extVars, List<JsonnetVar> tlas,
    List<String> libs) {

  /** Copies. */
  public SourceJsonnet {
    extVars = List.copyOf(extVars);
    tlas = List.copyOf(tlas);
    libs = List.copyOf(libs);
  }
}
