package io.gitopskit.git.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link Mirror} per repository URL (passwords removed), under a cache directory: every
 * application that uses a repository shares its mirror and its fetches. Not API.
 */
public final class MirrorCache implements AutoCloseable {

  private final Path dir;
  private final Map<String, Mirror> mirrors = new ConcurrentHashMap<>();

  /**
   * Creates the cache.
   *
   * @param dir the directory holding one bare repository per URL
   */
  public MirrorCache(Path dir) {
    this.dir = dir;
  }

  /**
   * The mirror of a repository, created empty on first use. The mirror keeps only the URL's
   * credential-free key; callers pass their URL to each fetch.
   *
   * @param url the repository URL (credentials in it are not kept)
   * @return the mirror
   */
  public Mirror get(String url) {
    return mirrors.computeIfAbsent(Redaction.cacheKey(url),
        key -> new Mirror(key, dir.resolve(directoryName(key))));
  }

  /**
   * The directory name for a URL: a readable tail plus a hash of the whole URL.
   *
   * @param key the URL without password
   * @return a safe, unique directory name
   */
  static String directoryName(String key) {
    String tail = key.replaceAll("[/:]+$", "");
    tail = tail.substring(Math.max(0, Math.max(tail.lastIndexOf('/'), tail.lastIndexOf(':')) + 1))
        .replaceAll("[^A-Za-z0-9._-]", "_").toLowerCase(Locale.ROOT);
    if (tail.length() > 40) {
      tail = tail.substring(0, 40);
    }
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return tail + "-" + HexFormat.of().formatHex(h, 0, 8) + ".mirror";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  @Override
  public void close() {
    mirrors.values().forEach(Mirror::close);
    mirrors.clear();
  }
}
