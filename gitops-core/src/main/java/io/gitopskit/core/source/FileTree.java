package io.gitopskit.core.source;

import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of files: relative {@code /}-separated paths to contents.
 *
 * <p>A tree never changes after it is created; reading a path twice gives the same bytes. Paths
 * are listed in sorted order and never contain {@code .} or {@code ..} segments or a leading
 * {@code /}.
 *
 * @since 0.1
 */
public interface FileTree {

  /**
   * The file paths in sorted order (directories are implied, not listed).
   *
   * @return an unmodifiable sorted list
   */
  List<String> paths();

  /**
   * Reads a file.
   *
   * @param path a path from {@link #paths()}
   * @return a fresh copy of the file's bytes
   * @throws SourceException if the path is not in the tree
   */
  byte[] read(String path);

  /**
   * The size of a file in bytes.
   *
   * @param path a path from {@link #paths()}
   * @return the size
   * @throws SourceException if the path is not in the tree
   */
  long size(String path);

  /**
   * Whether a file is in the tree.
   *
   * @param path a relative path
   * @return true when present
   */
  default boolean contains(String path) {
    return paths().contains(path);
  }

  /**
   * The total size of all files in bytes.
   *
   * @return the sum of the file sizes
   */
  default long totalSize() {
    long total = 0;
    for (String p : paths()) {
      total += size(p);
    }
    return total;
  }

  /**
   * The files under a directory, with paths relative to it.
   *
   * @param directory a relative directory path; {@code ""} or {@code "."} for the whole tree
   * @return the sub-tree (empty when nothing is under the directory)
   * @throws IllegalArgumentException if the directory is absolute or escapes with {@code ..}
   */
  default FileTree subtree(String directory) {
    String dir = Paths.normalize(directory);
    if (dir.isEmpty()) {
      return this;
    }
    String prefix = dir + "/";
    java.util.TreeMap<String, byte[]> files = new java.util.TreeMap<>();
    for (String p : paths()) {
      if (p.startsWith(prefix)) {
        files.put(p.substring(prefix.length()), read(p));
      }
    }
    return new InMemoryFileTree(files);
  }

  /**
   * A tree of the given files; contents are copied.
   *
   * @param files relative paths to contents
   * @return the tree
   * @throws IllegalArgumentException if a path is absolute, empty or escapes with {@code ..}
   */
  static FileTree of(Map<String, byte[]> files) {
    java.util.TreeMap<String, byte[]> copy = new java.util.TreeMap<>();
    files.forEach((path, bytes) -> {
      String p = Paths.normalize(path);
      if (p.isEmpty()) {
        throw new IllegalArgumentException("file path must not be empty");
      }
      copy.put(p, bytes.clone());
    });
    return new InMemoryFileTree(copy);
  }

  /**
   * A tree of text files encoded as UTF-8.
   *
   * @param files relative paths to text
   * @return the tree
   */
  static FileTree ofStrings(Map<String, String> files) {
    java.util.TreeMap<String, byte[]> bytes = new java.util.TreeMap<>();
    files.forEach((p, s) -> bytes.put(p, s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    return of(bytes);
  }

  /**
   * The empty tree.
   *
   * @return a tree without files
   */
  static FileTree empty() {
    return new InMemoryFileTree(new java.util.TreeMap<>());
  }
}
