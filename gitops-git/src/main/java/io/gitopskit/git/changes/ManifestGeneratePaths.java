package io.gitopskit.git.changes;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

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
    for (String f : changedFiles) {
      String file = clean(f);
      for (String item : refresh) {
        if (item.isEmpty() || file.equals(item) || file.startsWith(item + "/")
            || glob(item).matcher(file).matches()) {
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

  /** Go's filepath.Match: {@code *} and {@code ?} never match {@code /}. */
  static Pattern glob(String pattern) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        re.append("[^/]*");
      } else if (c == '?') {
        re.append("[^/]");
      } else if (c == '[') {
        int end = pattern.indexOf(']', i + 1);
        if (end < 0) {
          re.append("\\[");
          continue;
        }
        String body = pattern.substring(i + 1, end);
        if (body.startsWith("^")) {
          body = "^" + body.substring(1).replace("\\", "\\\\").replace("[", "\\[");
        } else {
          body = body.replace("\\", "\\\\").replace("[", "\\[");
        }
        re.append('[').append(body).append(']');
        i = end;
      } else if (c == '\\' && i + 1 < pattern.length()) {
        re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }
}
