package io.gitopskit.core.internal;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded, thread-safe string interner for field names. Not API.
 *
 * <p>Field names repeat across every Kubernetes object ({@code apiVersion}, {@code metadata},
 * {@code containers}); sharing one instance per name cuts the memory of large manifest sets. The
 * table is bounded in entry count and string length so hostile input cannot grow it without
 * limit; past the bound, strings are returned as they are.
 */
public final class Interner {

  private static final int MAX_ENTRIES = 65_536;
  private static final int MAX_LENGTH = 64;
  private static final ConcurrentHashMap<String, String> TABLE = new ConcurrentHashMap<>(4096);

  private Interner() {}

  /** Returns the shared instance equal to {@code s}, or {@code s} itself. */
  public static String intern(String s) {
    if (s.length() > MAX_LENGTH) {
      return s;
    }
    String existing = TABLE.get(s);
    if (existing != null) {
      return existing;
    }
    if (TABLE.size() >= MAX_ENTRIES) {
      return s;
    }
    existing = TABLE.putIfAbsent(s, s);
    return existing == null ? s : existing;
  }
}
