package io.gitopskit.core.diff;

import io.gitopskit.core.cluster.ApiResource;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.patch.ListInfo;
import io.gitopskit.core.patch.SchemaTypeInfo;
import io.gitopskit.core.patch.TypeInfo;
import io.gitopskit.core.schema.KubernetesSchema;
import io.gitopskit.core.schema.Shape;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The diff's type knowledge: a {@link KubernetesSchema} read through {@link SchemaTypeInfo},
 * with a version fallback.
 *
 * <ul>
 *   <li><b>Version fallback.</b> A built-in kind whose version the schema does not serve (e.g.
 *       {@code apps/v1beta1} StatefulSet, {@code admissionregistration.k8s.io/v1beta1}
 *       MutatingWebhookConfiguration) takes its type knowledge from the served version of the
 *       same group and kind with the highest Kubernetes version priority ({@code v1} before
 *       {@code v1beta1}, {@code v2} before {@code v1}); the old {@code extensions} group maps to
 *       {@code apps} and {@code networking.k8s.io}.
 *   <li><b>Key defaults</b> ({@code protocol} is {@code TCP}) come from {@link SchemaTypeInfo}.
 * </ul>
 *
 * <p>Thread-safe; lookups of resolved kinds are cached.
 */
final class DiffTypes implements TypeInfo {

  private static final Pattern VERSION = Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?");
  private static final Map<String, String> EXTENSIONS = Map.of("Deployment", "apps",
      "DaemonSet", "apps", "ReplicaSet", "apps", "StatefulSet", "apps",
      "Ingress", "networking.k8s.io", "NetworkPolicy", "networking.k8s.io");

  private final KubernetesSchema schema;
  private final SchemaTypeInfo delegate;
  private final Map<GroupVersionKind, Optional<GroupVersionKind>> resolved =
      new ConcurrentHashMap<>();

  DiffTypes(KubernetesSchema schema) {
    this.schema = schema;
    this.delegate = SchemaTypeInfo.of(schema);
  }

  KubernetesSchema schema() {
    return schema;
  }

  /** The kind whose shape describes {@code gvk}: itself, or a served version of it. */
  Optional<GroupVersionKind> resolve(GroupVersionKind gvk) {
    return resolved.computeIfAbsent(gvk, this::lookup);
  }

  private Optional<GroupVersionKind> lookup(GroupVersionKind gvk) {
    if (schema.shapeOf(gvk).isPresent()) {
      return Optional.of(gvk);
    }
    String group = gvk.group();
    if (group.equals("extensions") && EXTENSIONS.containsKey(gvk.kind())) {
      group = EXTENSIONS.get(gvk.kind());
    }
    GroupVersionKind best = null;
    for (ApiResource r : schema.resources()) {
      GroupVersionKind c = r.gvk();
      if (c.group().equals(group) && c.kind().equals(gvk.kind()) && !schema.isCustom(c)
          && (best == null || priority(c.version()) > priority(best.version()))) {
        best = c;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Kubernetes' version priority: GA over beta over alpha, then higher numbers first. */
  static long priority(String version) {
    Matcher m = VERSION.matcher(version);
    if (!m.matches()) {
      return -1;
    }
    long major = Long.parseLong(m.group(1));
    long stage = m.group(2) == null ? 3 : m.group(2).equals("beta") ? 2 : 1;
    long minor = m.group(3) == null ? 0 : Long.parseLong(m.group(3));
    return stage * 1_000_000_000L + Math.min(major, 99_999) * 10_000 + Math.min(minor, 9_999);
  }

  /** Whether the kind is a built-in kind the schema knows (possibly through another version). */
  boolean builtIn(GroupVersionKind gvk) {
    return !schema.isCustom(gvk) && resolve(gvk).map(r -> !schema.isCustom(r)).orElse(false);
  }

  /** Whether the kind comes from a CRD the schema knows. */
  boolean custom(GroupVersionKind gvk) {
    return schema.isCustom(gvk);
  }

  /** The shape of the kind's objects, through the version fallback. */
  Optional<Shape> shape(GroupVersionKind gvk) {
    return resolve(gvk).flatMap(schema::shapeOf);
  }

  /**
   * Whether {@code status} is written only by the server: for built-in kinds and kinds without
   * a schema (most custom kinds have a status subresource), and for custom kinds that declare
   * the status subresource.
   */
  boolean serverOwnedStatus(GroupVersionKind gvk) {
    return !schema.isCustom(gvk) || schema.hasStatusSubresource(gvk);
  }

  /** Whether the kind is cluster-scoped, when the schema knows its resource. */
  Optional<Boolean> clusterScoped(GroupVersionKind gvk) {
    Optional<ApiResource> r = schema.resource(gvk);
    if (r.isEmpty()) {
      r = resolve(gvk).flatMap(schema::resource);
    }
    return r.map(x -> !x.namespaced());
  }

  @Override
  public ListInfo list(GroupVersionKind gvk, List<String> fieldPath) {
    Optional<GroupVersionKind> r = resolve(gvk);
    if (r.isEmpty()) {
      return ListInfo.atomic();
    }
    return delegate.list(r.get(), fieldPath);
  }

  @Override
  public boolean atomicMap(GroupVersionKind gvk, List<String> fieldPath) {
    Optional<GroupVersionKind> r = resolve(gvk);
    return r.isPresent() && delegate.atomicMap(r.get(), fieldPath);
  }

  @Override
  public Optional<String> mapPatchStrategy(GroupVersionKind gvk, List<String> fieldPath) {
    return resolve(gvk).flatMap(r -> delegate.mapPatchStrategy(r, fieldPath));
  }
}
