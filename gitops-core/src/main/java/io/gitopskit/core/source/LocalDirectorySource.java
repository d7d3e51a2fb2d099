package io.gitopskit.core.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A {@link ManifestSource} over a directory of the local file system, read into an immutable
 * in-memory snapshot.
 *
 * <p>{@link SourceRef#repoUrl()} is the root directory (a path or {@code file:} URL) and {@link
 * SourceRef#path()} the application directory inside it. A local directory has no history, so
 * the only revision is {@code HEAD} (or empty) and the reported revision is a SHA-256 digest of
 * the snapshot's paths and contents: equal contents, equal revision.
 *
 * <p>Safety, following Argo CD's fixes for CVE-2022-24904 and CVE-2022-24348: symlinks inside
 * the root are followed; absolute symlinks and relative ones whose target walks above the root
 * at any step are refused; an application path that is absolute or escapes with {@code ..} is
 * refused; the snapshot is capped in total bytes (10 MiB by default, Argo CD's cap for a
 * directory application). Every refusal is a {@link SourceException}; nothing partial is
 * returned.
 *
 * @since 0.1
 */
public final class LocalDirectorySource implements ManifestSource {

  /** Argo CD's default cap on the combined size of a directory application: 10 MiB. */
  public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;

  private static final int MAX_FILES = 100_000;

  private final long maxBytes;

  private LocalDirectorySource(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * A source with the default 10 MiB cap.
   *
   * @return the source
   */
  public static LocalDirectorySource create() {
    return new LocalDirectorySource(DEFAULT_MAX_BYTES);
  }

  /**
   * A source with a custom cap on the total bytes of one snapshot.
   *
   * @param maxBytes the cap, positive
   * @return the source
   * @throws IllegalArgumentException if the cap is not positive
   */
  public static LocalDirectorySource withMaxBytes(long maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
    }
    return new LocalDirectorySource(maxBytes);
  }

  @Override
  public ResolvedSource resolve(SourceRef ref) {
    String rev = ref.targetRevision();
    if (!rev.isEmpty() && !rev.equals("HEAD")) {
      throw new SourceException("failed to resolve " + ref.repoUrl() + " at \"" + rev
          + "\": a local directory has no history; use HEAD");
    }
    Path root = rootOf(ref.repoUrl());
    String appPath;
    try {
      appPath = Paths.normalize(ref.path());
    } catch (IllegalArgumentException e) {
      throw new SourceException("failed to resolve " + ref.repoUrl() + ": " + e.getMessage());
    }
    Path realRoot;
    try {
      realRoot = root.toRealPath();
    } catch (IOException e) {
      throw new SourceException("failed to read " + root + ": no such directory", e);
    }
    Path dir = realRoot.resolve(appPath);
    checkInside(realRoot, realRoot, appPath.isEmpty() ? "." : appPath);
    if (!Files.isDirectory(dir)) {
      throw new SourceException(
          "failed to read \"" + (appPath.isEmpty() ? "." : appPath) + "\" in " + root
              + ": not a directory");
    }
    TreeMap<String, byte[]> files = new TreeMap<>();
    long[] total = {0};
    walk(realRoot, dir, "", files, total, new HashSet<>());
    return new ResolvedSource(ref, digest(files), new InMemoryFileTree(files));
  }

  private static Path rootOf(String repoUrl) {
    String s = repoUrl.startsWith("file://") ? repoUrl.substring("file://".length())
        : repoUrl.startsWith("file:") ? repoUrl.substring("file:".length()) : repoUrl;
    return Path.of(s);
  }

  private void walk(Path realRoot, Path dir, String prefix, Map<String, byte[]> files,
      long[] total, Set<Path> visiting) {
    Path realDir;
    try {
      realDir = dir.toRealPath();
    } catch (IOException e) {
      throw new SourceException("failed to read directory \"" + prefix + "\"", e);
    }
    if (!visiting.add(realDir)) {
      throw new SourceException("symlink cycle at \"" + prefix + "\"");
    }
    List<Path> entries = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.forEach(entries::add);
    } catch (IOException e) {
      throw new SourceException("failed to list directory \"" + prefix + "\"", e);
    }
    entries.sort(null);
    for (Path entry : entries) {
      String name = entry.getFileName().toString();
      String rel = prefix.isEmpty() ? name : prefix + "/" + name;
      if (name.equals(".git")) {
        continue;
      }
      if (Files.isSymbolicLink(entry)) {
        checkSymlink(realRoot, entry, rel);
      }
      if (Files.isDirectory(entry)) {
        walk(realRoot, entry, rel, files, total, visiting);
      } else if (Files.isRegularFile(entry)) {
        if (files.size() >= MAX_FILES) {
          throw new SourceException("source has more than " + MAX_FILES + " files");
        }
        files.put(rel, readCapped(entry, rel, total));
      } else if (Files.isSymbolicLink(entry)) {
        throw new SourceException("symlink \"" + rel + "\" points to a missing file");
      }
    }
    visiting.remove(realDir);
  }

  private byte[] readCapped(Path file, String rel, long[] total) {
    try (InputStream in = Files.newInputStream(file)) {
      long remaining = maxBytes - total[0];
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, remaining + 1));
      if (bytes.length > remaining) {
        throw new SourceException("source exceeds the size cap of " + maxBytes
            + " bytes at \"" + rel + "\"");
      }
      total[0] += bytes.length;
      return bytes;
    } catch (IOException e) {
      throw new SourceException("failed to read \"" + rel + "\"", e);
    }
  }

  /** Refuses absolute links and relative links whose target walks above the root at any step. */
  private static void checkSymlink(Path realRoot, Path link, String rel) {
    Path target;
    try {
      target = Files.readSymbolicLink(link);
    } catch (IOException e) {
      throw new SourceException("failed to read symlink \"" + rel + "\"", e);
    }
    if (target.isAbsolute()) {
      throw new SourceException("out of bounds symlink \"" + rel + "\": absolute target");
    }
    int depth;
    try {
      Path parent = link.toAbsolutePath().getParent().toRealPath();
      depth = parent.equals(realRoot) ? 0 : realRoot.relativize(parent).getNameCount();
    } catch (IOException e) {
      throw new SourceException("failed to resolve symlink \"" + rel + "\"", e);
    }
    for (Path part : target) {
      String s = part.toString();
      if (s.equals("..")) {
        depth--;
        if (depth < 0) {
          throw new SourceException(
              "out of bounds symlink \"" + rel + "\": target leaves the source root");
        }
      } else if (!s.equals(".") && !s.isEmpty()) {
        depth++;
      }
    }
    try {
      Path real = link.toRealPath();
      if (!real.startsWith(realRoot)) {
        throw new SourceException(
            "out of bounds symlink \"" + rel + "\": target leaves the source root");
      }
    } catch (IOException e) {
      if (Files.exists(link, LinkOption.NOFOLLOW_LINKS) && !Files.exists(link)) {
        return; // dangling link inside the root: reported by the caller when reached as a file
      }
      throw new SourceException("failed to resolve symlink \"" + rel + "\"", e);
    }
  }

  private static void checkInside(Path realRoot, Path base, String rel) {
    try {
      Path real = base.resolve(rel).toRealPath();
      if (!real.startsWith(realRoot)) {
        throw new SourceException("path \"" + rel + "\" resolves outside the source root");
      }
    } catch (IOException e) {
      throw new SourceException("failed to read \"" + rel + "\": no such directory", e);
    }
  }

  private static String digest(Map<String, byte[]> files) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(Long.toString(e.getValue().length).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(e.getValue());
      }
      return "sha256:" + HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
