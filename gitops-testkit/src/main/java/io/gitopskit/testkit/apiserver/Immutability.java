package io.gitopskit.testkit.apiserver;

import io.gitopskit.core.cluster.FieldCause;
import io.gitopskit.core.defaults.Quantity;
import io.gitopskit.core.defaults.Semantic;
import io.gitopskit.core.defaults.ServerDefaults;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.GroupKind;
import io.gitopskit.core.model.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The update rules of k8s-defaults.md §4: which changes the API server refuses, with its exact
 * cause texts. {@link #check} returns the causes in the order Kubernetes' validation reports
 * them; pass them to {@link ApiErrors#invalid} for the 422 failure.
 *
 * <p>Both objects are {@linkplain ServerDefaults#apply defaulted} first and compared
 * {@linkplain Semantic semantically}, as the server compares decoded objects. Fields are
 * compared literally otherwise: the server copies {@code uid} (when empty), {@code
 * creationTimestamp}, the deletion fields and {@code generation} from the stored object before
 * validating, so a simulator should do that before calling {@link #check}. The one exception
 * is Service, where the registry's copy of omitted {@code clusterIP}/{@code clusterIPs} is
 * applied here, so an apply that leaves them out is not refused.
 *
 * <p>Deviations: values of Go structs without JSON names (Job {@code spec.template} and {@code
 * podFailurePolicy}) are rendered in their {@code v1} JSON form; the go-cmp diff the server
 * appends to the PersistentVolumeClaim and Pod spec messages is not reproduced; Pod updates
 * allow only the simplified set below.
 *
 * <p>Internal to the test kit: public so the simulated API server can use it, not a stable API.
 *
 * @since 0.1
 */
public final class Immutability {

  /** The StatefulSet spec message of Kubernetes 1.35. */
  public static final String STATEFULSET_SPEC_FORBIDDEN = "updates to statefulset spec for "
      + "fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', "
      + "'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' "
      + "are forbidden";

  /** The Pod spec message (without the diff the server appends). */
  public static final String POD_SPEC_FORBIDDEN = "pod updates may not change fields other than "
      + "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
      + "`spec.tolerations` (only additions to existing tolerations),"
      + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously "
      + "negative)";

  /** The PersistentVolumeClaim spec message (without the diff the server appends). */
  public static final String PVC_SPEC_FORBIDDEN = "spec is immutable after creation except "
      + "resources.requests and volumeAttributesClassName for bound claims";

  /** The detail for ConfigMaps and Secrets marked immutable. */
  public static final String IMMUTABLE_WHEN_SET = "field is immutable when `immutable` is set";

  private static final List<String> STATEFULSET_MUTABLE = List.of("replicas", "ordinals",
      "template", "updateStrategy", "revisionHistoryLimit",
      "persistentVolumeClaimRetentionPolicy", "minReadySeconds");
  private static final List<String> REQUIREMENT_FIELDS = List.of("key", "operator", "values");

  private Immutability() {}

  /**
   * The causes that make the update from {@code oldObj} to {@code newObj} invalid.
   *
   * @param oldObj the stored object
   * @param newObj the object being written
   * @return the causes, empty when the update is allowed
   * @throws IllegalArgumentException when the objects are of different kinds
   */
  public static List<FieldCause> check(Manifest oldObj, Manifest newObj) {
    Objects.requireNonNull(oldObj, "oldObj");
    Objects.requireNonNull(newObj, "newObj");
    GroupKind gk = newObj.groupKind();
    if (!oldObj.groupKind().equals(gk)) {
      throw new IllegalArgumentException("different kinds: " + oldObj + " and " + newObj);
    }
    JsonObject before = ServerDefaults.apply(oldObj).root();
    JsonObject after = ServerDefaults.apply(newObj).root();
    List<FieldCause> causes = new ArrayList<>();
    metadata(obj(before, "metadata"), obj(after, "metadata"), causes);
    String key = gk.group() + "/" + gk.kind();
    switch (key) {
      case "apps/Deployment":
      case "apps/ReplicaSet":
      case "apps/DaemonSet":
        selector(obj(before, "spec"), obj(after, "spec"), causes);
        break;
      case "apps/StatefulSet":
        statefulSet(obj(before, "spec"), obj(after, "spec"), causes);
        break;
      case "batch/Job":
        job(before, after, causes);
        break;
      case "/Service":
        service(obj(before, "spec"), obj(after, "spec"), causes);
        break;
      case "/PersistentVolumeClaim":
        persistentVolumeClaim(before, after, causes);
        break;
      case "/ConfigMap":
        immutableData(before, after, true, causes);
        break;
      case "/Secret":
        if (!Semantic.equal(before.getOrNull("type"), after.getOrNull("type"))) {
          causes.add(FieldErrors.immutable("type", after.getOrNull("type")));
        }
        immutableData(before, after, false, causes);
        break;
      case "rbac.authorization.k8s.io/RoleBinding":
      case "rbac.authorization.k8s.io/ClusterRoleBinding":
        roleRef(before, after, causes);
        break;
      case "storage.k8s.io/StorageClass":
        storageClass(before, after, causes);
        break;
      case "/Pod":
        pod(obj(before, "spec"), obj(after, "spec"), causes);
        break;
      default:
        break;
    }
    return List.copyOf(causes);
  }

  // ---- metadata ----

  private static void metadata(JsonObject before, JsonObject after, List<FieldCause> causes) {
    if (!isUnset(before.getOrNull("deletionTimestamp"))) {
      TreeSet<String> added = new TreeSet<>(strings(after, "finalizers"));
      added.removeAll(strings(before, "finalizers"));
      if (!added.isEmpty()) {
        causes.add(FieldErrors.forbidden("metadata.finalizers", "no new finalizers can be added "
            + "if the object is being deleted, found new finalizers " + goStrings(added)));
      }
    }
    long oldGeneration = number(before.getOrNull("generation"));
    long newGeneration = number(after.getOrNull("generation"));
    if (newGeneration < oldGeneration) {
      causes.add(FieldErrors.invalid("metadata.generation", newGeneration,
          "must not be decremented"));
    }
    for (String field : new String[] {"name", "namespace", "uid"}) {
      JsonString o = JsonString.of(string(before, field));
      JsonString n = JsonString.of(string(after, field));
      if (!o.equals(n)) {
        causes.add(FieldErrors.immutable("metadata." + field, n));
      }
    }
    for (String field : new String[] {"creationTimestamp", "deletionTimestamp",
        "deletionGracePeriodSeconds"}) {
      if (!Semantic.equal(before.getOrNull(field), after.getOrNull(field))) {
        causes.add(FieldErrors.immutable("metadata." + field, after.getOrNull(field)));
      }
    }
  }

  // ---- apps ----

  private static void selector(JsonObject before, JsonObject after, List<FieldCause> causes) {
    JsonValue oldSelector = before.getOrNull("selector");
    JsonValue newSelector = after.getOrNull("selector");
    if (!Semantic.equal(oldSelector, newSelector)) {
      causes.add(FieldErrors.rendered(FieldErrorType.INVALID, "spec.selector",
          labelSelector(newSelector), FieldErrors.IMMUTABLE));
    }
  }

  /** A LabelSelector as Go marshals it: matchLabels, then matchExpressions. */
  static String labelSelector(@Nullable JsonValue selector) {
    if (!(selector instanceof JsonObject s)) {
      return FieldErrors.render(selector);
    }
    StringBuilder b = new StringBuilder("{");
    JsonValue labels = s.getOrNull("matchLabels");
    if (labels instanceof JsonObject l && !l.isEmpty()) {
      b.append("\"matchLabels\":").append(FieldErrors.json(l));
    }
    JsonValue expressions = s.getOrNull("matchExpressions");
    if (expressions instanceof JsonArray a && !a.isEmpty()) {
      if (b.length() > 1) {
        b.append(',');
      }
      b.append("\"matchExpressions\":[");
      for (int i = 0; i < a.size(); i++) {
        if (i > 0) {
          b.append(',');
        }
        JsonValue e = a.get(i);
        b.append(e instanceof JsonObject o ? FieldErrors.struct(o, REQUIREMENT_FIELDS)
            : FieldErrors.render(e));
      }
      b.append(']');
    }
    return b.append('}').toString();
  }

  private static void statefulSet(JsonObject before, JsonObject after, List<FieldCause> causes) {
    JsonObject a = before;
    JsonObject b = after;
    for (String mutable : STATEFULSET_MUTABLE) {
      a = a.without(mutable);
      b = b.without(mutable);
    }
    if (!Semantic.equal(a, b)) {
      causes.add(FieldErrors.forbidden("spec", STATEFULSET_SPEC_FORBIDDEN));
    }
  }

  // ---- batch ----

  private static void job(JsonObject beforeRoot, JsonObject afterRoot, List<FieldCause> causes) {
    JsonObject before = obj(beforeRoot, "spec");
    JsonObject after = obj(afterRoot, "spec");
    JsonValue completions = after.getOrNull("completions");
    boolean indexed = "Indexed".equals(string(after, "completionMode"));
    if (!Semantic.equal(before.getOrNull("completions"), completions)) {
      if (!indexed) {
        causes.add(FieldErrors.immutable("spec.completions", completions));
      } else if (!isUnset(completions)
          && !completions.equals(after.getOrNull("parallelism"))) {
        causes.add(FieldErrors.invalid("spec.completions", completions,
            "can only be modified in tandem with spec.parallelism"));
      }
    }
    if (!Semantic.equal(before.getOrNull("selector"), after.getOrNull("selector"))) {
      causes.add(FieldErrors.rendered(FieldErrorType.INVALID, "spec.selector",
          labelSelector(after.getOrNull("selector")), FieldErrors.IMMUTABLE));
    }
    JsonObject oldTemplate = obj(before, "template");
    JsonObject newTemplate = obj(after, "template");
    boolean suspendedNeverStarted = isTrue(before, "suspend")
        && isUnset(obj(beforeRoot, "status").getOrNull("startTime"));
    if (suspendedNeverStarted) {
      oldTemplate = withSchedulingDirectives(oldTemplate, newTemplate);
    }
    if (!Semantic.equal(oldTemplate, newTemplate)) {
      causes.add(FieldErrors.immutable("spec.template", after.getOrNull("template")));
    }
    for (String field : new String[] {"completionMode", "podFailurePolicy",
        "backoffLimitPerIndex", "managedBy", "successPolicy"}) {
      if (!Semantic.equal(before.getOrNull(field), after.getOrNull(field))) {
        causes.add(FieldErrors.immutable("spec." + field, after.getOrNull(field)));
      }
    }
  }

  /**
   * The old template with the new one's scheduling directives, which a suspended Job that never
   * started may change: node selector, tolerations, scheduling gates, node affinity, and the
   * template's labels and annotations.
   */
  private static JsonObject withSchedulingDirectives(JsonObject old, JsonObject now) {
    JsonObject oldSpec = obj(old, "spec");
    JsonObject newSpec = obj(now, "spec");
    for (String field : new String[] {"nodeSelector", "tolerations", "schedulingGates"}) {
      oldSpec = copyField(oldSpec, newSpec, field);
    }
    JsonObject newAffinity = newSpec.getOrNull("affinity") instanceof JsonObject n ? n : null;
    JsonObject oldAffinity = oldSpec.getOrNull("affinity") instanceof JsonObject o ? o : null;
    if (newAffinity == null && oldAffinity != null) {
      JsonObject rest = oldAffinity.without("nodeAffinity");
      oldSpec = rest.isEmpty() ? oldSpec.without("affinity") : oldSpec.with("affinity", rest);
    } else if (newAffinity != null) {
      JsonObject base = oldAffinity == null ? JsonObject.empty() : oldAffinity;
      oldSpec = oldSpec.with("affinity", copyField(base, newAffinity, "nodeAffinity"));
    }
    JsonObject oldMeta = obj(old, "metadata");
    JsonObject newMeta = obj(now, "metadata");
    oldMeta = copyField(copyField(oldMeta, newMeta, "labels"), newMeta, "annotations");
    return old.with("spec", oldSpec).with("metadata", oldMeta);
  }

  // ---- core ----

  private static void service(JsonObject before, JsonObject after, List<FieldCause> causes) {
    String oldType = string(before, "type");
    String newType = string(after, "type");
    if (oldType.equals("ExternalName") || newType.equals("ExternalName")) {
      return;
    }
    List<String> oldIps = clusterIps(before);
    List<String> newIps = clusterIps(after);
    if (newIps.isEmpty()) {
      newIps = oldIps; // the registry copies omitted allocated values from the live object
    } else if (!string(after, "clusterIP").isEmpty()
        && after.getOrNull("clusterIPs") instanceof JsonArray given
        && strings(given).equals(oldIps) && !string(after, "clusterIP").equals(first(oldIps))) {
      newIps = List.of(string(after, "clusterIP"));
    }
    boolean oldHeadless = oldIps.size() == 1 && oldIps.get(0).equals("None");
    boolean newHeadless = newIps.size() == 1 && newIps.get(0).equals("None");
    if (!(oldHeadless && newHeadless)) {
      JsonArray value = stringArray(newIps);
      if (oldIps.size() == newIps.size()) {
        for (int i = 0; i < oldIps.size(); i++) {
          if (!oldIps.get(i).equals(newIps.get(i))) {
            causes.add(FieldErrors.invalid("spec.clusterIPs[" + i + "]", value,
                "may not change once set"));
          }
        }
      } else if (oldIps.size() > newIps.size()) {
        if (newIps.isEmpty()) {
          causes.add(FieldErrors.invalid("spec.clusterIPs[0]", JsonNull.INSTANCE,
              "primary clusterIP can not be unset"));
        } else if (!newIps.get(0).equals(oldIps.get(0))) {
          causes.add(FieldErrors.invalid("spec.clusterIPs[0]", value, "may not change once set"));
        }
        if (newIps.size() == 1 && !"SingleStack".equals(string(after, "ipFamilyPolicy"))) {
          causes.add(FieldErrors.invalid("spec.clusterIPs[0]", value,
              "`ipFamilyPolicy` must be set to 'SingleStack' when releasing the secondary "
                  + "clusterIP"));
        }
      } else if (!oldIps.isEmpty() && !newIps.get(0).equals(oldIps.get(0))) {
        causes.add(FieldErrors.invalid("spec.clusterIPs[0]", value, "may not change once set"));
      }
    }
    if (oldType.equals("LoadBalancer") && newType.equals("LoadBalancer")
        && !Semantic.equal(before.getOrNull("loadBalancerClass"),
            after.getOrNull("loadBalancerClass"))) {
      causes.add(FieldErrors.invalid("spec.loadBalancerClass",
          after.getOrNull("loadBalancerClass"), "may not change once set"));
    }
  }

  private static List<String> clusterIps(JsonObject spec) {
    List<String> ips = strings(spec, "clusterIPs");
    if (ips.isEmpty() && !string(spec, "clusterIP").isEmpty()) {
      return List.of(string(spec, "clusterIP"));
    }
    return ips;
  }

  private static void persistentVolumeClaim(JsonObject beforeRoot, JsonObject afterRoot,
      List<FieldCause> causes) {
    JsonObject before = obj(beforeRoot, "spec");
    JsonObject after = obj(afterRoot, "spec");
    JsonObject oldSpec = before;
    JsonObject newSpec = after;
    if (string(before, "volumeName").isEmpty()) {
      oldSpec = copyField(oldSpec, newSpec, "volumeName");
    }
    boolean bound = "Bound".equals(string(obj(beforeRoot, "status"), "phase"));
    if (bound) {
      JsonObject newResources = obj(newSpec, "resources");
      JsonObject newRequests = obj(newResources, "requests");
      JsonValue oldStorage = obj(obj(before, "resources"), "requests").getOrNull("storage");
      if (newResources.getOrNull("requests") instanceof JsonObject) {
        newRequests = oldStorage == null ? newRequests.without("storage")
            : newRequests.with("storage", oldStorage);
        newSpec = newSpec.with("resources", newResources.with("requests", newRequests));
      }
      if (!isUnset(newSpec.getOrNull("volumeAttributesClassName"))) {
        newSpec = copyField(newSpec, oldSpec, "volumeAttributesClassName");
      }
    }
    if (!Semantic.equal(oldSpec, newSpec)) {
      causes.add(FieldErrors.forbidden("spec", PVC_SPEC_FORBIDDEN));
    }
    Quantity oldSize = storage(obj(obj(before, "resources"), "requests"));
    Quantity newSize = storage(obj(obj(after, "resources"), "requests"));
    Quantity statusSize = storage(obj(obj(beforeRoot, "status"), "capacity"));
    if (newSize.compareTo(oldSize) < 0 && newSize.compareTo(statusSize) <= 0) {
      causes.add(FieldErrors.forbidden("spec.resources.requests.storage",
          "field can not be less than status.capacity"));
    }
  }

  private static Quantity storage(JsonObject list) {
    JsonValue v = list.getOrNull("storage");
    String text = v instanceof JsonString s ? s.value()
        : v instanceof JsonNumber n ? n.decimalValue().toPlainString() : "0";
    return Quantity.tryParse(text).orElse(Quantity.of(0));
  }

  private static void immutableData(JsonObject before, JsonObject after, boolean configMap,
      List<FieldCause> causes) {
    if (!isTrue(before, "immutable")) {
      return;
    }
    if (!isTrue(after, "immutable")) {
      causes.add(FieldErrors.forbidden("immutable", IMMUTABLE_WHEN_SET));
    }
    if (!Semantic.equal(before.getOrNull("data"), after.getOrNull("data"))) {
      causes.add(FieldErrors.forbidden("data", IMMUTABLE_WHEN_SET));
    }
    if (configMap && !Semantic.equal(before.getOrNull("binaryData"),
        after.getOrNull("binaryData"))) {
      causes.add(FieldErrors.forbidden("binaryData", IMMUTABLE_WHEN_SET));
    }
  }

  private static void pod(JsonObject before, JsonObject after, List<FieldCause> causes) {
    for (String list : new String[] {"containers", "initContainers"}) {
      if (objects(before, list).size() != objects(after, list).size()) {
        causes.add(FieldErrors.forbidden("spec." + list,
            "pod updates may not add or remove containers"));
        return;
      }
    }
    JsonValue newDeadline = after.getOrNull("activeDeadlineSeconds");
    JsonValue oldDeadline = before.getOrNull("activeDeadlineSeconds");
    if (newDeadline instanceof JsonNumber n) {
      long value = n.decimalValue().longValue();
      if (value < 0 || value > Integer.MAX_VALUE) {
        causes.add(FieldErrors.invalid("spec.activeDeadlineSeconds", value,
            "must be between 0 and 2147483647, inclusive"));
        return;
      }
      if (oldDeadline instanceof JsonNumber o && o.decimalValue().longValue() < value) {
        causes.add(FieldErrors.invalid("spec.activeDeadlineSeconds", value,
            "must be less than or equal to previous value"));
        return;
      }
    } else if (!isUnset(oldDeadline)) {
      causes.add(FieldErrors.invalid("spec.activeDeadlineSeconds", JsonNull.INSTANCE,
          "must not update from a positive integer to nil value"));
    }
    List<JsonObject> oldTolerations = objects(before, "tolerations");
    List<JsonObject> newTolerations = objects(after, "tolerations");
    for (JsonObject old : oldTolerations) {
      boolean found = false;
      for (JsonObject t : newTolerations) {
        if (Semantic.equal(copyField(old, t, "tolerationSeconds"), t)) {
          found = true;
          break;
        }
      }
      if (!found) {
        causes.add(FieldErrors.forbidden("spec.tolerations",
            "existing toleration can not be modified except its tolerationSeconds"));
        break;
      }
    }
    JsonObject munged = after;
    for (String list : new String[] {"containers", "initContainers"}) {
      munged = withImagesOf(munged, before, list);
    }
    for (String field : new String[] {"activeDeadlineSeconds", "terminationGracePeriodSeconds",
        "tolerations"}) {
      munged = copyField(munged, before, field);
    }
    if (!Semantic.equal(before, munged)) {
      causes.add(FieldErrors.forbidden("spec", POD_SPEC_FORBIDDEN));
    }
  }

  /** The spec with each container's image taken from the same position in {@code source}. */
  private static JsonObject withImagesOf(JsonObject spec, JsonObject source, String list) {
    if (!(spec.getOrNull(list) instanceof JsonArray containers)) {
      return spec;
    }
    List<JsonObject> from = objects(source, list);
    JsonArray out = containers;
    for (int i = 0; i < containers.size() && i < from.size(); i++) {
      if (containers.get(i) instanceof JsonObject c) {
        out = out.with(i, copyField(c, from.get(i), "image"));
      }
    }
    return spec.with(list, out);
  }

  // ---- rbac and storage ----

  private static void roleRef(JsonObject before, JsonObject after, List<FieldCause> causes) {
    JsonObject oldRef = obj(before, "roleRef");
    JsonObject newRef = obj(after, "roleRef");
    if (!goStruct(oldRef).equals(goStruct(newRef))) {
      causes.add(FieldErrors.rendered(FieldErrorType.INVALID, "roleRef", goStruct(newRef),
          "cannot change roleRef"));
    }
  }

  /** The internal rbac.RoleRef, a Go struct without JSON names: every field, Go names. */
  private static String goStruct(JsonObject ref) {
    return "{\"APIGroup\":" + FieldErrors.json(JsonString.of(string(ref, "apiGroup")))
        + ",\"Kind\":" + FieldErrors.json(JsonString.of(string(ref, "kind")))
        + ",\"Name\":" + FieldErrors.json(JsonString.of(string(ref, "name"))) + "}";
  }

  private static void storageClass(JsonObject before, JsonObject after,
      List<FieldCause> causes) {
    if (!Semantic.equal(before.getOrNull("parameters"), after.getOrNull("parameters"))) {
      causes.add(FieldErrors.forbidden("parameters", "updates to parameters are forbidden."));
    }
    if (!string(before, "provisioner").equals(string(after, "provisioner"))) {
      causes.add(FieldErrors.forbidden("provisioner", "updates to provisioner are forbidden."));
    }
    if (!string(before, "reclaimPolicy").equals(string(after, "reclaimPolicy"))) {
      causes.add(FieldErrors.forbidden("reclaimPolicy",
          "updates to reclaimPolicy are forbidden."));
    }
    if (!Semantic.equal(before.getOrNull("volumeBindingMode"),
        after.getOrNull("volumeBindingMode"))) {
      causes.add(FieldErrors.immutable("volumeBindingMode", after.getOrNull("volumeBindingMode")));
    }
  }

  // ---- helpers ----

  private static JsonObject obj(JsonObject o, String key) {
    return o.getOrNull(key) instanceof JsonObject x ? x : JsonObject.empty();
  }

  private static String string(JsonObject o, String key) {
    return o.getOrNull(key) instanceof JsonString s ? s.value() : "";
  }

  private static boolean isTrue(JsonObject o, String key) {
    return o.getOrNull(key) instanceof JsonBoolean b && b.value();
  }

  private static boolean isUnset(@Nullable JsonValue v) {
    return v == null || v instanceof JsonNull;
  }

  private static long number(@Nullable JsonValue v) {
    return v instanceof JsonNumber n ? n.decimalValue().longValue() : 0;
  }

  private static List<String> strings(JsonObject o, String key) {
    return o.getOrNull(key) instanceof JsonArray a ? strings(a) : List.of();
  }

  private static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>(a.size());
    for (JsonValue v : a.items()) {
      out.add(v instanceof JsonString s ? s.value() : v.toJson());
    }
    return out;
  }

  private static JsonArray stringArray(List<String> values) {
    JsonArray.Builder b = JsonArray.builder();
    values.forEach(v -> b.add(JsonString.of(v)));
    return b.build();
  }

  private static @Nullable String first(List<String> values) {
    return values.isEmpty() ? null : values.get(0);
  }

  private static List<JsonObject> objects(JsonObject o, String key) {
    if (!(o.getOrNull(key) instanceof JsonArray a)) {
      return List.of();
    }
    List<JsonObject> out = new ArrayList<>(a.size());
    for (JsonValue v : a.items()) {
      out.add(v instanceof JsonObject x ? x : JsonObject.empty());
    }
    return out;
  }

  /** {@code target} with {@code field} set as in {@code source} (removed when absent there). */
  private static JsonObject copyField(JsonObject target, JsonObject source, String field) {
    JsonValue v = source.getOrNull(field);
    return v == null ? target.without(field) : target.with(field, v);
  }

  /** Go's {@code %#v} of a {@code []string}. */
  private static String goStrings(Iterable<String> values) {
    StringBuilder b = new StringBuilder("[]string{");
    boolean first = true;
    for (String v : values) {
      if (!first) {
        b.append(", ");
      }
      b.append(FieldErrors.quote(v));
      first = false;
    }
    return b.append('}').toString();
  }
}
