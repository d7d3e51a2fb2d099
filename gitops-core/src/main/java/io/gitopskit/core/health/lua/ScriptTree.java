package io.gitopskit.core.health.lua;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reading Argo CD's {@code resource_customizations} layout safely: {@code <group>/<Kind>/} or,
 * for the core group, {@code <Kind>/} directories holding {@code health.lua}. Every directory and
 * file is resolved to its real path and refused when that leaves the base directory (symbolic
 * links out of the tree), and files are size-checked before they are read.
 */
final class ScriptTree {

  static final String SCRIPT = "health.lua";
  static final String TESTS = "health_test.yaml";

  /** A directory holding a script: its group and kind as written, and its relative path. */
  record KindDir(String group, String kind, String path, Path directory) {}

  private ScriptTree() {}

  /** The real path of a directory that must exist. */
  static Path realDirectory(Path directory) {
    try {
      Path real = directory.toRealPath();
      if (!Files.isDirectory(real)) {
        throw new LuaScriptException("not a directory: " + directory);
      }
      return real;
    } catch (IOException e) {
      throw new LuaScriptException("cannot read the directory " + directory + ": " + e, e);
    }
  }

  /** Every kind directory under {@code root} with a script, in path order. */
  static List<KindDir> scan(Path root) {
    Path base = realDirectory(root);
    List<KindDir> found = new ArrayList<>();
    for (Path first : children(base, base)) {
      String firstName = first.getFileName().toString();
      if (isFile(base, first.resolve(SCRIPT))) {
        found.add(new KindDir("", firstName, firstName, first));
        continue;
      }
      for (Path second : children(base, first)) {
        if (isFile(base, second.resolve(SCRIPT))) {
          String kind = second.getFileName().toString();
          found.add(new KindDir(firstName, kind, firstName + "/" + kind, second));
        }
      }
    }
    return found;
  }

  /** The subdirectories of {@code dir}, sorted by name; links leaving {@code base} refused. */
  private static List<Path> children(Path base, Path dir) {
    List<Path> dirs = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path p : stream) {
        if (Files.isDirectory(p)) {
          inside(base, p);
          dirs.add(p);
        }
      }
    } catch (IOException e) {
      throw new LuaScriptException("cannot list " + dir + ": " + e, e);
    }
    dirs.sort(Comparator.comparing(p -> p.getFileName().toString()));
    return dirs;
  }

  private static boolean isFile(Path base, Path file) {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    Path real = inside(base, file);
    return Files.isRegularFile(real);
  }

  /** The real path of {@code p}, which must stay under {@code base}. */
  static Path inside(Path base, Path p) {
    Path real;
    try {
      real = p.toRealPath();
    } catch (IOException e) {
      throw new LuaScriptException("cannot resolve " + p + ": " + e, e);
    }
    if (!real.startsWith(base)) {
      throw new LuaScriptException(p + " leaves the directory " + base
          + " (a symbolic link to " + real + "); refused");
    }
    return real;
  }

  /** Reads a file under {@code base}, refusing links out of it and files over the limit. */
  static byte[] read(Path base, Path file, long maxBytes) {
    Path real = inside(base, file);
    try {
      if (!Files.isRegularFile(real)) {
        throw new LuaScriptException("not a regular file: " + file);
      }
      long size = Files.size(real);
      if (size > maxBytes) {
        throw new LuaScriptException(file + " has " + size + " bytes, over the limit of "
            + maxBytes);
      }
      try (InputStream in = Files.newInputStream(real)) {
        byte[] bytes = in.readNBytes((int) maxBytes + 1);
        if (bytes.length > maxBytes) {
          throw new LuaScriptException(file + " is over the limit of " + maxBytes + " bytes");
        }
        return bytes;
      }
    } catch (IOException e) {
      throw new LuaScriptException("cannot read " + file + ": " + e, e);
    }
  }
}
