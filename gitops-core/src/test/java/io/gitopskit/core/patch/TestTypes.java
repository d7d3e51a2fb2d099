package io.gitopskit.core.patch;

import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.model.GroupVersionKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A hand-made {@link TypeInfo} for the paths tests touch in Deployments, Pods, Services and
 * ConfigMaps, following the tables of peers.md section 6.
 */
public final class TestTypes implements TypeInfo {

  /** The shared instance. */
  public static final TestTypes INSTANCE = new TestTypes();

  /** apps/v1 Deployment. */
  public static final GroupVersionKind DEPLOYMENT = new GroupVersionKind("apps", "v1",
      "Deployment");
  /** v1 Service. */
  public static final GroupVersionKind SERVICE = new GroupVersionKind("", "v1", "Service");
  /** v1 ConfigMap. */
  public static final GroupVersionKind CONFIG_MAP = new GroupVersionKind("", "v1", "ConfigMap");
  /** v1 Pod. */
  public static final GroupVersionKind POD = new GroupVersionKind("", "v1", "Pod");

  private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet",
      "ReplicaSet", "Job");

  private static final Map<String, ListInfo> POD_LISTS = Map.ofEntries(
      Map.entry("containers", ListInfo.map("name").withPatch("merge", "name")),
      Map.entry("initContainers", ListInfo.map("name").withPatch("merge", "name")),
      Map.entry("containers.ports", ListInfo.map("containerPort", "protocol")
          .withKeyDefault("protocol", JsonString.of("TCP")).withPatch("merge", "containerPort")),
      Map.entry("containers.env", ListInfo.map("name").withPatch("merge", "name")),
      Map.entry("containers.volumeMounts", ListInfo.map("mountPath")
          .withPatch("merge", "mountPath")),
      Map.entry("containers.args", ListInfo.atomic()),
      Map.entry("containers.command", ListInfo.atomic()),
      Map.entry("volumes", ListInfo.map("name").withPatch("merge,retainKeys", "name")),
      Map.entry("imagePullSecrets", ListInfo.map("name").withPatch("merge", "name")),
      Map.entry("tolerations", ListInfo.atomic()));

  private TestTypes() {}

  @Override
  public ListInfo list(GroupVersionKind gvk, List<String> path) {
    String p = String.join(".", path);
    if (p.equals("metadata.finalizers")) {
      return ListInfo.set().withPatch("merge", null);
    }
    if (p.equals("metadata.ownerReferences")) {
      return ListInfo.map("uid").withPatch("merge", "uid");
    }
    if (p.equals("status.conditions") && gvk.kind().equals("Deployment")) {
      return ListInfo.map("type").withPatch("merge", "type");
    }
    if (gvk.kind().equals("Service") && p.equals("spec.ports")) {
      return ListInfo.map("port", "protocol").withKeyDefault("protocol", JsonString.of("TCP"))
          .withPatch("merge", "port");
    }
    return podPath(gvk, p).map(POD_LISTS::get).orElse(ListInfo.atomic());
  }

  @Override
  public boolean atomicMap(GroupVersionKind gvk, List<String> path) {
    String p = String.join(".", path);
    if (gvk.kind().equals("Service") && p.equals("spec.selector")) {
      return true;
    }
    if (WORKLOADS.contains(gvk.kind()) && p.equals("spec.selector")) {
      return true;
    }
    return podPath(gvk, p).map(rest -> rest.equals("nodeSelector")).orElse(false);
  }

  @Override
  public Optional<String> mapPatchStrategy(GroupVersionKind gvk, List<String> path) {
    if (gvk.kind().equals("Deployment") && String.join(".", path).equals("spec.strategy")) {
      return Optional.of("retainKeys");
    }
    return Optional.empty();
  }

  private static Optional<String> podPath(GroupVersionKind gvk, String path) {
    String prefix = WORKLOADS.contains(gvk.kind()) ? "spec.template.spec."
        : gvk.kind().equals("Pod") ? "spec." : null;
    if (prefix == null || !path.startsWith(prefix)) {
      return Optional.empty();
    }
    return Optional.of(path.substring(prefix.length()));
  }
}
