package io.gitopskit.core.appset.generator;

import io.gitopskit.core.GitOpsException;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.load.LoadException;
import io.gitopskit.core.load.LoadLimits;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.source.FileTree;
import io.gitopskit.core.source.ManifestSource;
import io.gitopskit.core.source.SourceRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * {@code git}: {@code directories} or {@code files} of a repository at a revision, read through
 * the context's {@link ManifestSource}, so any source (Git, a local directory, an in-memory
 * tree) works.
 */
final class GitGenerator implements Generator {

  /** Directories in the order of a lexical depth-first walk ({@code a}, {@code a/b}, {@code a-b}). */
  static final Comparator<String> WALK_ORDER = (x, y) -> {
    // segment by segment without splitting: a segment that ends first (at '/') sorts first
    int n = Math.min(x.length(), y.length());
    for (int i = 0; i < n; i++) {
      char a = x.charAt(i);
      char b = y.charAt(i);
      if (a != b) {
        return a == '/' ? -1 : b == '/' ? 1 : Character.compare(a, b);
      }
    }
    return Integer.compare(x.length(), y.length());
  };

  @Override
  public String type() {
    return "git";
  }

  @Override
  public List<JsonObject> generate(JsonObject config, GeneratorContext context) {
    String repo = Params.string(config, "repoURL", "");
    if (repo.isBlank()) {
      throw new GeneratorException("git.repoURL is required");
    }
    String revision = Params.string(config, "revision", "");
    String prefix = Params.string(config, "pathParamPrefix", "");
    boolean hasDirs = config.getOrNull("directories") instanceof JsonArray d && !d.isEmpty();
    boolean hasFiles = config.getOrNull("files") instanceof JsonArray f && !f.isEmpty();
    if (hasDirs == hasFiles) {
      throw new GeneratorException("git generator needs exactly one of directories or files");
    }
    ManifestSource source = context.source().orElseThrow(() ->
        new GeneratorException("no source configured for the git generator"));
    FileTree tree;
    try {
      tree = source.resolve(new SourceRef(repo, "", revision.isEmpty() ? "HEAD" : revision))
          .files();
    } catch (RuntimeException e) {
      // our own exceptions never carry secrets; for others only the type is safe to name
      String why = e instanceof GitOpsException ? e.getMessage() : e.getClass().getName();
      throw new GeneratorException("error generating params from git: error reading "
          + (hasDirs ? "directories" : "files") + " from repo: " + why, e);
    }
    return hasDirs ? directories(config, tree, prefix, context.goTemplate())
        : files(config, tree, prefix, context);
  }

  private static List<JsonObject> directories(JsonObject config, FileTree tree, String prefix,
      boolean go) {
    List<Predicate<String>> include = new ArrayList<>();
    List<Predicate<String>> exclude = new ArrayList<>();
    items(config, "directories", PathPatterns.Dialect.GO_PATH_MATCH, include, exclude);
    Set<String> dirs = new TreeSet<>(WALK_ORDER);
    for (String file : tree.paths()) {
      int slash = file.indexOf('/');
      while (slash > 0) {
        dirs.add(file.substring(0, slash));
        slash = file.indexOf('/', slash + 1);
      }
    }
    List<JsonObject> out = new ArrayList<>();
    for (String dir : dirs) {
      if (hidden(dir)) {
        continue;
      }
      if (include.stream().anyMatch(p -> p.test(dir)) && exclude.stream().noneMatch(p -> p.test(dir))) {
        JsonObject.Builder b = JsonObject.builder();
        Params.pathParams(b, prefix, dir, null, go);
        out.add(b.build());
      }
    }
    return out;
  }

  private static boolean hidden(String dir) {
    for (String s : dir.split("/")) {
      if (s.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static List<JsonObject> files(JsonObject config, FileTree tree, String prefix,
      GeneratorContext context) {
    List<Predicate<String>> include = new ArrayList<>();
    List<Predicate<String>> exclude = new ArrayList<>();
    items(config, "files", context.newGitFileGlobbing() ? PathPatterns.Dialect.DOUBLESTAR
        : PathPatterns.Dialect.PATHSPEC, include, exclude);
    LoadLimits limits = context.loadLimits();
    ManifestLoader loader = ManifestLoader.withLimits(limits);
    List<JsonObject> out = new ArrayList<>();
    long total = 0;
    for (String file : tree.paths()) {
      if (include.stream().noneMatch(p -> p.test(file))
          || exclude.stream().anyMatch(p -> p.test(file))) {
        continue;
      }
      // sizes are checked before anything is read: a huge file must not reach memory
      long size = tree.size(file);
      if (size > limits.maxTotalBytes()) {
        throw new GeneratorException("unable to process file '" + file + "': " + size
            + " bytes, more than the limit of " + limits.maxTotalBytes() + " bytes");
      }
      total += size;
      if (total > limits.maxTotalBytes()) {
        throw new GeneratorException("unable to process file '" + file + "': the files"
            + " matched so far take more than the limit of " + limits.maxTotalBytes()
            + " bytes together");
      }
      out.addAll(fileParams(file, tree.read(file), prefix, context.goTemplate(), loader));
      context.checkParameterSets(out.size(), "the git files generator");
    }
    return out;
  }

  static List<JsonObject> fileParams(String file, byte[] content, String prefix, boolean go,
      ManifestLoader loader) {
    List<JsonObject> objects = new ArrayList<>();
    try {
      List<JsonValue> docs = loader
          .readDocuments(new String(content, StandardCharsets.UTF_8), file);
      if (docs.isEmpty()) {
        objects.add(JsonObject.empty());
      } else if (docs.get(0) instanceof JsonObject o) {
        objects.add(o);
      } else if (docs.get(0) instanceof JsonArray a) {
        for (JsonValue item : a.items()) {
          if (!(item instanceof JsonObject o)) {
            throw new GeneratorException("unable to process file '" + file
                + "': unable to parse file: array items must be objects");
          }
          objects.add(o);
        }
      } else {
        throw new GeneratorException("unable to process file '" + file
            + "': unable to parse file: not an object or a list of objects");
      }
    } catch (LoadException e) {
      throw new GeneratorException("unable to process file '" + file + "' (line "
          + e.location().line() + "): unable to parse file: " + e.problem(), e);
    }
    String dir = Params.dirname(file);
    String filename = Params.basename(file);
    List<JsonObject> out = new ArrayList<>(objects.size());
    for (JsonObject o : objects) {
      JsonObject.Builder b = (go ? o : Params.flatObject(o)).toBuilder();
      Params.pathParams(b, prefix, dir, filename, go);
      out.add(b.build());
    }
    return out;
  }

  private static void items(JsonObject config, String field, PathPatterns.Dialect dialect,
      List<Predicate<String>> include, List<Predicate<String>> exclude) {
    JsonArray items = config.getArray(field).orElse(JsonArray.empty());
    for (int i = 0; i < items.size(); i++) {
      if (!(items.get(i) instanceof JsonObject item)
          || !(item.getOrNull("path") instanceof JsonString path)) {
        throw new GeneratorException("git." + field + "[" + i + "].path is required");
      }
      Predicate<String> p = PathPatterns.compile(path.value(), dialect);
      (Params.bool(item, "exclude") ? exclude : include).add(p);
    }
  }
}
