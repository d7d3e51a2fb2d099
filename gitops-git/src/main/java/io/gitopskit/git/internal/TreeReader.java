package io.gitopskit.git.internal;

import io.gitopskit.core.source.DirectoryOptions;
import io.gitopskit.core.source.FileTree;
import io.gitopskit.core.source.SourceException;
import io.gitopskit.git.GitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.jspecify.annotations.Nullable;

/**
 * Reads the files under a directory of a commit straight from the object database, following
 * symlinks that stay inside the repository and refusing the others (absolute targets, targets
 * that walk above the root, cycles), with a cap on the total bytes read.
 *
 * <p>Only what the application reaches is checked: a symlink elsewhere in the repository is
 * never followed, so it cannot leak anything (there is no checkout on disk to escape from).
 * Submodules (gitlinks) are skipped. One instance reads one tree; not thread-safe. Not API.
 */
public final class TreeReader implements AutoCloseable {

  private static final int MAX_FILES = 100_000;
  /**
   * Entries (files, directories, links, submodules) walked for one read, counting every path
   * that directory links lead to: a fan-out of links to links is cut off here, even when it
   * reaches no file at all.
   */
  private static final int MAX_ENTRIES = 10 * MAX_FILES;
  private static final int MAX_LINK_HOPS = 40;

  private final ObjectReader reader;
  private final String displayUrl;
  private final Map<ObjectId, Entry[]> trees = new HashMap<>();
  private int walked;

  /** One entry of a tree. */
  private record Entry(String name, int mode, ObjectId id) {}

  /** A path resolved through symlinks. */
  private record Node(String path, int mode, ObjectId id) {}

  /**
   * Creates a reader.
   *
   * @param repo the repository
   * @param displayUrl the repository URL for messages (no password)
   */
  public TreeReader(Repository repo, String displayUrl) {
    this.reader = repo.newObjectReader();
    this.displayUrl = displayUrl;
  }

  /**
   * Reads the files under a path of a commit.
   *
   * @param commit the commit id
   * @param path the application directory, relative to the repository root
   * @param options which files to read, or null for every file under the path
   * @param maxBytes the cap on the total bytes
   * @return the files, relative to the path
   * @throws GitException.UnsafeContent for an escaping path or an out-of-bounds symlink
   * @throws GitException.SizeLimitExceeded over the cap
   * @throws SourceException if the path is not a directory of the commit
   */
  public FileTree read(String commit, String path, @Nullable DirectoryOptions options,
      long maxBytes) {
    try {
      String appPath = TreePaths.normalize(path);
      ObjectId root = rootTree(commit);
      Node dir = resolve(root, appPath, 0);
      if (dir == null || dir.mode != FileMode.TYPE_TREE) {
        throw new SourceException("failed to read \"" + (appPath.isEmpty() ? "." : appPath)
            + "\" of " + displayUrl + " at " + commit + ": "
            + (dir == null ? "no such directory" : "not a directory"));
      }
      Map<String, ObjectId> files = new HashMap<>();
      collect(root, dir.id, dir.path, "", files, new HashSet<>());
      String[] paths = files.keySet().toArray(new String[0]);
      Arrays.sort(paths);
      if (options != null) {
        List<String> selected = options.select(new Listing(paths, files));
        paths = selected.toArray(new String[0]);
      }
      byte[][] contents = new byte[paths.length][];
      long total = 0;
      for (int i = 0; i < paths.length; i++) {
        ObjectLoader loader = reader.open(files.get(paths[i]), Constants.OBJ_BLOB);
        long size = loader.getSize();
        if (total + size > maxBytes) {
          throw new GitException.SizeLimitExceeded("source exceeds the size cap of " + maxBytes
              + " bytes at \"" + paths[i] + "\" (" + displayUrl + " at " + commit + ")");
        }
        total += size;
        contents[i] = loader.getCachedBytes(Integer.MAX_VALUE);
      }
      return new GitFileTree(paths, contents);
    } catch (IOException e) {
      throw new GitException.Unreachable("failed to read " + displayUrl + " at " + commit
          + ": " + e.getMessage(), e);
    }
  }

  /**
   * The root tree of a commit.
   *
   * @param commit a commit id
   * @return its tree id
   * @throws IOException if the commit cannot be read
   */
  ObjectId rootTree(String commit) throws IOException {
    try (RevWalk walk = new RevWalk(reader)) {
      RevCommit c = walk.parseCommit(ObjectId.fromString(commit));
      return c.getTree().getId();
    } catch (MissingObjectException e) {
      throw new GitException.RevisionNotFound(
          "failed to read " + displayUrl + ": no commit " + commit);
    }
  }

  private void collect(ObjectId root, ObjectId tree, String canonicalDir, String relDir,
      Map<String, ObjectId> out, Set<String> visiting) throws IOException {
    if (!visiting.add(canonicalDir)) {
      throw new GitException.UnsafeContent("symlink cycle at \""
          + (relDir.isEmpty() ? "." : relDir) + "\"");
    }
    for (Entry e : entries(tree)) {
      if (++walked > MAX_ENTRIES) {
        throw new GitException.SizeLimitExceeded("source has more than " + MAX_ENTRIES
            + " entries (files, directories and links, counted along every link)");
      }
      String rel = TreePaths.join(relDir, e.name);
      String canonical = TreePaths.join(canonicalDir, e.name);
      int type = e.mode & FileMode.TYPE_MASK;
      Node node;
      if (type == FileMode.TYPE_SYMLINK) {
        String target = TreePaths.resolveLink(canonical, linkTarget(e.id));
        node = resolve(root, target, 1);
        if (node == null) {
          throw new GitException.UnsafeContent(
              "symlink \"" + canonical + "\" points to a missing file");
        }
      } else {
        node = new Node(canonical, type, e.id);
      }
      if (node.mode == FileMode.TYPE_TREE) {
        collect(root, node.id, node.path, rel, out, visiting);
      } else if (node.mode == FileMode.TYPE_FILE) {
        if (out.size() >= MAX_FILES) {
          throw new GitException.SizeLimitExceeded("source has more than " + MAX_FILES
              + " files");
        }
        out.put(rel, node.id);
      }
      // gitlinks (submodules) are not part of the repository's content: skipped
    }
    visiting.remove(canonicalDir);
  }

  /** Resolves a path from the root, following symlinks on the way; null when missing. */
  private @Nullable Node resolve(ObjectId root, String path, int hops) throws IOException {
    if (hops > MAX_LINK_HOPS) {
      throw new GitException.UnsafeContent("too many levels of symlinks at \"" + path + "\"");
    }
    if (path.isEmpty()) {
      return new Node("", FileMode.TYPE_TREE, root);
    }
    String[] parts = path.split("/");
    ObjectId current = root;
    String currentPath = "";
    for (int i = 0; i < parts.length; i++) {
      Entry found = null;
      for (Entry e : entries(current)) {
        if (e.name.equals(parts[i])) {
          found = e;
          break;
        }
      }
      if (found == null) {
        return null;
      }
      String here = TreePaths.join(currentPath, found.name);
      int type = found.mode & FileMode.TYPE_MASK;
      Node node;
      if (type == FileMode.TYPE_SYMLINK) {
        String target = TreePaths.resolveLink(here, linkTarget(found.id));
        node = resolve(root, target, hops + 1);
        if (node == null) {
          return null;
        }
      } else {
        node = new Node(here, type, found.id);
      }
      if (i == parts.length - 1) {
        return node;
      }
      if (node.mode != FileMode.TYPE_TREE) {
        return null;
      }
      current = node.id;
      currentPath = node.path;
    }
    return null;
  }

  private String linkTarget(ObjectId blob) throws IOException {
    ObjectLoader l = reader.open(blob, Constants.OBJ_BLOB);
    if (l.getSize() > 4096) {
      throw new GitException.UnsafeContent("symlink target longer than 4096 bytes");
    }
    return new String(l.getCachedBytes(), StandardCharsets.UTF_8);
  }

  private Entry[] entries(ObjectId tree) throws IOException {
    Entry[] cached = trees.get(tree);
    if (cached != null) {
      return cached;
    }
    List<Entry> list = new ArrayList<>();
    CanonicalTreeParser p = new CanonicalTreeParser(null, reader, tree);
    while (!p.eof()) {
      list.add(new Entry(p.getEntryPathString(), p.getEntryRawMode(), p.getEntryObjectId()));
      p.next();
    }
    Entry[] arr = list.toArray(new Entry[0]);
    trees.put(tree, arr);
    return arr;
  }

  @Override
  public void close() {
    reader.close();
  }

  /** The listed files for {@link DirectoryOptions#select}; contents read on demand. */
  private final class Listing implements FileTree {
    private final List<String> paths;
    private final Map<String, ObjectId> ids;

    Listing(String[] paths, Map<String, ObjectId> ids) {
      this.paths = List.of(paths);
      this.ids = ids;
    }

    @Override
    public List<String> paths() {
      return paths;
    }

    @Override
    public byte[] read(String path) {
      try {
        return reader.open(id(path), Constants.OBJ_BLOB).getBytes();
      } catch (IOException e) {
        throw new SourceException("failed to read \"" + path + "\"", e);
      }
    }

    @Override
    public long size(String path) {
      try {
        return reader.getObjectSize(id(path), Constants.OBJ_BLOB);
      } catch (IOException e) {
        throw new SourceException("failed to read \"" + path + "\"", e);
      }
    }

    private ObjectId id(String path) {
      ObjectId id = ids.get(path);
      if (id == null) {
        throw new SourceException("no file \"" + path + "\" in the source tree");
      }
      return id;
    }
  }
}
