package io.gitopskit.core.internal;

import io.gitopskit.core.load.ReadResult;
import io.gitopskit.core.load.ReadWarning;
import io.gitopskit.core.internal.FieldReader.Problems;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonPointer;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.load.LoadException;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The shared part of reading Argo CD custom resources ({@code Application}, {@code AppProject},
 * {@code ApplicationSet}) from YAML: one typed object per document, the first error as a
 * {@link LoadException} at the field's line, every warning a located {@link ReadWarning}. The
 * three readers differ only in the {@link FieldReader} function that reads one document's
 * root. Not API.
 */
public final class ArgoDocuments {

  /**
   * The modelled parts of {@code metadata}; everything else is in {@code other}.
   *
   * @param name the name
   * @param namespace the namespace
   * @param labels the labels
   * @param annotations the annotations
   * @param finalizers the finalizers
   * @param other the remaining fields
   */
  public record Metadata(String name, String namespace, Map<String, String> labels,
      Map<String, String> annotations, List<String> finalizers, JsonObject other) {}

  /** The metadata fields {@link Metadata} models. */
  public static final List<String> METADATA_FIELDS =
      List.of("name", "namespace", "labels", "annotations", "finalizers");

  private ArgoDocuments() {}

  /**
   * Reads every document of a text; each must have the given apiVersion and kind.
   *
   * @param <T> the object type
   * @param text the text
   * @param origin its file name
   * @param loader the loader (limits, YAML rules)
   * @param apiVersion the required apiVersion
   * @param kind the required kind
   * @param reader reads one document's root; returns null only after recording an error
   * @return the objects and warnings
   * @throws LoadException for the first error
   */
  public static <T> ReadResult<T> read(String text, String origin, ManifestLoader loader,
      String apiVersion, String kind, Function<FieldReader, @Nullable T> reader) {
    List<JsonValue> docs = loader.readDocuments(text, origin);
    YamlLocator locator = new YamlLocator(text, origin);
    List<T> values = new ArrayList<>();
    List<ReadWarning> warnings = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      int doc = i;
      Problems p = new Problems();
      JsonObject object = JsonObject.empty();
      T value = null;
      if (docs.get(i) instanceof JsonObject o) {
        object = o;
        value = readOne(o, p, apiVersion, kind, reader);
      } else {
        p.error("", "document must be an object, not " + FieldReader.typeName(docs.get(i)));
      }
      values.add(check(describe(object, apiVersion, kind), value, p,
          path -> locator.locate(doc, path), warnings));
    }
    return new ReadResult<>(values, warnings);
  }

  /**
   * Reads one object from a JSON tree.
   *
   * @param <T> the object type
   * @param object the object
   * @param origin a name for messages
   * @param apiVersion the required apiVersion
   * @param kind the required kind
   * @param reader reads the root
   * @return the object (one value) and its warnings, located by origin only
   * @throws LoadException for the first error
   */
  public static <T> ReadResult<T> fromJson(JsonObject object, String origin, String apiVersion,
      String kind, Function<FieldReader, @Nullable T> reader) {
    Problems p = new Problems();
    T value = readOne(object, p, apiVersion, kind, reader);
    List<ReadWarning> warnings = new ArrayList<>();
    T v = check(describe(object, apiVersion, kind), value, p,
        path -> SourceLocation.ofFile(origin), warnings);
    return new ReadResult<>(List.of(v), warnings);
  }

  private static <T> @Nullable T readOne(JsonObject o, Problems p, String apiVersion,
      String kind, Function<FieldReader, @Nullable T> reader) {
    FieldReader root = new FieldReader(o, "", p);
    if (!apiVersion.equals(root.string("apiVersion"))) {
      root.error("apiVersion", "must be " + apiVersion);
      return null;
    }
    if (!kind.equals(root.string("kind"))) {
      root.error("kind", "must be " + kind);
      return null;
    }
    return reader.apply(root);
  }

  private static <T> T check(String name, @Nullable T value, Problems p,
      Function<String, SourceLocation> locate, List<ReadWarning> warnings) {
    FieldReader.Problem error = p.firstError();
    if (error != null) {
      int more = p.errorCount() - 1;
      throw new LoadException(locate.apply(error.path()), name.isEmpty() ? null : name,
          error.path().isEmpty() ? null : error.path(),
          error.message() + (more > 0 ? " (and " + more + " more problems)" : ""), null);
    }
    if (value == null) {
      throw new LoadException(locate.apply(""), name.isEmpty() ? null : name, null,
          "invalid object", null);
    }
    for (FieldReader.Problem w : p.all()) {
      warnings.add(new ReadWarning(locate.apply(w.path()), name, w.path(), w.message()));
    }
    return value;
  }

  /**
   * The object for messages: {@code apiVersion kind name}, where apiVersion and kind appear
   * only when they are the expected ones (a wrong one is reported as a field error, and its
   * text could be anything), and the name only when it is a string.
   */
  private static String describe(JsonObject o, String apiVersion, String kind) {
    List<String> parts = new ArrayList<>();
    o.getString("apiVersion").filter(apiVersion::equals).ifPresent(parts::add);
    o.getString("kind").filter(kind::equals).ifPresent(parts::add);
    o.getObject("metadata").flatMap(m -> m.getString("name")).ifPresent(parts::add);
    return String.join(" ", parts);
  }

  /**
   * Runs a constructor, turning its {@link IllegalArgumentException} into an error at the
   * reader's path.
   *
   * @param <T> the type
   * @param at the object being built
   * @param constructor the constructor call
   * @return the value, or null after recording the error
   */
  public static <T> @Nullable T construct(FieldReader at, Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (IllegalArgumentException e) {
      at.problems().error(at.path(), Objects.requireNonNullElse(e.getMessage(), "invalid"));
      return null;
    }
  }

  /**
   * Reads {@code metadata}, which must be present with a name.
   *
   * @param root the document root
   * @return the parts, or null after recording an error
   */
  public static @Nullable Metadata metadata(FieldReader root) {
    FieldReader m = root.object("metadata");
    if (m == null) {
      if (!root.has("metadata")) {
        root.error("metadata", "is required");
      }
      return null;
    }
    String name = m.string("name");
    String namespace = m.string("namespace");
    Map<String, String> labels = m.stringMap("labels");
    Map<String, String> annotations = m.stringMap("annotations");
    List<String> finalizers = m.strings("finalizers");
    JsonObject other = m.object();
    for (String k : METADATA_FIELDS) {
      other = other.without(k);
    }
    if (name.isEmpty()) {
      m.error("name", "is required");
      return null;
    }
    return new Metadata(name, namespace, labels, annotations, finalizers, other);
  }

  /**
   * Checks a list of JSON pointers field by field ({@code jsonPointers[1]: must start with /}),
   * so that errors never repeat a pointer's text.
   *
   * @param r the reader of the object holding the list
   * @param key the list field
   * @param pointers the pointers read from it
   * @return whether every pointer is valid
   */
  public static boolean checkPointers(FieldReader r, String key, List<String> pointers) {
    boolean ok = true;
    for (int k = 0; k < pointers.size(); k++) {
      String at = r.path(key) + "[" + k + "]";
      String p = pointers.get(k);
      if (!p.startsWith("/")) {
        r.problems().error(at, "must start with /");
        ok = false;
        continue;
      }
      try {
        JsonPointer.parse(p);
      } catch (IllegalArgumentException e) {
        r.problems().error(at, "is not a valid JSON pointer (a ~ must be followed by 0 or 1)");
        ok = false;
      }
    }
    return ok;
  }

  /**
   * An object field kept as written.
   *
   * @param r the reader
   * @param key the field
   * @return the object, or null when absent (or after recording a type error)
   */
  public static @Nullable JsonObject rawObject(FieldReader r, String key) {
    JsonValue v = r.raw(key);
    if (v == null) {
      return null;
    }
    if (v instanceof JsonObject o) {
      return o;
    }
    r.error(key, "must be an object, not " + FieldReader.typeName(v));
    return null;
  }
}
