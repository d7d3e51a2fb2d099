package io.gitopskit.git.changes;

import io.gitopskit.core.internal.Glob;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Argo CD's {@code manifest-generate-paths} semantics: which applications a set of changed files
 * affects, so a platform re-renders only those.
 *
 * <ul>
 *   <li>the annotation holds paths separated by {@code ;}; a path starting with {@code /} is
 *       from the repository root, any other is relative to each source's {@code path}
 *       ({@code .} is the source directory itself);
 *   <li>a changed file affects the application when it equals a refresh path, lies under it,
 *       or matches it as a glob ({@code *}, {@code ?}, {@code [...]} within one segment, as Go's
 *       {@code filepath.Match});
 *   <li>an application without the annotation (or with an empty one) is affected by every
 *       change, as in Argo CD.
 * </ul>
 *
 * @since 0.1
 */
public final class ManifestGeneratePaths {

  /** The annotation's name. */
  public static final String ANNOTATION = "argocd.argoproj.io/manifest-generate-paths";


  private ManifestGeneratePaths() {}

  /**
   * The refresh paths of an application, from the repository root, without a leading {@code /}.
   *
   * @param app the application
   * @return the paths; empty means "refresh on any change"
   */
  public static List<String> refreshPaths(WatchedApp app) {
    List<String> paths = new ArrayList<>();
    for (String raw : app.manifestGeneratePaths().split(";")) {
      String item = raw.trim();
      if (item.isEmpty()) {
        continue;
      }
      if (item.startsWith("/")) {
        paths.add(clean(item));
      } else {
        for (String source : app.sourcePaths()) {
          paths.add(clean(source + "/" + item));
        }
      }
    }
    return List.copyOf(paths);
  }

  /**
   * Whether changed files affect an application.
   *
   * @param app the application
   * @param changedFiles paths from the repository root
   * @return true when the application must be re-rendered
   */
  public static boolean affects(WatchedApp app, Collection<String> changedFiles) {
    List<String> refresh = refreshPaths(app);
    if (refresh.isEmpty()) {
      return true;
    }
    List<@Nullable Glob> globs = new ArrayList<>();
    for (String item : refresh) {
      globs.add(glob(item));
    }
    for (String f : changedFiles) {
      String file = clean(f);
      for (int i = 0; i < refresh.size(); i++) {
        String item = refresh.get(i);
        Glob g = globs.get(i);
        if (item.isEmpty() || file.equals(item) || file.startsWith(item + "/")
            || g != null && g.matches(file)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The applications a change set affects.
   *
   * @param apps the applications that use the repository
   * @param changes the change set
   * @return the affected applications' names, sorted
   */
  public static List<String> affectedApps(Collection<WatchedApp> apps, ChangeSet changes) {
    TreeSet<String> names = new TreeSet<>();
    if (changes.isEmpty()) {
      return List.of();
    }
    for (WatchedApp app : apps) {
      if (affects(app, changes.paths())) {
        names.add(app.name());
      }
    }
    return List.copyOf(names);
  }

  /** Go's filepath.Clean for slash paths, relative to the root (no leading slash). */
  static String clean(String path) {
    Deque<String> parts = new ArrayDeque<>();
    for (String s : path.split("/")) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        if (!parts.isEmpty()) {
          parts.removeLast();
        }
      } else {
        parts.addLast(s);
      }
    }
    return String.join("/", parts);
  }

  /**
   * Go's {@code filepath.Match} as a {@link Glob}, simulated rather than backtracked (the
   * annotation is written by application authors), or null for a malformed pattern, which Go
   * reports as an error and Argo CD counts as no match. {@code *} and {@code ?} never match
   * {@code /}. The same dialect (and code) as core's project resource rules.
   */
  static @Nullable Glob glob(String pattern) {
    try {
      return Glob.filepathMatch(pattern);
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }
}
