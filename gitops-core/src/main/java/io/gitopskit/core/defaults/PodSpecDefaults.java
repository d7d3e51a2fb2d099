package io.gitopskit.core.defaults;

import static io.gitopskit.core.defaults.Trees.defaultNonZero;
import static io.gitopskit.core.defaults.Trees.defaultString;
import static io.gitopskit.core.defaults.Trees.defaultValue;
import static io.gitopskit.core.defaults.Trees.editEach;
import static io.gitopskit.core.defaults.Trees.editObject;
import static io.gitopskit.core.defaults.Trees.editStruct;
import static io.gitopskit.core.defaults.Trees.isUnset;
import static io.gitopskit.core.defaults.Trees.isZero;
import static io.gitopskit.core.defaults.Trees.str;
import static io.gitopskit.core.defaults.Trees.string;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The PodSpec and Container defaults of k8s-defaults.md §3.1, for templates and (with the extra
 * Pod-only rules) for Pod objects. Also the PersistentVolumeClaimSpec and resource-list rules
 * shared with StatefulSet claim templates and ephemeral volumes.
 */
final class PodSpecDefaults {

  /** {@code 0644}, the default mode of projected, configMap, secret and downwardAPI volumes. */
  static final long DEFAULT_MODE = 420;

  private static final Set<String> POD_LEVEL_RESOURCES = Set.of("cpu", "memory");

  private PodSpecDefaults() {}

  /** A PodTemplateSpec ({@code metadata} + {@code spec}): template rules only. */
  static JsonObject template(JsonObject template) {
    return editStruct(template, "spec", s -> podSpec(s, false));
  }

  /**
   * A PodSpec.
   *
   * @param spec the spec
   * @param pod true for a Pod object (adds the Pod-only rules), false for a template
   */
  static JsonObject podSpec(JsonObject spec, boolean pod) {
    JsonObject s = serviceAccountAlias(spec);
    s = defaultString(s, "restartPolicy", "Always");
    s = defaultValue(s, "terminationGracePeriodSeconds", 30);
    s = defaultString(s, "dnsPolicy", "ClusterFirst");
    s = defaultString(s, "schedulerName", "default-scheduler");
    s = defaultValue(s, "securityContext", JsonObject.empty());
    if (pod) {
      s = defaultValue(s, "enableServiceLinks", true);
    }
    boolean hostPorts = pod && Trees.isTrue(s, "hostNetwork");
    s = editEach(s, "containers", c -> container(c, pod, hostPorts));
    s = editEach(s, "initContainers", c -> container(c, pod, hostPorts));
    s = editEach(s, "ephemeralContainers", c -> container(c, false, false));
    s = editEach(s, "volumes", PodSpecDefaults::volume);
    s = editObject(s, "overhead", PodSpecDefaults::resourceList);
    s = editObject(s, "resources", PodSpecDefaults::requirements);
    if (pod) {
      JsonObject withContainers = s;
      s = editObject(s, "resources", r -> podLevelRequests(r, withContainers));
    }
    return s;
  }

  /** {@code serviceAccount} is a read-only alias of {@code serviceAccountName}. */
  private static JsonObject serviceAccountAlias(JsonObject spec) {
    String name = string(spec, "serviceAccountName");
    if (name.isEmpty()) {
      name = string(spec, "serviceAccount");
    }
    if (name.isEmpty()) {
      return spec;
    }
    return spec.with("serviceAccountName", str(name)).with("serviceAccount", str(name));
  }

  /** A Container, init container or ephemeral container. */
  static JsonObject container(JsonObject container, boolean pod, boolean hostPorts) {
    JsonObject c = container;
    if (Trees.isEmptyString(c.getOrNull("imagePullPolicy"))) {
      c = c.with("imagePullPolicy", str(ImageReference.defaultPullPolicy(string(c, "image"))));
    }
    c = defaultString(c, "terminationMessagePath", "/dev/termination-log");
    c = defaultString(c, "terminationMessagePolicy", "File");
    c = editEach(c, "ports", p -> port(p, hostPorts));
    c = editStruct(c, "resources", r -> {
      JsonObject x = pod ? limitsAsRequests(r) : r;
      return requirements(x);
    });
    for (String probe : new String[] {"livenessProbe", "readinessProbe", "startupProbe"}) {
      c = editObject(c, probe, PodSpecDefaults::probe);
    }
    c = editObject(c, "lifecycle", l -> {
      JsonObject x = editObject(l, "postStart", PodSpecDefaults::handler);
      return editObject(x, "preStop", PodSpecDefaults::handler);
    });
    c = editEach(c, "env", e -> editObject(e, "valueFrom", PodSpecDefaults::envSource));
    return c;
  }

  private static JsonObject port(JsonObject port, boolean hostPorts) {
    JsonObject p = defaultString(port, "protocol", "TCP");
    if (hostPorts && isZero(p.getOrNull("hostPort"))
        && p.getOrNull("containerPort") instanceof JsonNumber cp) {
      p = p.with("hostPort", cp);
    }
    return p;
  }

  private static JsonObject envSource(JsonObject valueFrom) {
    JsonObject v = editObject(valueFrom, "fieldRef", PodSpecDefaults::fieldRef);
    return editObject(v, "fileKeyRef", f -> defaultValue(f, "optional", false));
  }

  private static JsonObject fieldRef(JsonObject ref) {
    return defaultString(ref, "apiVersion", "v1");
  }

  /** A liveness, readiness or startup probe. */
  private static JsonObject probe(JsonObject probe) {
    JsonObject p = defaultNonZero(probe, "timeoutSeconds", 1);
    p = defaultNonZero(p, "periodSeconds", 10);
    p = defaultNonZero(p, "successThreshold", 1);
    p = defaultNonZero(p, "failureThreshold", 3);
    p = handler(p);
    return editObject(p, "grpc", g -> defaultValue(g, "service", str("")));
  }

  /** The handler part shared by probes and lifecycle hooks. */
  private static JsonObject handler(JsonObject handler) {
    return editObject(handler, "httpGet", h -> {
      JsonObject x = defaultString(h, "path", "/");
      return defaultString(x, "scheme", "HTTP");
    });
  }

  /** Pod only: a resource with a limit and no request gets the limit as its request. */
  private static JsonObject limitsAsRequests(JsonObject resources) {
    if (!(resources.getOrNull("limits") instanceof JsonObject limits) || limits.isEmpty()) {
      return resources;
    }
    JsonObject requests = Trees.objectOrEmpty(resources, "requests");
    JsonObject merged = requests;
    for (int i = 0; i < limits.size(); i++) {
      merged = defaultValue(merged, limits.keyAt(i), limits.valueAt(i));
    }
    return merged == requests ? resources : resources.with("requests", merged);
  }

  /** Canonical quantities in {@code requests} and {@code limits} (ResourceRequirements). */
  static JsonObject requirements(JsonObject resources) {
    JsonObject r = editObject(resources, "requests", PodSpecDefaults::resourceList);
    return editObject(r, "limits", PodSpecDefaults::resourceList);
  }

  /** A ResourceList: every quantity rounded up to milli and written canonically. */
  static JsonObject resourceList(JsonObject list) {
    JsonObject out = list;
    for (int i = 0; i < list.size(); i++) {
      JsonValue v = list.valueAt(i);
      Quantity q = quantity(v);
      if (q != null) {
        out = out.with(list.keyAt(i), str(q.roundUp(Quantity.MILLI).toString()));
      }
    }
    return out;
  }

  /** A quantity field (not in a ResourceList): written canonically, not rounded. */
  static JsonObject canonicalQuantity(JsonObject o, String key) {
    Quantity q = quantity(o.getOrNull(key));
    return q == null ? o : o.with(key, str(q.toString()));
  }

  /** A JSON string or number read as a quantity, or null when it is not one. */
  static @Nullable Quantity quantity(@Nullable JsonValue v) {
    if (v instanceof JsonString s) {
      return Quantity.tryParse(s.value()).orElse(null);
    }
    if (v instanceof JsonNumber n) {
      return Quantity.tryParse(n.decimalValue().toPlainString()).orElse(null);
    }
    return null;
  }

  /**
   * Pod only, pod-level resources with limits: requests default to the containers' effective
   * requests, then to the pod-level limits (KEP-2837 defaulting, hugepages excepted).
   */
  private static JsonObject podLevelRequests(JsonObject resources, JsonObject spec) {
    if (!(resources.getOrNull("limits") instanceof JsonObject limits) || limits.isEmpty()) {
      return resources;
    }
    JsonObject requests = Trees.objectOrEmpty(resources, "requests");
    JsonObject merged = requests;
    for (Map.Entry<String, Quantity> e : aggregateContainerRequests(spec).entrySet()) {
      if (POD_LEVEL_RESOURCES.contains(e.getKey())) {
        merged = defaultValue(merged, e.getKey(), str(e.getValue().toString()));
      }
    }
    for (int i = 0; i < limits.size(); i++) {
      String name = limits.keyAt(i);
      if (POD_LEVEL_RESOURCES.contains(name) || name.startsWith("hugepages-")) {
        merged = defaultValue(merged, name, limits.valueAt(i));
      }
    }
    if (merged == requests || merged.isEmpty()) {
      return resources;
    }
    return resources.with("requests", merged);
  }

  /**
   * The effective requests of all containers: regular containers and sidecars summed, and at
   * least what any init container needs while it runs (with the sidecars started before it).
   */
  static Map<String, Quantity> aggregateContainerRequests(JsonObject spec) {
    Map<String, Quantity> reqs = new LinkedHashMap<>();
    for (JsonObject c : objects(spec, "containers")) {
      add(reqs, requestsOf(c));
    }
    Map<String, Quantity> sidecars = new LinkedHashMap<>();
    Map<String, Quantity> init = new LinkedHashMap<>();
    for (JsonObject c : objects(spec, "initContainers")) {
      Map<String, Quantity> cr = requestsOf(c);
      Map<String, Quantity> use;
      if ("Always".equals(string(c, "restartPolicy"))) {
        add(reqs, cr);
        add(sidecars, cr);
        use = sidecars;
      } else {
        use = new LinkedHashMap<>();
        add(use, cr);
        add(use, sidecars);
      }
      max(init, use);
    }
    max(reqs, init);
    return reqs;
  }

  private static Map<String, Quantity> requestsOf(JsonObject container) {
    Map<String, Quantity> out = new LinkedHashMap<>();
    JsonObject requests = Trees.object(Trees.objectOrEmpty(container, "resources"), "requests");
    if (requests != null) {
      for (int i = 0; i < requests.size(); i++) {
        Quantity q = quantity(requests.valueAt(i));
        if (q != null) {
          out.put(requests.keyAt(i), q);
        }
      }
    }
    return out;
  }

  private static void add(Map<String, Quantity> into, Map<String, Quantity> more) {
    more.forEach((k, v) -> into.merge(k, v, Quantity::add));
  }

  private static void max(Map<String, Quantity> into, Map<String, Quantity> other) {
    other.forEach((k, v) -> into.merge(k, v, (a, b) -> b.compareTo(a) > 0 ? b : a));
  }

  static List<JsonObject> objects(JsonObject o, String key) {
    if (!(o.getOrNull(key) instanceof JsonArray a)) {
      return List.of();
    }
    List<JsonObject> out = new ArrayList<>(a.size());
    for (JsonValue v : a.items()) {
      if (v instanceof JsonObject x) {
        out.add(x);
      }
    }
    return out;
  }

  /** A Volume. */
  static JsonObject volume(JsonObject volume) {
    JsonObject v = volume;
    boolean hasSource = false;
    for (int i = 0; i < v.size(); i++) {
      if (!v.keyAt(i).equals("name") && !isUnset(v.valueAt(i))) {
        hasSource = true;
        break;
      }
    }
    if (!hasSource) {
      return v.with("emptyDir", JsonObject.empty());
    }
    v = editObject(v, "emptyDir", e -> canonicalQuantity(e, "sizeLimit"));
    v = editObject(v, "configMap", x -> defaultValue(x, "defaultMode", DEFAULT_MODE));
    v = editObject(v, "secret", x -> defaultValue(x, "defaultMode", DEFAULT_MODE));
    v = editObject(v, "downwardAPI", PodSpecDefaults::downwardApi);
    v = editObject(v, "projected", p -> {
      JsonObject x = defaultValue(p, "defaultMode", DEFAULT_MODE);
      return editEach(x, "sources", PodSpecDefaults::projection);
    });
    v = editObject(v, "hostPath", h -> defaultValue(h, "type", str("")));
    v = editObject(v, "ephemeral", e -> editObject(e, "volumeClaimTemplate",
        t -> editStruct(t, "spec", PodSpecDefaults::claimSpec)));
    v = editObject(v, "image", i -> {
      if (!Trees.isEmptyString(i.getOrNull("pullPolicy"))) {
        return i;
      }
      return i.with("pullPolicy", str(ImageReference.defaultPullPolicy(string(i, "reference"))));
    });
    v = editObject(v, "iscsi", x -> defaultString(x, "iscsiInterface", "default"));
    v = editObject(v, "rbd", x -> {
      JsonObject y = defaultString(x, "pool", "rbd");
      y = defaultString(y, "user", "admin");
      return defaultString(y, "keyring", "/etc/ceph/keyring");
    });
    v = editObject(v, "azureDisk", x -> {
      JsonObject y = defaultValue(x, "cachingMode", str("ReadWrite"));
      y = defaultValue(y, "fsType", str("ext4"));
      y = defaultValue(y, "readOnly", false);
      return defaultValue(y, "kind", str("Shared"));
    });
    v = editObject(v, "scaleIO", x -> {
      JsonObject y = defaultString(x, "storageMode", "ThinProvisioned");
      return defaultString(y, "fsType", "xfs");
    });
    return v;
  }

  private static JsonObject downwardApi(JsonObject d) {
    JsonObject x = defaultValue(d, "defaultMode", DEFAULT_MODE);
    return editEach(x, "items", i -> editObject(i, "fieldRef", PodSpecDefaults::fieldRef));
  }

  private static JsonObject projection(JsonObject source) {
    JsonObject s = editObject(source, "serviceAccountToken",
        t -> defaultValue(t, "expirationSeconds", 3600));
    return editObject(s, "downwardAPI",
        d -> editEach(d, "items", i -> editObject(i, "fieldRef", PodSpecDefaults::fieldRef)));
  }

  /** A PersistentVolumeClaimSpec: {@code volumeMode: Filesystem} and canonical quantities. */
  static JsonObject claimSpec(JsonObject spec) {
    JsonObject s = defaultValue(spec, "volumeMode", str("Filesystem"));
    return editObject(s, "resources", PodSpecDefaults::requirements);
  }
}
