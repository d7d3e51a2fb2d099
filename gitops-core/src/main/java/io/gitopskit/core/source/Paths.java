package io.gitopskit.core.source;

import java.util.ArrayDeque;
import java.util.Deque;

/** Relative path normalization that refuses to leave the root. */
final class Paths {

  private Paths() {}

  /**
   * Normalizes a relative path: {@code /} separators, no {@code .} segments, {@code ..} resolved.
   *
   * @return the normalized path, {@code ""} for the root
   * @throws IllegalArgumentException if the path is absolute or escapes the root
   */
  static String normalize(String path) {
    String p = path.replace('\\', '/');
    if (p.startsWith("/") || (p.length() > 1 && p.charAt(1) == ':')) {
      throw new IllegalArgumentException("path must be relative: \"" + path + "\"");
    }
    Deque<String> parts = new ArrayDeque<>();
    for (String s : p.split("/")) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        if (parts.isEmpty()) {
          throw new IllegalArgumentException("path escapes the source root: \"" + path + "\"");
        }
        parts.removeLast();
      } else {
        parts.addLast(s);
      }
    }
    return String.join("/", parts);
  }
}
