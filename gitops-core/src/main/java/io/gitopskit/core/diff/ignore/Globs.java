package io.gitopskit.core.diff.ignore;

import io.gitopskit.core.internal.Glob;
import java.util.LinkedHashMap;
import java.util.Map;

/** Glob matching with a bounded cache of compiled patterns; plain patterns compare directly. */
final class Globs {

  /** As Argo CD caps its compiled-glob cache. */
  private static final int MAX_CACHED = 10_000;

  private static final Map<String, Glob> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Glob> eldest) {
      return size() > MAX_CACHED;
    }
  };

  private Globs() {}

  static boolean matches(String pattern, String text) {
    if (isPlain(pattern)) {
      return pattern.equals(text);
    }
    Glob g;
    synchronized (CACHE) {
      g = CACHE.get(pattern);
    }
    if (g == null) {
      g = Glob.compile(pattern);
      synchronized (CACHE) {
        CACHE.put(pattern, g);
      }
    }
    return g.matches(text);
  }

  private static boolean isPlain(String pattern) {
    for (int i = 0; i < pattern.length(); i++) {
      if ("*?[{\\".indexOf(pattern.charAt(i)) >= 0) {
        return false;
      }
    }
    return true;
  }
}
