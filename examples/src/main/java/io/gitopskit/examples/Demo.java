package io.gitopskit.examples;

import io.gitopskit.core.GitOpsException;
import io.gitopskit.core.load.DirectoryRenderer;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ManifestSet;
import io.gitopskit.core.source.LocalDirectorySource;
import io.gitopskit.core.source.RenderParameters;
import io.gitopskit.core.source.ResolvedSource;
import io.gitopskit.core.source.SourceRef;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The GitOpsKit demo: resolves a local directory source, renders it with the plain directory
 * renderer (recursing into sub-directories, as Argo CD's {@code directory.recurse}), and prints
 * the resources it found, sorted by key, with where each came from.
 *
 * <p>Run it with {@code ./mvnw -B -q -Pdemo -DskipTests -pl examples -am verify}, or pass
 * another directory: {@code -Ddemo.args=/path/to/manifests}.
 */
public final class Demo {

  private Demo() {}

  /**
   * Entry point.
   *
   * @param args the manifest directory (default {@code demo/manifests})
   */
  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : "demo/manifests");
    try {
      run(dir, System.out);
    } catch (GitOpsException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(1);
    }
  }

  /**
   * Loads a directory and prints its resources.
   *
   * @param dir the directory
   * @param out where to print
   * @return the manifests loaded
   */
  public static ManifestSet run(Path dir, PrintStream out) {
    ResolvedSource source = LocalDirectorySource.create()
        .resolve(SourceRef.of(dir.toAbsolutePath().toString(), ""));
    ManifestSet manifests = DirectoryRenderer.create()
        .render(source.files(), RenderParameters.of(Map.of(DirectoryRenderer.RECURSE, "true")));
    out.printf(Locale.ROOT, "source %s at revision %s%n", dir, source.revision());
    out.printf(Locale.ROOT, "%d files, %d resources%n", source.files().paths().size(),
        manifests.size());
    List<Manifest> sorted = manifests.sorted().asList();
    for (Manifest m : sorted) {
      out.printf(Locale.ROOT, "  %-55s %-36s hash %016x%n", m.key(),
          m.origin().map(Object::toString).orElse("?"), m.contentHash());
    }
    return manifests;
  }
}
