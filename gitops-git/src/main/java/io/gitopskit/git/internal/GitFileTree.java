package io.gitopskit.git.internal;

import io.gitopskit.core.source.FileTree;
import io.gitopskit.core.source.SourceException;
import java.util.Arrays;
import java.util.List;

/**
 * A file tree read from a commit: sorted paths and their bytes, owned and never changed. Not
 * API.
 */
public final class GitFileTree implements FileTree {

  private final String[] paths;
  private final byte[][] contents;
  private final List<String> pathList;
  private final long totalSize;

  /**
   * Creates the tree.
   *
   * @param paths sorted, unique paths (owned)
   * @param contents the bytes of each path (owned)
   */
  GitFileTree(String[] paths, byte[][] contents) {
    this.paths = paths;
    this.contents = contents;
    this.pathList = List.of(paths);
    long t = 0;
    for (byte[] c : contents) {
      t += c.length;
    }
    this.totalSize = t;
  }

  @Override
  public List<String> paths() {
    return pathList;
  }

  @Override
  public byte[] read(String path) {
    return bytes(path).clone();
  }

  @Override
  public long size(String path) {
    return bytes(path).length;
  }

  @Override
  public boolean contains(String path) {
    return Arrays.binarySearch(paths, path) >= 0;
  }

  @Override
  public long totalSize() {
    return totalSize;
  }

  private byte[] bytes(String path) {
    int i = Arrays.binarySearch(paths, path);
    if (i < 0) {
      throw new SourceException("no file \"" + path + "\" in the source tree");
    }
    return contents[i];
  }

  @Override
  public String toString() {
    return "GitFileTree" + pathList;
  }
}
