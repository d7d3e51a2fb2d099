package io.gitopskit.core.schema;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.load.LoadLimits;
import io.gitopskit.core.load.ManifestLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the Kubernetes OpenAPI v2 document into the compact resource {@link KubernetesSchema}
 * loads ({@code io/gitopskit/core/schema/kubernetes-1.35.json}). Run from the repository root:
 *
 * <pre>
 * ./mvnw -q -pl gitops-core test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.gitopskit.core.schema.SchemaGenerator \
 *   -Dexec.args="../shared/schemas/kubernetes-1.35.0.json gitops-core/src/main/resources/io/gitopskit/core/schema/kubernetes-1.35.json"
 * </pre>
 *
 * <p>What it keeps, per definition: {@code type}, {@code format}, {@code properties}, {@code
 * items}, {@code additionalProperties}, {@code required}, {@code $ref} (shortened to the
 * definition name) and the {@code x-kubernetes-*} extensions that carry merge, apply and typing
 * semantics (list type and map keys, patch merge key and strategy, map type, preserve unknown
 * fields, int-or-string, group-version-kind). Descriptions and everything else are dropped.
 *
 * <p>One fact is written down that the OpenAPI v2 document leaves implicit: the {@code Quantity}
 * definition (a plain string there) gets {@code "format": "quantity"}.
 *
 * <p>The {@code resources} table comes from {@code paths}: each path of the form {@code
 * /api/v1/[watch/][namespaces/{namespace}/]<plural>[/{name}[/<subresource>]]} (or {@code
 * /apis/<group>/<version>/...}) contributes its operations' {@code x-kubernetes-action}s as verbs
 * ({@code post} is create, {@code put} update, {@code watchlist} watch) to the kind named by their
 * {@code x-kubernetes-group-version-kind}; a path with {@code {namespace}} makes the resource
 * namespaced; a path with a subresource records the subresource's name.
 *
 * <p>The output is deterministic: keys sorted, one definition and one resource per line.
 */
public final class SchemaGenerator {

  /** The compact format's version, bumped when its meaning changes. */
  static final int FORMAT = 1;

  static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";

  private static final String REF_PREFIX = "#/definitions/";

  /** Keys copied from a schema node, besides the structural ones handled explicitly. */
  private static final Set<String> COPIED = Set.of("type", "format", "required",
      "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-patch-merge-key",
      "x-kubernetes-patch-strategy", "x-kubernetes-map-type",
      "x-kubernetes-preserve-unknown-fields", "x-kubernetes-int-or-string");

  private static final Map<String, String> VERBS = Map.of("get", "get", "list", "list", "watch",
      "watch", "watchlist", "watch", "post", "create", "put", "update", "patch", "patch", "delete",
      "delete", "deletecollection", "deletecollection");

  private static final Pattern VERSIONED_NAME = Pattern.compile("kubernetes-(\\d+\\.\\d+\\.\\d+)\\.json");

  private SchemaGenerator() {}

  /**
   * Reads the OpenAPI document and writes the compact resource.
   *
   * @param args the OpenAPI document's path, then the output path
   * @throws IOException if a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: SchemaGenerator <kubernetes-openapi.json> <output.json>");
      System.exit(2);
      return;
    }
    Path input = Path.of(args[0]);
    Path output = Path.of(args[1]);
    String text = Files.readString(input, StandardCharsets.UTF_8);
    String compact = generate(text, input.getFileName().toString());
    Path parent = output.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(output, compact, StandardCharsets.UTF_8);
    System.out.println("wrote " + output + " (" + compact.getBytes(StandardCharsets.UTF_8).length
        + " bytes)");
  }

  /**
   * The compact resource for an OpenAPI document.
   *
   * @param openApiText the OpenAPI v2 JSON
   * @param sourceName the document's file name, recorded in the output
   * @return the resource text
   */
  public static String generate(String openApiText, String sourceName) {
    List<JsonValue> docs = ManifestLoader.withLimits(LoadLimits.defaults()
            .withMaxTotalBytes(64L << 20)
            .withMaxDocumentBytes(64L << 20)
            .withMaxNodes(10_000_000))
        .readDocuments(openApiText, "x.json");
    if (docs.size() != 1 || !(docs.get(0) instanceof JsonObject doc)) {
      throw new IllegalArgumentException("expected one OpenAPI JSON object");
    }
    JsonObject definitions = object(doc, "definitions");
    TreeMap<String, JsonObject> compact = new TreeMap<>();
    for (int i = 0; i < definitions.size(); i++) {
      String name = definitions.keyAt(i);
      JsonObject node = compactNode(asObject(definitions.valueAt(i), name), name, true);
      if (name.equals(QUANTITY) && !node.has("format")) {
        node = node.with("format", JsonString.of("quantity"));
      }
      compact.put(name, node);
    }
    for (Map.Entry<String, JsonObject> e : compact.entrySet()) {
      checkRefs(e.getValue(), e.getKey(), compact.keySet());
    }
    List<JsonObject> resources = resources(object(doc, "paths"));

    JsonObject.Builder source = JsonObject.builder().put("document", sourceName);
    Matcher m = VERSIONED_NAME.matcher(sourceName);
    if (m.matches()) {
      source.put("kubernetesVersion", m.group(1));
    }

    StringBuilder out = new StringBuilder(512 * 1024);
    out.append("{\n\"definitions\": {\n");
    boolean first = true;
    for (Map.Entry<String, JsonObject> e : compact.entrySet()) {
      out.append(first ? "" : ",\n").append(JsonString.of(e.getKey()).toJson()).append(": ")
          .append(e.getValue().toJson());
      first = false;
    }
    out.append("\n},\n\"format\": ").append(FORMAT).append(",\n\"resources\": [\n");
    first = true;
    for (JsonObject r : resources) {
      out.append(first ? "" : ",\n").append(r.toJson());
      first = false;
    }
    out.append("\n],\n\"source\": ").append(source.build().toJson()).append("\n}\n");
    return out.toString();
  }

  /** A schema node with only the kept keys, recursively. */
  private static JsonObject compactNode(JsonObject node, String where, boolean top) {
    JsonObject.Builder b = JsonObject.builder();
    for (int i = 0; i < node.size(); i++) {
      String key = node.keyAt(i);
      JsonValue value = node.valueAt(i);
      String at = where + "." + key;
      switch (key) {
        case "$ref" -> {
          String ref = string(value, at);
          if (!ref.startsWith(REF_PREFIX)) {
            throw new IllegalArgumentException(at + ": unsupported reference " + ref);
          }
          b.put(key, ref.substring(REF_PREFIX.length()));
        }
        case "properties" -> {
          JsonObject props = asObject(value, at);
          JsonObject.Builder p = JsonObject.builder();
          for (int j = 0; j < props.size(); j++) {
            p.put(props.keyAt(j),
                compactNode(asObject(props.valueAt(j), at + "." + props.keyAt(j)),
                    at + "." + props.keyAt(j), false));
          }
          b.put(key, p.build());
        }
        case "items" -> b.put(key, compactNode(asObject(value, at), at, false));
        case "additionalProperties" -> b.put(key, value instanceof JsonObject o
            ? compactNode(o, at, false) : value);
        case "x-kubernetes-group-version-kind" -> {
          if (top) {
            b.put(key, value);
          }
        }
        default -> {
          if (COPIED.contains(key)) {
            b.put(key, value);
          }
        }
      }
    }
    return b.build();
  }

  private static void checkRefs(JsonValue value, String where, Set<String> names) {
    if (value instanceof JsonObject o) {
      for (int i = 0; i < o.size(); i++) {
        if (o.keyAt(i).equals("$ref") && o.valueAt(i) instanceof JsonString s
            && !names.contains(s.value())) {
          throw new IllegalArgumentException(where + ": reference to unknown definition "
              + s.value());
        }
        checkRefs(o.valueAt(i), where + "." + o.keyAt(i), names);
      }
    }
  }

  /** One row per served kind, from the document's paths. */
  private static List<JsonObject> resources(JsonObject paths) {
    record Row(String group, String version, String kind, String plural, boolean[] namespaced,
        Set<String> verbs, Set<String> subresources) {}
    TreeMap<String, Row> rows = new TreeMap<>();
    TreeMap<String, Set<String>> subresources = new TreeMap<>();
    for (int i = 0; i < paths.size(); i++) {
      String path = paths.keyAt(i);
      ParsedPath parsed = ParsedPath.parse(path);
      if (parsed == null || !(paths.valueAt(i) instanceof JsonObject item)) {
        continue;
      }
      String key = parsed.group + "/" + parsed.version + "/" + parsed.plural;
      for (int j = 0; j < item.size(); j++) {
        if (!(item.valueAt(j) instanceof JsonObject op)
            || !(op.getOrNull("x-kubernetes-action") instanceof JsonString action)
            || !(op.getOrNull("x-kubernetes-group-version-kind") instanceof JsonObject gvk)) {
          continue;
        }
        if (parsed.subresource != null) {
          subresources.computeIfAbsent(key, k -> new TreeSet<>()).add(parsed.subresource);
          continue;
        }
        String where = path + " " + item.keyAt(j);
        String group = string(gvk.getOrNull("group"), where + " group");
        String version = string(gvk.getOrNull("version"), where + " version");
        String kind = string(gvk.getOrNull("kind"), where + " kind");
        if (!group.equals(parsed.group) || !version.equals(parsed.version)) {
          throw new IllegalArgumentException(where + ": serves " + group + "/" + version + " "
              + kind + " outside its group version");
        }
        String verb = VERBS.get(action.value());
        if (verb == null) {
          throw new IllegalArgumentException(where + ": unknown action " + action.value());
        }
        Row row = rows.computeIfAbsent(key, k -> new Row(group, version, kind, parsed.plural,
            new boolean[1], new TreeSet<>(), new TreeSet<>()));
        if (!row.kind.equals(kind)) {
          throw new IllegalArgumentException(where + ": serves " + kind + " but " + key
              + " already serves " + row.kind);
        }
        row.namespaced[0] |= parsed.namespaced;
        row.verbs.add(verb);
      }
    }
    subresources.forEach((key, names) -> {
      Row row = rows.get(key);
      if (row != null) {
        row.subresources.addAll(names);
      }
    });
    TreeMap<String, Row> byGvk = new TreeMap<>();
    for (Row row : rows.values()) {
      Row previous = byGvk.put(row.group + "\u0000" + row.version + "\u0000" + row.kind, row);
      if (previous != null) {
        throw new IllegalArgumentException(row.group + "/" + row.version + " " + row.kind
            + " is served as both " + previous.plural + " and " + row.plural);
      }
    }
    List<JsonObject> out = new ArrayList<>();
    for (Row row : byGvk.values()) {
      out.add(JsonObject.builder()
          .put("group", row.group)
          .put("version", row.version)
          .put("kind", row.kind)
          .put("plural", row.plural)
          .put("namespaced", JsonBoolean.of(row.namespaced[0]))
          .put("verbs", strings(row.verbs))
          .put("subresources", strings(row.subresources))
          .build());
    }
    out.sort(Comparator.comparing((JsonObject o) -> o.getString("group").orElse(""))
        .thenComparing(o -> o.getString("version").orElse(""))
        .thenComparing(o -> o.getString("kind").orElse("")));
    return out;
  }

  /** A resource path split into its parts. */
  private record ParsedPath(String group, String version, boolean namespaced, String plural,
      String subresource) {

    static ParsedPath parse(String path) {
      String group;
      String version;
      String rest;
      if (path.startsWith("/api/v1/")) {
        group = "";
        version = "v1";
        rest = path.substring("/api/v1/".length());
      } else if (path.startsWith("/apis/")) {
        String[] parts = path.substring("/apis/".length()).split("/", 3);
        if (parts.length < 3) {
          return null;
        }
        group = parts[0];
        version = parts[1];
        rest = parts[2];
      } else {
        return null;
      }
      List<String> segments = new ArrayList<>(List.of(rest.split("/")));
      segments.removeIf(String::isEmpty);
      if (!segments.isEmpty() && segments.get(0).equals("watch")) {
        segments.remove(0);
      }
      boolean namespaced = false;
      if (segments.size() >= 3 && segments.get(0).equals("namespaces")
          && segments.get(1).equals("{namespace}")) {
        namespaced = true;
        segments = segments.subList(2, segments.size());
      }
      if (segments.isEmpty() || segments.get(0).startsWith("{")) {
        return null;
      }
      if (segments.size() >= 2 && !segments.get(1).equals("{name}")) {
        return null;
      }
      String subresource = segments.size() >= 3 ? segments.get(2) : null;
      return new ParsedPath(group, version, namespaced, segments.get(0), subresource);
    }
  }

  private static JsonArray strings(Set<String> values) {
    JsonArray.Builder b = JsonArray.builder();
    values.forEach(v -> b.add(JsonString.of(v)));
    return b.build();
  }

  private static JsonObject object(JsonObject parent, String key) {
    return asObject(parent.getOrNull(key), key);
  }

  private static JsonObject asObject(JsonValue value, String where) {
    if (value instanceof JsonObject o) {
      return o;
    }
    throw new IllegalArgumentException(where + ": expected an object");
  }

  private static String string(JsonValue value, String where) {
    if (value instanceof JsonString s) {
      return s.value();
    }
    throw new IllegalArgumentException(where + ": expected a string");
  }
}
