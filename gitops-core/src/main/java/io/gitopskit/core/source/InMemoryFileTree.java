package io.gitopskit.core.source;

import java.util.List;
import java.util.SortedMap;

/** A file tree held in memory; the map is owned and never changed. */
final class InMemoryFileTree implements FileTree {

  private final SortedMap<String, byte[]> files;
  private final List<String> paths;

  InMemoryFileTree(SortedMap<String, byte[]> files) {
    this.files = files;
    this.paths = List.copyOf(files.keySet());
  }

  @Override
  public List<String> paths() {
    return paths;
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
    return files.containsKey(path);
  }

  private byte[] bytes(String path) {
    byte[] b = files.get(path);
    if (b == null) {
      throw new SourceException("no file \"" + path + "\" in the source tree");
    }
    return b;
  }

  @Override
  public String toString() {
    return "FileTree" + paths;
  }
}
