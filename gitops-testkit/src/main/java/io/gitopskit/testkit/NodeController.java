package io.gitopskit.testkit;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.model.Manifest;
import java.util.List;

/**
 * What a freshly installed cluster has besides namespaces: the {@link SimulatedControllers#NODES}
 * (Ready, with kubelet-reported status) and the default StorageClass. Nodes are created once;
 * tests may delete or add nodes afterwards.
 */
final class NodeController extends Reconciler {

  static final String PROVISIONER = "rancher.io/local-path";

  NodeController(Store store, SimulatedCluster.ImagePolicy images) {
    super(store, images);
  }

  @Override
  void reconcile() {
    // nodes are only created at start; see bootstrap()
  }

  void bootstrap() {
    List<String> names = SimulatedControllers.NODES;
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      int index = i;
      if (store.find(NODE, "", name).isEmpty()) {
        guarded(() -> createNode(name, index));
      }
    }
    if (store.find(STORAGE_CLASS, "", SimulatedControllers.STORAGE_CLASS).isEmpty()) {
      guarded(() -> create(Manifest.of(o(
          "apiVersion", "storage.k8s.io/v1", "kind", "StorageClass",
          "metadata", o("name", SimulatedControllers.STORAGE_CLASS, "annotations",
              o("storageclass.kubernetes.io/is-default-class", "true")),
          "provisioner", PROVISIONER,
          "reclaimPolicy", "Delete",
          "volumeBindingMode", "Immediate")), "kube-apiserver"));
    }
  }

  private void createNode(String name, int i) {
    String cidr = "10.244." + (i + 1) + ".0/24";
    Manifest node = create(Manifest.of(o(
        "apiVersion", "v1", "kind", "Node",
        "metadata", o("name", name, "labels", o(
            "beta.kubernetes.io/arch", "amd64", "beta.kubernetes.io/os", "linux",
            "kubernetes.io/arch", "amd64", "kubernetes.io/hostname", name,
            "kubernetes.io/os", "linux")),
        "spec", o("podCIDR", cidr, "podCIDRs", JsonArray.of(JsonString.of(cidr))))), "kubelet");
    writeStatus(node, nodeStatus(name, i), "kubelet");
  }

  /** The InternalIP of the i-th node (0-based). */
  static String nodeIp(int index) {
    return "172.18.0." + (index + 2);
  }

  private JsonObject nodeStatus(String name, int index) {
    String t = ts(now());
    JsonObject resources = o("cpu", "4", "ephemeral-storage", "102626232Ki",
        "hugepages-2Mi", "0", "memory", "16374584Ki", "pods", "110");
    return o(
        "addresses", JsonArray.of(o("type", "InternalIP", "address", nodeIp(index)),
            o("type", "Hostname", "address", name)),
        "allocatable", resources,
        "capacity", resources,
        "conditions", JsonArray.of(
            nodeCondition("MemoryPressure", "False", "KubeletHasSufficientMemory",
                "kubelet has sufficient memory available", t),
            nodeCondition("DiskPressure", "False", "KubeletHasNoDiskPressure",
                "kubelet has no disk pressure", t),
            nodeCondition("PIDPressure", "False", "KubeletHasSufficientPID",
                "kubelet has sufficient PID available", t),
            nodeCondition("Ready", "True", "KubeletReady", "kubelet is posting ready status", t)),
        "daemonEndpoints", o("kubeletEndpoint", o("Port", 10250)),
        "nodeInfo", o(
            "architecture", "amd64",
            "bootID", uuidLike(name + "/boot"),
            "containerRuntimeVersion", "containerd://1.7.24",
            "kernelVersion", "6.8.0-simulated",
            "kubeProxyVersion", "",
            "kubeletVersion", "v1.33.1",
            "machineID", sha256(name + "/machine").substring(0, 32),
            "operatingSystem", "linux",
            "osImage", "Debian GNU/Linux 12 (bookworm)",
            "systemUUID", uuidLike(name + "/system")));
  }

  private static JsonObject nodeCondition(String type, String status, String reason,
      String message, String t) {
    return o("type", type, "status", status, "reason", reason, "message", message,
        "lastHeartbeatTime", t, "lastTransitionTime", t);
  }

  private static String uuidLike(String seed) {
    String h = sha256(seed);
    return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-"
        + h.substring(16, 20) + "-" + h.substring(20, 32);
  }
}
