package io.gitopskit.core.internal;

/** 64-bit content hashing helpers for the JSON tree. Not API. */
public final class Hashing {

  private static final long K = 0x9E3779B97F4A7C15L;

  private Hashing() {}

  /** Hashes a string's characters (64-bit FNV-1a, then mixed). */
  public static long string(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0, n = s.length(); i < n; i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return mix(h ^ s.length());
  }

  /** Folds one more 64-bit value into a running hash. */
  public static long combine(long running, long next) {
    return Long.rotateLeft(running ^ (next * K), 29) * K + 0x632BE59BD9B4E019L;
  }

  /**
   * Finishes a running hash for caching: mixed, and never 0 (0 marks "not yet computed").
   */
  public static long finish(long running) {
    long h = mix(running);
    return h == 0 ? 1 : h;
  }

  /** The murmur3 64-bit finalizer. */
  public static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
