package io.gitopskit.testkit;

import io.gitopskit.core.cluster.ApiResource;
import io.gitopskit.core.cluster.FieldCause;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.GroupKind;
import io.gitopskit.core.defaults.ServerDefaults;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.schema.KubernetesSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.gitopskit.testkit.apiserver.Immutability;
import org.jspecify.annotations.Nullable;

/**
 * Per-kind registry strategies of the simulated API server: defaults, what is set at create,
 * what an update may not change, generation rules, allocations, and CRD registration.
 */
final class Strategy {

  private static final GroupKind NAMESPACE = new GroupKind("", "Namespace");
  private static final GroupKind SERVICE = new GroupKind("", "Service");
  private static final GroupKind JOB = new GroupKind("batch", "Job");
  private static final GroupKind CRD =
      new GroupKind("apiextensions.k8s.io", "CustomResourceDefinition");
  private final Store store;
  private int nextClusterIp = 2;
  private int nextNodePort = 30000;

  Strategy(Store store) {
    this.store = store;
  }

  Manifest defaults(Manifest obj) {
    return ServerDefaults.apply(obj);
  }

  Manifest prepareForCreate(Manifest obj, Store.Kind k, String uid) {
    JsonObject root = obj.root();
    GroupKind gk = obj.groupKind();
    if (k.custom()) {
      if (k.statusSubresource()) {
        root = root.without("status");
      }
    } else if (k.statusSubresource() || ServerDefaults.hasStatus(gk)) {
      root = root.with("status", ServerDefaults.initialStatus(obj));
    }
    if (gk.equals(JOB)) {
      root = ServerDefaults.jobSelectorAndLabels(obj.withRoot(root), uid).root();
    }
    if (gk.equals(NAMESPACE)) {
      JsonObject spec = root.getObject("spec").orElse(JsonObject.empty());
      root = root.with("spec", spec.with("finalizers",
          JsonArray.of(JsonString.of("kubernetes"))))
          .with("status", JsonObject.of("phase", JsonString.of("Active")));
    } else if (gk.equals(SERVICE)) {
      root = allocateService(root, null);
    } else if (gk.equals(CRD)) {
      root = root.with("status", crdStatus(obj));
    }
    return obj.withRoot(root);
  }

  Manifest prepareForUpdate(Store.Kind k, Manifest old, Manifest obj) {
    JsonObject root = obj.root();
    GroupKind gk = obj.groupKind();
    if (gk.equals(NAMESPACE)) {
      root = root.with("spec", old.root().getObject("spec").orElse(JsonObject.empty()));
      JsonValue status = old.root().getOrNull("status");
      if (status != null) {
        root = root.with("status", status);
      }
    } else if (gk.equals(SERVICE)) {
      root = allocateService(root, old.root());
    }
    return obj.withRoot(root);
  }

  List<FieldCause> validate(Store.Kind k, Manifest obj, @Nullable Manifest old) {
    List<FieldCause> causes = new ArrayList<>(
        SchemaValidation.requiredFields(store.schema(), obj));
    if (obj.groupKind().equals(CRD)) {
      try {
        store.schema().withCustomResourceDefinition(obj);
      } catch (IllegalArgumentException e) {
        causes.add(new FieldCause("FieldValueInvalid", "Invalid value: " + e.getMessage(),
            "spec"));
      }
    }
    if (old != null) {
      causes.addAll(Immutability.check(old, obj));
    }
    return causes;
  }

  boolean setsGeneration(Store.Kind k, GroupKind gk) {
    return k.custom() || ServerDefaults.setsGeneration(gk);
  }

  boolean bumpsGeneration(Store.Kind k, GroupKind gk, Manifest old, Manifest obj) {
    if (!k.custom()) {
      return ServerDefaults.setsGeneration(gk) && ServerDefaults.bumpsGeneration(old, obj);
    }
    JsonObject a = old.root().without("metadata");
    JsonObject b = obj.root().without("metadata");
    if (k.statusSubresource()) {
      a = a.without("status");
      b = b.without("status");
    }
    return !a.equals(b);
  }

  void afterCreate(Store.Kind k, Manifest stored) {
    if (stored.groupKind().equals(CRD)) {
      registerCrd(stored);
    }
  }

  void afterDelete(Store.@Nullable Kind k, Manifest last) {
    if (last.groupKind().equals(CRD)) {
      JsonObject spec = last.root().getObject("spec").orElse(JsonObject.empty());
      String group = spec.getString("group").orElse("");
      String kind = spec.getObject("names").flatMap(n -> n.getString("kind")).orElse("");
      if (!kind.isEmpty()) {
        store.unregister(new GroupKind(group, kind));
        List<Manifest> remaining = store.objectsOf(CRD);
        store.schema(KubernetesSchema.builtIn().withCustomResourceDefinitions(remaining));
      }
    }
  }

  private void registerCrd(Manifest crd) {
    KubernetesSchema schema = store.schema().withCustomResourceDefinition(crd);
    store.schema(schema);
    JsonObject spec = crd.root().getObject("spec").orElse(JsonObject.empty());
    String group = spec.getString("group").orElse("");
    String kind = spec.getObject("names").flatMap(n -> n.getString("kind")).orElse("");
    for (ApiResource r : schema.resources()) {
      if (r.gvk().group().equals(group) && r.gvk().kind().equals(kind)) {
        store.register(r, schema.hasStatusSubresource(r.gvk()), true);
      }
    }
  }

  private static JsonObject crdStatus(Manifest crd) {
    JsonObject spec = crd.root().getObject("spec").orElse(JsonObject.empty());
    JsonObject names = spec.getObject("names").orElse(JsonObject.empty());
    JsonArray.Builder stored = JsonArray.builder();
    for (JsonValue v : spec.getArray("versions").map(JsonArray::items).orElse(List.of())) {
      if (v instanceof JsonObject version && version.getOrNull("storage") == JsonBoolean.TRUE) {
        version.getString("name").ifPresent(n -> stored.add(JsonString.of(n)));
      }
    }
    JsonArray conditions = JsonArray.of(
        condition("NamesAccepted", "NoConflicts", "no conflicts found"),
        condition("Established", "InitialNamesAccepted", "the initial names have been accepted"));
    return JsonObject.builder()
        .put("acceptedNames", names)
        .put("conditions", conditions)
        .put("storedVersions", stored.build())
        .build();
  }

  private static JsonObject condition(String type, String reason, String message) {
    return JsonObject.builder().put("type", type).put("status", "True").put("reason", reason)
        .put("message", message).build();
  }

  private JsonObject allocateService(JsonObject root, @Nullable JsonObject old) {
    JsonObject spec = root.getObject("spec").orElse(JsonObject.empty());
    JsonObject oldSpec = old == null ? null : old.getObject("spec").orElse(null);
    String type = spec.getString("type").orElse("ClusterIP");
    if (type.equals("ExternalName")) {
      return root;
    }
    Optional<String> ip = spec.getString("clusterIP");
    if (ip.isEmpty() && oldSpec != null) {
      ip = oldSpec.getString("clusterIP");
    }
    String clusterIp = ip.orElseGet(this::nextIp);
    spec = spec.with("clusterIP", JsonString.of(clusterIp))
        .with("clusterIPs", JsonArray.of(JsonString.of(clusterIp)));
    if (type.equals("NodePort") || type.equals("LoadBalancer")) {
      JsonArray ports = spec.getArray("ports").orElse(JsonArray.empty());
      JsonArray oldPorts = oldSpec == null ? JsonArray.empty()
          : oldSpec.getArray("ports").orElse(JsonArray.empty());
      JsonArray.Builder out = JsonArray.builder();
      for (JsonValue p : ports.items()) {
        if (p instanceof JsonObject port && !port.has("nodePort")) {
          JsonValue kept = null;
          for (JsonValue o : oldPorts.items()) {
            if (o instanceof JsonObject op && op.getOrNull("port") != null
                && op.getOrNull("port").equals(port.getOrNull("port"))) {
              kept = op.getOrNull("nodePort");
            }
          }
          out.add(port.with("nodePort", kept != null ? kept : JsonNumber.of(nextNodePort++)));
        } else {
          out.add(p);
        }
      }
      spec = spec.with("ports", out.build());
    }
    return root.with("spec", spec);
  }

  /** After a restore from a journal: allocate past every cluster IP and node port in use. */
  void afterRestore() {
    for (Manifest svc : store.objectsOf(SERVICE)) {
      JsonObject spec = svc.root().getObject("spec").orElse(JsonObject.empty());
      String[] ip = spec.getString("clusterIP").orElse("").split("\\.");
      if (ip.length == 4 && ip[0].equals("10") && ip[1].equals("96")) {
        try {
          nextClusterIp = Math.max(nextClusterIp, Integer.parseInt(ip[2]) * 256
              + Integer.parseInt(ip[3]) + 1);
        } catch (NumberFormatException e) {
          // not one of ours
        }
      }
      for (JsonValue p : spec.getArray("ports").map(JsonArray::items).orElse(List.of())) {
        if (p instanceof JsonObject port && port.getOrNull("nodePort") instanceof JsonNumber n
            && n.isLong()) {
          nextNodePort = (int) Math.max(nextNodePort, n.longValue() + 1);
        }
      }
    }
  }

  private String nextIp() {
    int n = nextClusterIp++;
    return "10.96." + (n / 256) + "." + (n % 256);
  }
}
