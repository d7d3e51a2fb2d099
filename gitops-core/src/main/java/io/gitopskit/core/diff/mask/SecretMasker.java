package io.gitopskit.core.diff.mask;

import io.gitopskit.core.cluster.ClusterTarget;
import io.gitopskit.core.internal.Escapes;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.load.LoadException;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.Manifest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Masks Secret values (and chosen annotations) in desired and live objects with Argo CD's
 * scheme; see the package documentation. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class SecretMasker {

  /** The annotation where {@code kubectl apply} keeps the last applied object. */
  public static final String LAST_APPLIED = ClusterTarget.LAST_APPLIED_ANNOTATION;

  /** The first mask, also used for a last-applied annotation that cannot be masked. */
  public static final String MASK = "++++++++";

  private static final SecretMasker DEFAULTS = new SecretMasker(Set.of());
  private static final ManifestLoader LOADER = ManifestLoader.defaults();

  private final Set<String> hiddenAnnotations;

  private SecretMasker(Set<String> hiddenAnnotations) {
    this.hiddenAnnotations = hiddenAnnotations;
  }

  /**
   * The masker that hides Secret data only.
   *
   * @return the shared default masker
   */
  public static SecretMasker defaults() {
    return DEFAULTS;
  }

  /**
   * A masker that also hides these annotation keys, on every kind (Argo CD's {@code
   * resource.sensitive.mask.annotations}). Hiding {@link #LAST_APPLIED} replaces that
   * annotation by {@link #MASK}.
   *
   * @param keys the annotation keys
   * @return the new masker
   */
  public SecretMasker withHiddenAnnotations(Collection<String> keys) {
    Set<String> all = new TreeSet<>(hiddenAnnotations);
    for (String k : keys) {
      all.add(Objects.requireNonNull(k, "annotation key"));
    }
    return new SecretMasker(Collections.unmodifiableSet(all));
  }

  /**
   * The annotation keys hidden besides Secret data.
   *
   * @return the keys in sorted order
   */
  public Set<String> hiddenAnnotations() {
    return hiddenAnnotations;
  }

  /**
   * Whether an object is a Secret (core group, kind {@code Secret}).
   *
   * @param object the object
   * @return true for Secrets
   */
  public static boolean isSecret(Manifest object) {
    return object.group().isEmpty() && object.kind().equals("Secret");
  }

  /**
   * Masked copies of desired and live. Secrets get every {@code data} value (after moving
   * {@code stringData} into {@code data}) masked; every kind gets the hidden annotations
   * masked; the last-applied annotations of both are rewritten from their masked form. Other
   * objects with no hidden annotation are returned as they are.
   *
   * @param desired the desired object, or null
   * @param live the live object, or null
   * @return the masked copies
   */
  public MaskedPair mask(@Nullable Manifest desired, @Nullable Manifest live) {
    boolean secrets = (desired != null && isSecret(desired)) || (live != null && isSecret(live));
    if (!secrets && hiddenAnnotations.isEmpty()) {
      return new MaskedPair(desired, live);
    }
    // slots: desired, live, live's last-applied, desired's last-applied
    JsonObject[] objects = new JsonObject[4];
    boolean[] isSecret = new boolean[4];
    boolean[] unreadable = new boolean[4];
    Manifest[] owners = {desired, live, live, desired};
    for (int i = 0; i < 4; i++) {
      Manifest owner = owners[i];
      if (owner == null) {
        continue;
      }
      if (i < 2) {
        objects[i] = owner.root();
      } else {
        String text = owner.annotation(LAST_APPLIED).orElse(null);
        if (text == null) {
          continue;
        }
        objects[i] = parse(text);
        unreadable[i] = objects[i] == null;
      }
      isSecret[i] = isSecret(owner);
      if (isSecret[i] && objects[i] != null) {
        objects[i] = normalizeSecret(objects[i]);
      }
    }
    Set<String> dataKeys = new TreeSet<>();
    for (int i = 0; i < 4; i++) {
      if (isSecret[i] && objects[i] != null
          && objects[i].getOrNull("data") instanceof JsonObject data) {
        dataKeys.addAll(data.keys());
      }
    }
    for (String key : dataKeys) {
      maskKey(objects, isSecret, key, false);
    }
    for (String key : hiddenAnnotations) {
      maskKey(objects, null, key, true);
    }
    Manifest[] out = {desired, live};
    for (int i = 0; i < 2; i++) {
      Manifest owner = owners[i];
      if (owner == null) {
        continue;
      }
      JsonObject root = objects[i];
      int last = i == 0 ? 3 : 2;
      if (owner.annotation(LAST_APPLIED).isPresent()) {
        String text = unreadable[last] || hiddenAnnotations.contains(LAST_APPLIED)
            || objects[last] == null ? MASK : objects[last].toJson();
        root = withAnnotation(root, LAST_APPLIED, text);
      }
      out[i] = root.equals(owner.root()) ? owner : owner.withRoot(root);
    }
    return new MaskedPair(out[0], out[1]);
  }

  /** Masks one data key (or annotation key) across all slots, first slot first. */
  private static void maskKey(JsonObject[] objects, boolean @Nullable [] only, String key,
      boolean annotation) {
    Map<String, String> masks = new HashMap<>();
    for (int i = 0; i < objects.length; i++) {
      JsonObject o = objects[i];
      if (o == null || (only != null && !only[i])) {
        continue;
      }
      JsonObject section = annotation
          ? (o.getOrNull("metadata") instanceof JsonObject m
              && m.getOrNull("annotations") instanceof JsonObject a ? a : null)
          : (o.getOrNull("data") instanceof JsonObject d ? d : null);
      if (section == null) {
        continue;
      }
      JsonValue value = section.getOrNull(key);
      if (value == null) {
        continue;
      }
      String mask = masks.computeIfAbsent(text(value), v -> "+".repeat(8 + 4 * masks.size()));
      objects[i] = annotation ? withAnnotation(o, key, mask)
          : o.with("data", section.with(key, JsonString.of(mask)));
    }
  }

  private static JsonObject withAnnotation(JsonObject root, String key, String value) {
    JsonObject meta = root.getOrNull("metadata") instanceof JsonObject m ? m
        : JsonObject.empty();
    JsonObject annotations = meta.getOrNull("annotations") instanceof JsonObject a ? a
        : JsonObject.empty();
    return root.with("metadata", meta.with("annotations",
        annotations.with(key, JsonString.of(value))));
  }

  /** How values compare for masking: strings as they are, null as empty, others as JSON. */
  private static String text(JsonValue v) {
    if (v instanceof JsonString s) {
      return s.value();
    }
    return v instanceof JsonNull ? "" : v.toJson();
  }

  private static @Nullable JsonObject parse(String text) {
    try {
      List<JsonValue> docs = LOADER.readDocuments(text, "last-applied.json");
      return docs.size() == 1 && docs.get(0) instanceof JsonObject o ? o : null;
    } catch (LoadException | IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * A Secret as Argo CD normalizes it before masking: {@code stringData} values base64-encoded
   * into {@code data} (replacing equal keys; non-string values kept), {@code null} data values
   * as {@code ""}, an empty {@code data} removed. A {@code data} or {@code stringData} that is
   * not an object is replaced by {@link #MASK}, so an invalid Secret cannot leak either.
   */
  static JsonObject normalizeSecret(JsonObject secret) {
    JsonObject out = secret;
    JsonValue stringData = out.getOrNull("stringData");
    JsonValue dataValue = out.getOrNull("data");
    JsonObject data = dataValue instanceof JsonObject d ? d : null;
    if (dataValue != null && data == null && !(dataValue instanceof JsonNull)) {
      out = out.with("data", JsonString.of(MASK));
    }
    if (stringData instanceof JsonObject sd) {
      if (data == null && out.getOrNull("data") instanceof JsonString) {
        out = out.without("stringData");
      } else {
        JsonObject merged = data == null ? JsonObject.empty() : data;
        for (int i = 0; i < sd.size(); i++) {
          JsonValue v = sd.valueAt(i);
          merged = merged.with(sd.keyAt(i), v instanceof JsonString s
              ? JsonString.of(base64(s.value())) : v);
        }
        data = merged;
        out = out.with("data", merged).without("stringData");
      }
    } else if (stringData != null && !(stringData instanceof JsonNull)) {
      out = out.with("stringData", JsonString.of(MASK));
    }
    if (data != null) {
      JsonObject cleaned = data;
      for (int i = 0; i < data.size(); i++) {
        if (data.valueAt(i) instanceof JsonNull) {
          cleaned = cleaned.with(data.keyAt(i), JsonString.of(""));
        }
      }
      out = cleaned.isEmpty() ? out.without("data") : out.with("data", cleaned);
    }
    return out;
  }

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The values of a Secret that error messages must not show: every {@code data} value as
   * stored and, where it is valid base64 of UTF-8 text, decoded; every {@code stringData}
   * value. Empty for other kinds.
   *
   * @param object the object, or null
   * @return the distinct non-empty values, sorted
   */
  public static List<String> secretValues(@Nullable Manifest object) {
    if (object == null || !isSecret(object)) {
      return List.of();
    }
    Set<String> out = new TreeSet<>();
    if (object.root().getOrNull("data") instanceof JsonObject data) {
      for (JsonValue v : data.asMap().values()) {
        if (v instanceof JsonString s) {
          out.add(s.value());
          String decoded = decode(s.value());
          if (decoded != null) {
            out.add(decoded);
          }
        }
      }
    }
    if (object.root().getOrNull("stringData") instanceof JsonObject sd) {
      for (JsonValue v : sd.asMap().values()) {
        if (v instanceof JsonString s) {
          out.add(s.value());
        }
      }
    }
    out.remove("");
    return List.copyOf(out);
  }

  private static @Nullable String decode(String b64) {
    try {
      byte[] bytes = Base64.getDecoder().decode(b64);
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (IllegalArgumentException | CharacterCodingException e) {
      return null;
    }
  }

  /**
   * Replaces every occurrence of each secret value, of its base64 form (padded and unpadded)
   * and of its JSON-escaped form in a text by {@link #MASK}. Longer matches win, and the text
   * is scanned once, so values that contain one another, or consist of {@code +}, are handled.
   * Empty values are ignored.
   *
   * @param text e.g. an error message from the API server
   * @param secretValues the values to hide, e.g. from {@link #secretValues}
   * @return the text with the values masked
   */
  public static String maskText(String text, Iterable<String> secretValues) {
    Set<String> needles = new TreeSet<>();
    for (String v : secretValues) {
      if (v.isEmpty()) {
        continue;
      }
      needles.add(v);
      String b64 = base64(v);
      needles.add(b64);
      needles.add(b64.replace("=", ""));
      StringBuilder escaped = new StringBuilder();
      Escapes.quote(v, escaped, false);
      needles.add(escaped.substring(1, escaped.length() - 1));
    }
    needles.remove("");
    if (needles.isEmpty() || text.isEmpty()) {
      return text;
    }
    Map<Character, List<String>> byFirst = new HashMap<>();
    for (String n : needles) {
      byFirst.computeIfAbsent(n.charAt(0), c -> new ArrayList<>()).add(n);
    }
    for (List<String> list : byFirst.values()) {
      list.sort(Comparator.comparingInt(String::length).reversed());
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      List<String> candidates = byFirst.get(text.charAt(i));
      String match = null;
      if (candidates != null) {
        for (String n : candidates) {
          if (text.startsWith(n, i)) {
            match = n;
            break;
          }
        }
      }
      if (match != null) {
        out.append(MASK);
        i += match.length();
      } else {
        out.append(text.charAt(i++));
      }
    }
    return out.toString();
  }

  /**
   * {@link #maskText(String, Iterable)} with an array of values.
   *
   * @param text the text
   * @param secretValues the values to hide
   * @return the masked text
   */
  public static String maskText(String text, String... secretValues) {
    return maskText(text, Arrays.asList(secretValues));
  }

  @Override
  public String toString() {
    return "SecretMasker" + hiddenAnnotations;
  }
}
