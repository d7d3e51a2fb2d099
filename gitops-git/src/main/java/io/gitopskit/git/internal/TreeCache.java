package io.gitopskit.git.internal;

import io.gitopskit.core.source.DirectoryOptions;
import io.gitopskit.core.source.FileTree;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Least-recently-used cache of trees read at a commit, bounded by their total bytes. A tree at
 * a commit never changes, so an entry is valid forever; it only leaves to make room. Thread-safe.
 * Not API.
 */
public final class TreeCache {

  /**
   * What a tree is cached under.
   *
   * @param repo the repository (URL without password)
   * @param commit the commit id
   * @param path the normalized application path
   * @param selection the directory options (a record: equal options, equal keys), or null for
   *     every file
   */
  public record Key(String repo, String commit, String path,
      @Nullable DirectoryOptions selection) {}

  private final long maxBytes;
  private final LinkedHashMap<Key, FileTree> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;
  private long hits;
  private long misses;

  /**
   * Creates the cache.
   *
   * @param maxBytes the total bytes kept; 0 disables caching
   */
  public TreeCache(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * A cached tree.
   *
   * @param key the key
   * @return the tree, or empty
   */
  public synchronized Optional<FileTree> get(Key key) {
    FileTree t = entries.get(key);
    if (t == null) {
      misses++;
    } else {
      hits++;
    }
    return Optional.ofNullable(t);
  }

  /**
   * Caches a tree, evicting the least recently used ones over the byte budget.
   *
   * @param key the key
   * @param tree the tree
   */
  public synchronized void put(Key key, FileTree tree) {
    long size = tree.totalSize();
    if (size > maxBytes) {
      return;
    }
    FileTree old = entries.put(key, tree);
    if (old != null) {
      bytes -= old.totalSize();
    }
    bytes += size;
    Iterator<Map.Entry<Key, FileTree>> it = entries.entrySet().iterator();
    while (bytes > maxBytes && it.hasNext()) {
      Map.Entry<Key, FileTree> e = it.next();
      bytes -= e.getValue().totalSize();
      it.remove();
    }
  }

  /**
   * Hits and misses so far.
   *
   * @return {hits, misses}
   */
  public synchronized long[] stats() {
    return new long[] {hits, misses};
  }
}
