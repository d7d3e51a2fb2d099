package io.gitopskit.git.internal;

import io.gitopskit.git.GitException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Path rules inside a repository, the same as {@code LocalDirectorySource}'s: relative,
 * {@code /}-separated, {@code ..} never above the root; symlinks never absolute and never
 * walking above the root at any step (Argo CD's {@code CheckOutOfBoundsSymlinks}). Not API.
 */
public final class TreePaths {

  private TreePaths() {}

  /**
   * Normalizes a relative path.
   *
   * @param path the path
   * @return the normalized path, {@code ""} for the root
   * @throws GitException.UnsafeContent if the path is absolute, escapes the root, or holds a
   *     control character (NUL, newline...)
   */
  public static String normalize(String path) {
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new GitException.UnsafeContent("path contains a control character (U+"
            + String.format(java.util.Locale.ROOT, "%04X", (int) c) + ") at index " + i);
      }
    }
    String p = path.replace('\\', '/');
    if (p.startsWith("/") || (p.length() > 1 && p.charAt(1) == ':')) {
      throw new GitException.UnsafeContent("path must be relative: \"" + path + "\"");
    }
    Deque<String> parts = new ArrayDeque<>();
    for (String s : p.split("/")) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        if (parts.isEmpty()) {
          throw new GitException.UnsafeContent(
              "path escapes the repository root: \"" + path + "\"");
        }
        parts.removeLast();
      } else {
        parts.addLast(s);
      }
    }
    return String.join("/", parts);
  }

  /**
   * Where a symlink points, checked: absolute targets and targets that walk above the root at
   * any step are refused.
   *
   * @param linkPath the link's path from the repository root
   * @param target the link's target as stored
   * @return the target's path from the repository root
   * @throws GitException.UnsafeContent if the link is out of bounds
   */
  public static String resolveLink(String linkPath, String target) {
    String t = target.replace('\\', '/');
    if (t.startsWith("/") || (t.length() > 1 && t.charAt(1) == ':') || t.startsWith("~")) {
      throw new GitException.UnsafeContent(
          "out of bounds symlink \"" + linkPath + "\": absolute target");
    }
    String parent = parent(linkPath);
    int depth = parent.isEmpty() ? 0 : parent.split("/").length;
    for (String part : t.split("/")) {
      if (part.equals("..")) {
        depth--;
        if (depth < 0) {
          throw new GitException.UnsafeContent(
              "out of bounds symlink \"" + linkPath + "\": target leaves the repository root");
        }
      } else if (!part.isEmpty() && !part.equals(".")) {
        depth++;
      }
    }
    return normalize(parent.isEmpty() ? t : parent + "/" + t);
  }

  /**
   * The parent directory of a path.
   *
   * @param path a normalized path
   * @return its parent, {@code ""} for a top-level entry
   */
  public static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /**
   * Joins a directory and a name.
   *
   * @param dir a directory path, {@code ""} for the root
   * @param name an entry name
   * @return the joined path
   */
  public static String join(String dir, String name) {
    return dir.isEmpty() ? name : dir + "/" + name;
  }
}
