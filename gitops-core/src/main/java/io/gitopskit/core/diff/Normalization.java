package io.gitopskit.core.diff;

import io.gitopskit.core.cluster.ClusterTarget;
import io.gitopskit.core.defaults.Quantity;
import io.gitopskit.core.defaults.ServerDefaults;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.GroupKind;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.schema.AnyShape;
import io.gitopskit.core.schema.ArrayShape;
import io.gitopskit.core.schema.ObjectShape;
import io.gitopskit.core.schema.ScalarShape;
import io.gitopskit.core.schema.Shape;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The built-in normalizations: what makes two objects that the API server would store alike
 * compare equal. Every step is pure, deterministic and idempotent.
 *
 * <ul>
 *   <li>{@link #inputs} (desired, live, last-applied; and again on both outputs): Secret {@code
 *       stringData} into base64 {@code data} and null data values as {@code ""}; the remarshal
 *       of built-in kinds (canonical quantities, no null fields, no empty lists, no empty maps);
 *       no top-level {@code creationTimestamp}; empty or aggregated RBAC rules unset; Endpoints
 *       port protocols defaulted and subsets sorted.
 *   <li>{@link #outputs} (predicted and live): server defaults, the input steps again, and the
 *       server-owned parts removed: system metadata, {@code status}, tool and controller
 *       annotations and labels.
 *   <li>{@link #carryOver} (predicted, from live, before {@link #outputs}): values the server
 *       allocates or keeps on update when a write omits them.
 *   <li>{@link #dropUnsetZeros} (predicted against live, after {@link #outputs}): zero values
 *       the server omits.
 * </ul>
 */
final class Normalization {

  static final String LAST_APPLIED = ClusterTarget.LAST_APPLIED_ANNOTATION;

  private static final List<String> SYSTEM_METADATA = List.of("uid", "resourceVersion",
      "generation", "managedFields", "selfLink", "creationTimestamp", "deletionTimestamp",
      "deletionGracePeriodSeconds");
  private static final List<String> SERVER_ANNOTATIONS = List.of(LAST_APPLIED,
      "deployment.kubernetes.io/revision", ServerDefaults.DAEMONSET_TEMPLATE_GENERATION);
  private static final List<String> JOB_LABELS = List.of(ServerDefaults.JOB_CONTROLLER_UID,
      ServerDefaults.JOB_CONTROLLER_UID_LEGACY, ServerDefaults.JOB_NAME,
      ServerDefaults.JOB_NAME_LEGACY);
  private static final Set<String> RBAC_ROLES = Set.of("Role", "ClusterRole");
  private static final GroupKind SECRET = GroupKind.of("", "Secret");
  private static final GroupKind ENDPOINTS = GroupKind.of("", "Endpoints");
  private static final GroupKind JOB = GroupKind.of("batch", "Job");
  private static final GroupKind NAMESPACE = GroupKind.of("", "Namespace");
  private static final GroupKind SERVICE = GroupKind.of("", "Service");
  private static final GroupKind PVC = GroupKind.of("", "PersistentVolumeClaim");

  private final DiffTypes types;
  private final boolean ignoreAggregatedRoles;

  Normalization(DiffTypes types, boolean ignoreAggregatedRoles) {
    this.types = types;
    this.ignoreAggregatedRoles = ignoreAggregatedRoles;
  }

  // ---- inputs ----

  /** The steps run on every input object (and again on outputs). */
  JsonObject inputs(JsonObject root) {
    GroupVersionKind gvk = gvk(root);
    GroupKind gk = gvk.groupKind();
    JsonObject r = root;
    if (gk.equals(SECRET)) {
      r = secret(r);
    }
    if (types.builtIn(gvk)) {
      Optional<Shape> shape = types.shape(gvk);
      if (shape.isPresent()) {
        r = (JsonObject) remarshal(r, shape.get(), false);
      }
    }
    r = editObject(r, "metadata", m -> m.without("creationTimestamp"));
    if (gk.group().equals("rbac.authorization.k8s.io") && RBAC_ROLES.contains(gk.kind())) {
      r = role(r);
    }
    if (gk.equals(ENDPOINTS)) {
      r = endpoints(r);
    }
    return r;
  }

  /**
   * Secret: {@code stringData} entries base64-encoded into {@code data} (values that are not
   * strings copied unchanged, so that an invalid Secret still fails to apply), then null {@code
   * data} values become {@code ""} (argo-cd#943).
   */
  static JsonObject secret(JsonObject root) {
    JsonObject r = root;
    if (r.getOrNull("stringData") instanceof JsonObject stringData) {
      JsonObject data = r.getOrNull("data") instanceof JsonObject d ? d : JsonObject.empty();
      Base64.Encoder b64 = Base64.getEncoder();
      for (int i = 0; i < stringData.size(); i++) {
        JsonValue v = stringData.valueAt(i);
        data = data.with(stringData.keyAt(i), v instanceof JsonString s
            ? JsonString.of(b64.encodeToString(s.value().getBytes(StandardCharsets.UTF_8))) : v);
      }
      r = r.with("data", data).without("stringData");
    }
    if (r.getOrNull("data") instanceof JsonObject data) {
      JsonObject d = data;
      for (int i = 0; i < data.size(); i++) {
        if (data.valueAt(i) instanceof JsonNull) {
          d = d.with(data.keyAt(i), JsonString.of(""));
        }
      }
      r = r.with("data", d);
    }
    return r;
  }

  /**
   * What decoding into the typed struct and encoding again does to a built-in kind: quantities
   * in canonical form ({@code 0.2} and {@code "0.2"} become {@code 200m}, {@code 1024Mi} becomes
   * {@code 1Gi}; invalid text is kept), and fields with {@code null}, empty lists and empty maps
   * dropped (Go's {@code omitempty}). Fields the schema does not know, and content it does not
   * describe, are kept verbatim, so invalid fields still show as differences. Empty structs are
   * kept ({@code emptyDir: {}} means something).
   */
  /** Canonical quantity texts ({@code ""} for texts that are not quantities); bounded. */
  private static final java.util.concurrent.ConcurrentHashMap<String, String> QUANTITIES =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static String canonicalQuantity(String text) {
    String known = QUANTITIES.get(text);
    if (known != null) {
      return known;
    }
    String canonical = Quantity.tryParse(text).map(Quantity::toString).orElse("");
    if (QUANTITIES.size() < 8192 && text.length() <= 64) {
      QUANTITIES.put(text, canonical);
    }
    return canonical;
  }

  static JsonValue remarshal(JsonValue v, Shape shape, boolean inMetadataManagedFields) {
    if (shape instanceof AnyShape || inMetadataManagedFields) {
      return v;
    }
    if (v instanceof JsonObject o && shape instanceof ObjectShape os) {
      JsonObject out = o;
      for (int i = 0; i < o.size(); i++) {
        String key = o.keyAt(i);
        Shape cs = os.field(key).orElse(null);
        if (cs == null) {
          continue;
        }
        JsonValue value = o.valueAt(i);
        JsonValue r = remarshal(value, cs, key.equals("managedFields"));
        if (r instanceof JsonNull || (r instanceof JsonArray a && a.isEmpty()
            && cs instanceof ArrayShape)
            || (r instanceof JsonObject m && m.isEmpty() && cs instanceof ObjectShape co
            && co.isMap())) {
          out = out.without(key);
        } else if (r != value) {
          out = out.with(key, r);
        }
      }
      return out;
    }
    if (v instanceof JsonArray a && shape instanceof ArrayShape as) {
      JsonArray out = a;
      for (int i = 0; i < a.size(); i++) {
        JsonValue r = remarshal(a.get(i), as.items(), false);
        if (r != a.get(i)) {
          out = out.with(i, r);
        }
      }
      return out;
    }
    if (shape instanceof ScalarShape ss && ss.isQuantity()) {
      String text = v instanceof JsonString s ? s.value()
          : v instanceof JsonNumber n ? n.toString() : null;
      if (text != null) {
        String canonical = canonicalQuantity(text);
        if (!canonical.isEmpty()) {
          return v instanceof JsonString s && s.value().equals(canonical) ? v
              : JsonString.of(canonical);
        }
      }
    }
    return v;
  }

  /** Role and ClusterRole: empty rules, and with the option aggregated rules, are unset. */
  private JsonObject role(JsonObject root) {
    JsonValue rules = root.getOrNull("rules");
    if (ignoreAggregatedRoles && root.getOrNull("aggregationRule") instanceof JsonObject) {
      return root.without("rules");
    }
    if (rules instanceof JsonNull || (rules instanceof JsonArray a && a.isEmpty())) {
      return root.without("rules");
    }
    return root;
  }

  /**
   * Endpoints: an empty port protocol is {@code TCP}; addresses are sorted by IP and target
   * uid, ports and subsets by their content, as Kubernetes' {@code SortSubsets} makes them
   * comparable.
   */
  static JsonObject endpoints(JsonObject root) {
    if (!(root.getOrNull("subsets") instanceof JsonArray subsets)) {
      return root;
    }
    List<JsonValue> out = new ArrayList<>();
    for (JsonValue s : subsets.items()) {
      if (!(s instanceof JsonObject subset)) {
        out.add(s);
        continue;
      }
      JsonObject x = subset;
      if (x.getOrNull("ports") instanceof JsonArray ports) {
        List<JsonValue> ps = new ArrayList<>();
        for (JsonValue p : ports.items()) {
          if (p instanceof JsonObject port && (!(port.getOrNull("protocol") instanceof JsonString
              proto) || proto.value().isEmpty())) {
            ps.add(port.with("protocol", JsonString.of("TCP")));
          } else {
            ps.add(p);
          }
        }
        ps.sort(Comparator.comparing(JsonValue::toJson));
        x = x.with("ports", JsonArray.of(ps));
      }
      for (String field : List.of("addresses", "notReadyAddresses")) {
        if (x.getOrNull(field) instanceof JsonArray addresses) {
          List<JsonValue> as = new ArrayList<>(addresses.items());
          as.sort(Comparator.comparing((JsonValue a) -> string(a, "ip"))
              .thenComparing(a -> a instanceof JsonObject o && o.getOrNull("targetRef")
                  instanceof JsonObject t ? string(t, "uid") : "")
              .thenComparing(JsonValue::toJson));
          x = x.with(field, JsonArray.of(as));
        }
      }
      out.add(x);
    }
    out.sort(Comparator.comparing(JsonValue::toJson));
    return root.with("subsets", JsonArray.of(out));
  }

  // ---- outputs ----

  /** The steps run on the predicted and the live object before they are compared. */
  JsonObject outputs(JsonObject root) {
    return outputs(root, true);
  }

  /**
   * The output steps; without defaults for the view of an object to create, which shows what
   * Git says rather than what the server would add.
   */
  JsonObject outputs(JsonObject root, boolean withDefaults) {
    GroupVersionKind gvk = gvk(root);
    JsonObject r = root;
    if (withDefaults) {
      r = ServerDefaults.apply(Manifest.of(r)).root();
      r = AdmissionDefaults.apply(gvk, r);
    }
    r = inputs(r);
    r = editObject(r, "metadata", m -> {
      JsonObject x = m;
      for (String f : SYSTEM_METADATA) {
        x = x.without(f);
      }
      return x;
    });
    if (types.serverOwnedStatus(gvk)) {
      r = r.without("status");
    }
    GroupKind gk = gvk.groupKind();
    r = editObject(r, "metadata", m -> withoutKeys(m, "annotations", SERVER_ANNOTATIONS));
    if (gk.equals(NAMESPACE)) {
      r = editObject(r, "metadata", m -> withoutKeys(m, "labels",
          List.of(ServerDefaults.NAMESPACE_NAME_LABEL)));
    }
    if (gk.equals(JOB)) {
      r = editObject(r, "metadata", m -> withoutKeys(m, "labels", JOB_LABELS));
      r = editObject(r, "spec", s -> editObject(s, "template", t -> editObject(t, "metadata",
          m -> withoutKeys(m, "labels", JOB_LABELS))));
    }
    r = editObject(r, "metadata", m -> withoutEmpty(withoutEmpty(m, "annotations"), "labels"));
    return r;
  }

  private static JsonObject withoutKeys(JsonObject o, String field, List<String> keys) {
    if (!(o.getOrNull(field) instanceof JsonObject map)) {
      return o;
    }
    JsonObject m = map;
    for (String k : keys) {
      m = m.without(k);
    }
    return m == map ? o : o.with(field, m);
  }

  private static JsonObject withoutEmpty(JsonObject o, String field) {
    JsonValue v = o.getOrNull(field);
    return v instanceof JsonNull || (v instanceof JsonObject m && m.isEmpty()) ? o.without(field)
        : o;
  }

  // ---- pairwise ----

  /**
   * Values the API server allocates, or copies from the stored object when an update omits
   * them, taken from live where the prediction lacks them: Service {@code clusterIP}, {@code
   * clusterIPs}, {@code ipFamilies}, {@code ipFamilyPolicy}, {@code healthCheckNodePort} and
   * port {@code nodePort}s; Job {@code spec.selector}; Namespace {@code spec.finalizers};
   * PersistentVolumeClaim {@code spec.volumeName} and {@code spec.storageClassName}.
   */
  static JsonObject carryOver(JsonObject predicted, JsonObject live) {
    GroupKind gk = gvk(predicted).groupKind();
    if (!(predicted.getOrNull("spec") instanceof JsonObject ps)
        || !(live.getOrNull("spec") instanceof JsonObject ls)) {
      return predicted;
    }
    JsonObject s = ps;
    if (gk.equals(SERVICE)) {
      String type = string(s, "type").isEmpty() ? "ClusterIP" : string(s, "type");
      if (!type.equals("ExternalName")) {
        s = copyMissing(s, ls, "clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy");
      }
      if (type.equals("LoadBalancer")) {
        s = copyMissing(s, ls, "healthCheckNodePort");
      }
      if ((type.equals("NodePort") || type.equals("LoadBalancer"))
          && s.getOrNull("ports") instanceof JsonArray ports
          && ls.getOrNull("ports") instanceof JsonArray livePorts) {
        s = s.with("ports", nodePorts(ports, livePorts));
      }
    } else if (gk.equals(JOB)) {
      if (!(s.getOrNull("manualSelector") instanceof JsonBoolean b && b.value())) {
        s = copyMissing(s, ls, "selector");
      }
    } else if (gk.equals(NAMESPACE)) {
      s = copyMissing(s, ls, "finalizers");
    } else if (gk.equals(PVC)) {
      s = copyMissing(s, ls, "volumeName", "storageClassName");
    }
    return s == ps ? predicted : predicted.with("spec", s);
  }

  private static JsonObject copyMissing(JsonObject to, JsonObject from, String... fields) {
    JsonObject out = to;
    for (String f : fields) {
      JsonValue v = from.getOrNull(f);
      JsonValue mine = out.getOrNull(f);
      if (v != null && !(v instanceof JsonNull) && (mine == null || mine instanceof JsonNull)) {
        out = out.with(f, v);
      }
    }
    return out;
  }

  private static JsonArray nodePorts(JsonArray ports, JsonArray livePorts) {
    JsonArray out = ports;
    for (int i = 0; i < ports.size(); i++) {
      if (!(ports.get(i) instanceof JsonObject p) || p.has("nodePort")) {
        continue;
      }
      for (JsonValue l : livePorts.items()) {
        if (l instanceof JsonObject lp && lp.getOrNull("nodePort") != null
            && lp.getOrNull("port") != null && lp.getOrNull("port").equals(p.getOrNull("port"))
            && protocol(lp).equals(protocol(p))) {
          out = out.with(i, p.with("nodePort", lp.getOrNull("nodePort")));
          break;
        }
      }
    }
    return out;
  }

  private static String protocol(JsonObject port) {
    String p = string(port, "protocol");
    return p.isEmpty() ? "TCP" : p;
  }

  /**
   * For built-in kinds: a zero value ({@code false}, {@code 0}, {@code ""}) in the prediction
   * at a field live does not have is dropped. The API server omits zero values of its
   * non-pointer fields ({@code hostNetwork: false}, an env var's {@code value: ""}), so live
   * never shows them. Only struct fields the schema types as scalars qualify; map entries (a
   * label {@code ""}) never do. The price: removing a pointer field whose desired value is a
   * zero value (e.g. {@code automountServiceAccountToken: false}) from live goes unnoticed.
   * Objects are walked where both sides have them, arrays item by item where their lengths
   * agree.
   */
  JsonObject dropUnsetZeros(JsonObject predicted, JsonObject live) {
    GroupVersionKind gvk = gvk(predicted);
    Optional<Shape> shape = types.builtIn(gvk) ? types.shape(gvk) : Optional.empty();
    return shape.isEmpty() ? predicted : (JsonObject) zeros(predicted, live, shape.get());
  }

  private static JsonValue zeros(JsonValue p, JsonValue l, Shape shape) {
    if (p instanceof JsonObject po && l instanceof JsonObject lo
        && shape instanceof ObjectShape os && !os.isMap()) {
      JsonObject out = po;
      for (int i = 0; i < po.size(); i++) {
        String k = po.keyAt(i);
        Shape cs = os.hasField(k) ? os.field(k).orElse(null) : null;
        JsonValue pv = po.valueAt(i);
        JsonValue lv = lo.getOrNull(k);
        if (cs == null) {
          continue;
        }
        if (lv == null) {
          if (cs instanceof ScalarShape && isZero(pv)) {
            out = out.without(k);
          }
        } else if (!pv.equals(lv)) {
          JsonValue r = zeros(pv, lv, cs);
          if (r != pv) {
            out = out.with(k, r);
          }
        }
      }
      return out;
    }
    if (p instanceof JsonArray pa && l instanceof JsonArray la && pa.size() == la.size()
        && shape instanceof ArrayShape as) {
      JsonArray out = pa;
      for (int i = 0; i < pa.size(); i++) {
        JsonValue r = zeros(pa.get(i), la.get(i), as.items());
        if (r != pa.get(i)) {
          out = out.with(i, r);
        }
      }
      return out;
    }
    return p;
  }

  private static boolean isZero(JsonValue v) {
    return (v instanceof JsonBoolean b && !b.value())
        || (v instanceof JsonNumber n && n.decimalValue().signum() == 0)
        || (v instanceof JsonString s && s.value().isEmpty());
  }

  // ---- helpers ----

  static GroupVersionKind gvk(JsonObject root) {
    return GroupVersionKind.of(string(root, "apiVersion"), string(root, "kind"));
  }

  static String string(@Nullable JsonValue o, String field) {
    return o instanceof JsonObject obj && obj.getOrNull(field) instanceof JsonString s
        ? s.value() : "";
  }

  /** Edits the object at a field; absent or non-object fields are left alone. */
  static JsonObject editObject(JsonObject o, String field,
      java.util.function.UnaryOperator<JsonObject> edit) {
    if (!(o.getOrNull(field) instanceof JsonObject child)) {
      return o;
    }
    JsonObject changed = edit.apply(child);
    return changed == child ? o : o.with(field, changed);
  }
}
