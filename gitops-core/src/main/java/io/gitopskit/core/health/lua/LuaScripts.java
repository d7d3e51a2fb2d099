package io.gitopskit.core.health.lua;

import io.gitopskit.core.health.HealthChecks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Loads health scripts laid out as Argo CD's {@code resource_customizations} directory:
 * {@code <group>/<Kind>/health.lua}, or {@code <Kind>/health.lua} for the core group. An
 * underscore in a directory name is a wildcard, e.g. {@code _.crossplane.io/_} matches every
 * kind of every group ending in {@code .crossplane.io}; entries turn it into a {@code *} glob.
 * Other files (tests, {@code testdata/}, {@code actions/}) are ignored.
 *
 * <p>The entries come in the order to register them: exact entries first, then wildcard
 * entries, each in directory order. Argo CD uses a wildcard script only when no exact one
 * exists, and the first wildcard in directory order wins.
 *
 * <pre>{@code
 * HealthChecks checks = LuaScripts.register(HealthChecks.builder(),
 *     LuaScripts.loadDirectory(Path.of("resource_customizations"))).build();
 * }</pre>
 *
 * @since 0.1
 */
public final class LuaScripts {

  private LuaScripts() {}

  /**
   * Registers loaded scripts as overrides with Argo CD's precedence: an exact group/kind beats a
   * wildcard, and among wildcards of equal specificity the first in directory order wins (the
   * registry prefers later registrations among equals, so entries are registered in reverse).
   *
   * @param builder the registry builder
   * @param entries entries from {@link #loadDirectory(Path)}
   * @return the builder
   */
  public static HealthChecks.Builder register(HealthChecks.Builder builder, List<Entry> entries) {
    for (int i = entries.size() - 1; i >= 0; i--) {
      Entry e = entries.get(i);
      builder.override(e.group(), e.kind(), e.check());
    }
    return builder;
  }

  /**
   * One script found in the directory.
   *
   * @param group the API group, {@code ""} for the core group, or a glob such as {@code
   *     *.crossplane.io}
   * @param kind the kind, or the glob {@code *}
   * @param path the directory relative to the root, as written, e.g. {@code _.crossplane.io/_}
   * @param check the compiled script
   */
  public record Entry(String group, String kind, String path, LuaHealthCheck check) {

    /** Validates. */
    public Entry {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(check, "check");
    }

    /**
     * Whether the group or the kind is a glob.
     *
     * @return true for a wildcard entry
     */
    public boolean isWildcard() {
      return group.indexOf('*') >= 0 || kind.indexOf('*') >= 0;
    }
  }

  /**
   * Loads and compiles every {@code health.lua} under a directory, with {@link
   * LuaLimits#defaults()}.
   *
   * @param root the directory, laid out as Argo CD's {@code resource_customizations}
   * @return the entries, exact ones first, then wildcards, each in directory order
   * @throws LuaScriptException if the directory cannot be read, a script does not compile or is
   *     too large, or a symbolic link leads out of the directory
   */
  public static List<Entry> loadDirectory(Path root) {
    return loadDirectory(root, LuaLimits.defaults());
  }

  /**
   * Loads and compiles every {@code health.lua} under a directory.
   *
   * @param root the directory, laid out as Argo CD's {@code resource_customizations}
   * @param limits the limits for the scripts (and their size)
   * @return the entries, exact ones first, then wildcards, each in directory order
   * @throws LuaScriptException if the directory cannot be read, a script does not compile or is
   *     too large, or a symbolic link leads out of the directory
   */
  public static List<Entry> loadDirectory(Path root, LuaLimits limits) {
    Objects.requireNonNull(limits, "limits");
    Path base = ScriptTree.realDirectory(root);
    List<Entry> exact = new ArrayList<>();
    List<Entry> wildcards = new ArrayList<>();
    for (ScriptTree.KindDir dir : ScriptTree.scan(base)) {
      LuaHealthCheck check = load(base, dir, limits);
      Entry e = new Entry(glob(dir.group()), glob(dir.kind()), dir.path(), check);
      (e.isWildcard() ? wildcards : exact).add(e);
    }
    exact.addAll(wildcards);
    return List.copyOf(exact);
  }

  static LuaHealthCheck load(Path base, ScriptTree.KindDir dir, LuaLimits limits) {
    byte[] source = ScriptTree.read(base, dir.directory().resolve(ScriptTree.SCRIPT),
        limits.maxScriptBytes());
    return LuaHealthCheck.compile(dir.path() + "/" + ScriptTree.SCRIPT, source, limits);
  }

  /** Argo CD's directory wildcard {@code _} as a glob {@code *}. */
  static String glob(String directoryName) {
    return directoryName.replace('_', '*');
  }
}
