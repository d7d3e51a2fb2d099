package io.gitopskit.core.load;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.FieldProblem;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ManifestSet;
import io.gitopskit.core.model.SourceLocation;
import io.gitopskit.core.source.DirectoryOptions;
import io.gitopskit.core.source.FileTree;
import io.gitopskit.core.source.LocalDirectorySource;
import io.gitopskit.core.source.SourceException;
import io.gitopskit.core.source.SourceRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.reader.UnicodeReader;

/**
 * Loads Kubernetes manifests from multi-document YAML and JSON: strings, streams, files, and
 * directory trees, safely and completely.
 *
 * <ul>
 *   <li><b>All or nothing.</b> One bad document fails the whole load; nothing partial is
 *       returned.
 *   <li><b>Clear errors.</b> A {@link LoadException} names the file, line, column, document
 *       index, the object when known, and the field.
 *   <li><b>Safe by default.</b> No type is ever constructed from a YAML tag; aliases, expanded
 *       nodes, nesting depth, document size and total bytes are limited by {@link LoadLimits}.
 *   <li><b>Kubernetes semantics.</b> Scalars resolve as kubectl and Argo CD read them (YAML 1.1:
 *       {@code yes} is a boolean, {@code 0644} is 420); {@code *List} kinds with {@code items}
 *       are flattened; empty documents are skipped; duplicate keys are refused.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * ManifestSet set = ManifestLoader.defaults().loadDirectory(Path.of("deploy"),
 *     DirectoryOptions.defaults().withRecurse(true));
 * }</pre>
 *
 * @since 0.1
 */
public final class ManifestLoader {

  private static final ManifestLoader DEFAULT = new ManifestLoader(LoadLimits.defaults());

  private final LoadLimits limits;

  private ManifestLoader(LoadLimits limits) {
    this.limits = limits;
  }

  /**
   * A loader with {@link LoadLimits#defaults()}.
   *
   * @return the loader
   */
  public static ManifestLoader defaults() {
    return DEFAULT;
  }

  /**
   * A loader with custom limits.
   *
   * @param limits the limits
   * @return the loader
   */
  public static ManifestLoader withLimits(LoadLimits limits) {
    return new ManifestLoader(Objects.requireNonNull(limits, "limits"));
  }

  /**
   * The limits this loader enforces.
   *
   * @return the limits
   */
  public LoadLimits limits() {
    return limits;
  }

  /**
   * Loads YAML text (which may also be JSON).
   *
   * @param text one or more YAML documents
   * @param origin a name for error messages and manifest origins, e.g. a file path
   * @return the manifests in document order
   * @throws LoadException if any document is malformed, invalid, or over a limit
   * @throws io.gitopskit.core.model.DuplicateResourceException if two objects share a key
   */
  public ManifestSet loadYaml(String text, String origin) {
    checkSize(text.length(), origin);
    ManifestSet.Builder out = ManifestSet.builder();
    parse(new StringReader(text), false, origin, out);
    return out.build();
  }

  /**
   * Loads JSON text: one object, or several concatenated root values.
   *
   * @param text the JSON
   * @param origin a name for error messages and manifest origins
   * @return the manifests in order
   * @throws LoadException if any value is malformed, invalid, or over a limit
   * @throws io.gitopskit.core.model.DuplicateResourceException if two objects share a key
   */
  public ManifestSet loadJson(String text, String origin) {
    checkSize(text.length(), origin);
    ManifestSet.Builder out = ManifestSet.builder();
    parse(new StringReader(text), true, origin, out);
    return out.build();
  }

  /**
   * Loads text as JSON when the origin ends in {@code .json}, as YAML otherwise.
   *
   * @param text the text
   * @param origin the file name or another origin name
   * @return the manifests in order
   * @throws LoadException if any document is malformed, invalid, or over a limit
   */
  public ManifestSet load(String text, String origin) {
    return isJson(origin) ? loadJson(text, origin) : loadYaml(text, origin);
  }

  /**
   * Loads a stream (UTF-8, or UTF-16/32 with a byte-order mark) as JSON when the origin ends in
   * {@code .json}, as YAML otherwise. Reads at most {@link LoadLimits#maxTotalBytes()} bytes.
   *
   * @param in the stream; not closed
   * @param origin the file name or another origin name
   * @return the manifests in order
   * @throws LoadException if the input is malformed, invalid, or over a limit
   */
  public ManifestSet load(InputStream in, String origin) {
    byte[] bytes;
    try {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxTotalBytes() + 1));
    } catch (IOException e) {
      throw new LoadException(SourceLocation.ofFile(origin), null, null,
          "failed to read input: " + e.getClass().getSimpleName(), e);
    }
    checkSize(bytes.length, origin);
    ManifestSet.Builder out = ManifestSet.builder();
    parse(bytes, origin, out);
    return out.build();
  }

  /**
   * Loads one file.
   *
   * @param file a YAML or JSON file
   * @return the manifests in order
   * @throws LoadException if the file cannot be read, is malformed, invalid, or over a limit
   */
  public ManifestSet loadFile(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return load(in, file.toString());
    } catch (IOException e) {
      throw new LoadException(SourceLocation.ofFile(file.toString()), null, null,
          "failed to read file: " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * Loads a directory with Argo CD's directory-source rules, through a safe snapshot (symlinks
   * leaving the directory are refused).
   *
   * @param directory the application directory
   * @param options recurse, include and exclude
   * @return the manifests in file path order, then document order
   * @throws LoadException if any selected file is malformed, invalid, or over a limit
   * @throws SourceException if the directory cannot be read safely
   */
  public ManifestSet loadDirectory(Path directory, DirectoryOptions options) {
    FileTree tree = LocalDirectorySource.withMaxBytes(limits.maxTotalBytes())
        .resolve(SourceRef.of(directory.toString(), ""))
        .files();
    return load(tree, options);
  }

  /**
   * Loads the files of a tree that the options select.
   *
   * @param tree the application's files
   * @param options recurse, include and exclude
   * @return the manifests in file path order, then document order
   * @throws LoadException if any selected file is malformed, invalid, or over a limit
   * @throws SourceException if a selected file cannot be rendered (e.g. Jsonnet)
   */
  public ManifestSet load(FileTree tree, DirectoryOptions options) {
    List<String> paths = options.select(tree);
    long total = 0;
    for (String path : paths) {
      total += tree.size(path);
      if (total > limits.maxTotalBytes()) {
        throw new LoadException(SourceLocation.ofFile(path), null, null,
            "manifests exceed the limit of " + limits.maxTotalBytes() + " bytes per load", null);
      }
    }
    ManifestSet.Builder out = ManifestSet.builder();
    for (String path : paths) {
      parse(tree.read(path), path, out);
    }
    return out.build();
  }

  /**
   * Parses YAML into plain JSON trees, without requiring Kubernetes objects: for Argo CD
   * {@code Application} files, Helm values, generator files and the like. Empty documents are
   * skipped; the same limits apply.
   *
   * @param text one or more YAML documents (or JSON)
   * @param origin a name for error messages
   * @return the non-empty documents in order
   * @throws LoadException if the text is malformed or over a limit
   */
  public List<JsonValue> readDocuments(String text, String origin) {
    checkSize(text.length(), origin);
    List<JsonValue> docs = new ArrayList<>();
    DocumentSink sink = (value, index, line, column, marks) -> {
      if (value != null && !(value instanceof JsonNull)) {
        docs.add(value);
      }
    };
    read(new StringReader(text), isJson(origin), origin, sink);
    return List.copyOf(docs);
  }

  private void checkSize(long size, String origin) {
    if (size > limits.maxTotalBytes()) {
      throw new LoadException(SourceLocation.ofFile(origin), null, null,
          "input exceeds the limit of " + limits.maxTotalBytes() + " bytes per load", null);
    }
  }

  private static boolean isJson(String origin) {
    return origin.toLowerCase(Locale.ROOT).endsWith(".json");
  }

  private void parse(byte[] bytes, String origin, ManifestSet.Builder out) {
    parse(new UnicodeReader(new ByteArrayInputStream(bytes)), isJson(origin), origin, out);
  }

  private void parse(Reader reader, boolean json, String origin, ManifestSet.Builder out) {
    read(reader, json, origin, (value, index, line, column, marks) ->
        addDocument(value, index, line, column, marks, origin, out));
  }

  private void read(Reader reader, boolean json, String origin, DocumentSink sink) {
    try {
      if (json) {
        JsonReader.read(reader, limits, sink);
      } else {
        YamlReader.read(reader, limits, sink);
      }
    } catch (TreeBuilder.Problem p) {
      throw new LoadException(new SourceLocation(origin, p.line, p.column, p.document), null,
          p.field, p.getMessage(), null);
    }
  }

  private static void addDocument(@Nullable JsonValue value, int index, int line, int column,
      Map<String, int[]> marks, String origin, ManifestSet.Builder out) {
    if (value == null || value instanceof JsonNull) {
      return;
    }
    SourceLocation docLocation = new SourceLocation(origin, line, column, index);
    if (!(value instanceof JsonObject object)) {
      throw new LoadException(docLocation, null, null,
          "document must be an object, not " + typeName(value), null);
    }
    if (isList(object)) {
      JsonValue items = object.getOrNull("items");
      if (items instanceof JsonNull) {
        return;
      }
      if (!(items instanceof JsonArray array)) {
        throw new LoadException(locate(marks, "items", docLocation), describe(object), "items",
            "must be a list of objects", null);
      }
      for (int i = 0; i < array.size(); i++) {
        String prefix = "items[" + i + "]";
        SourceLocation itemLocation = locate(marks, prefix, docLocation);
        if (!(array.get(i) instanceof JsonObject item)) {
          throw new LoadException(itemLocation, describe(object), prefix,
              "must be an object, not " + typeName(array.get(i)), null);
        }
        out.add(toManifest(item, itemLocation, marks, prefix + "."));
      }
      return;
    }
    out.add(toManifest(object, docLocation, marks, ""));
  }

  private static Manifest toManifest(JsonObject object, SourceLocation location,
      Map<String, int[]> marks, String prefix) {
    Optional<FieldProblem> problem = Manifest.check(object);
    if (problem.isPresent()) {
      String field = prefix + problem.get().field();
      throw new LoadException(locate(marks, field, location), describe(object), field,
          problem.get().message(), null);
    }
    return Manifest.of(object, location);
  }

  private static boolean isList(JsonObject object) {
    return object.getOrNull("kind") instanceof JsonString kind && kind.value().endsWith("List")
        && object.has("items");
  }

  /** The position of a field, or of its nearest tracked ancestor, or of the document. */
  private static SourceLocation locate(Map<String, int[]> marks, String field,
      SourceLocation fallback) {
    String f = field;
    while (!f.isEmpty()) {
      int[] m = marks.get(f);
      if (m != null) {
        return new SourceLocation(fallback.file(), m[0], m[1], fallback.document());
      }
      int cut = Math.max(f.lastIndexOf('.'), f.lastIndexOf('['));
      f = cut < 0 ? "" : f.substring(0, cut);
    }
    return fallback;
  }

  /** {@code apiVersion kind name} from whatever of them is present; never field values. */
  private static @Nullable String describe(JsonObject object) {
    String apiVersion = object.getString("apiVersion").orElse("");
    String kind = object.getString("kind").orElse("");
    String name = object.getObject("metadata")
        .flatMap(m -> m.getString("name").or(() -> m.getString("generateName")))
        .orElse("");
    String d = String.join(" ", List.of(apiVersion, kind, name).stream()
        .filter(s -> !s.isEmpty()).toList());
    return d.isEmpty() ? null : d;
  }

  private static String typeName(JsonValue value) {
    if (value instanceof JsonArray) {
      return "a list";
    }
    if (value instanceof JsonString) {
      return "a string";
    }
    if (value instanceof JsonObject) {
      return "an object";
    }
    return "a scalar";
  }
}
