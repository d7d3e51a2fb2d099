package io.gitopskit.core.defaults;

import static io.gitopskit.core.defaults.Trees.defaultString;
import static io.gitopskit.core.defaults.Trees.defaultValue;
import static io.gitopskit.core.defaults.Trees.editEach;
import static io.gitopskit.core.defaults.Trees.editObject;
import static io.gitopskit.core.defaults.Trees.editStruct;
import static io.gitopskit.core.defaults.Trees.isEmpty;
import static io.gitopskit.core.defaults.Trees.isUnset;
import static io.gitopskit.core.defaults.Trees.str;
import static io.gitopskit.core.defaults.Trees.string;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Defaults of Service (k8s-defaults.md §3.7, allocation-free), NetworkPolicy and IngressClass
 * (§3.9). The cluster is modelled as single-stack IPv4.
 */
final class NetworkDefaults {

  private NetworkDefaults() {}

  static JsonObject service(JsonObject root) {
    return editStruct(root, "spec", NetworkDefaults::serviceSpec);
  }

  private static JsonObject serviceSpec(JsonObject spec) {
    JsonObject s = defaultString(spec, "sessionAffinity", "None");
    String affinity = string(s, "sessionAffinity");
    if ("None".equals(affinity)) {
      s = s.without("sessionAffinityConfig");
    } else if ("ClientIP".equals(affinity)) {
      s = editStruct(s, "sessionAffinityConfig", c -> editStruct(c, "clientIP",
          ip -> defaultValue(ip, "timeoutSeconds", 10800)));
    }
    s = defaultString(s, "type", "ClusterIP");
    String type = string(s, "type");
    s = editEach(s, "ports", NetworkDefaults::servicePort);
    boolean external = type.equals("LoadBalancer") || type.equals("NodePort")
        || (type.equals("ClusterIP") && !isEmpty(s.getOrNull("externalIPs")));
    if (external) {
      s = defaultString(s, "externalTrafficPolicy", "Cluster");
    }
    if (type.equals("ClusterIP") || type.equals("NodePort") || type.equals("LoadBalancer")) {
      s = defaultValue(s, "internalTrafficPolicy", str("Cluster"));
    }
    if (type.equals("LoadBalancer")) {
      s = defaultValue(s, "allocateLoadBalancerNodePorts", true);
    }
    if (!type.equals("ExternalName")) {
      s = ipFamilies(s);
    }
    return s;
  }

  private static JsonObject servicePort(JsonObject port) {
    JsonObject p = defaultString(port, "protocol", "TCP");
    JsonValue target = p.getOrNull("targetPort");
    boolean unset = isUnset(target)
        || (target instanceof JsonNumber n && n.decimalValue().signum() == 0)
        || (target instanceof JsonString t && t.value().isEmpty());
    if (unset && p.getOrNull("port") instanceof JsonNumber port0) {
      p = p.with("targetPort", port0);
    }
    return p;
  }

  /**
   * {@code clusterIPs} from a lone {@code clusterIP}, then {@code ipFamilyPolicy} and {@code
   * ipFamilies} as the registry's allocator initializes them on create, without allocating.
   */
  private static JsonObject ipFamilies(JsonObject spec) {
    JsonObject s = spec;
    String clusterIp = string(s, "clusterIP");
    if (!clusterIp.isEmpty() && isEmpty(s.getOrNull("clusterIPs"))) {
      s = s.with("clusterIPs", JsonArray.of(str(clusterIp)));
    }
    boolean headlessSelectorless = "None".equals(clusterIp) && isEmpty(s.getOrNull("selector"));
    s = defaultValue(s, "ipFamilyPolicy",
        str(headlessSelectorless ? "RequireDualStack" : "SingleStack"));
    List<String> families = new ArrayList<>(Trees.strings(s, "ipFamilies"));
    List<String> ips = Trees.strings(s, "clusterIPs");
    for (int i = 0; i < ips.size() && !ips.get(i).equals("None"); i++) {
      if (i >= families.size()) {
        families.add(ips.get(i).indexOf(':') >= 0 ? "IPv6" : "IPv4");
      }
    }
    if (families.isEmpty()) {
      families.add("IPv4");
    }
    if (headlessSelectorless && families.size() < 2
        && !"SingleStack".equals(string(s, "ipFamilyPolicy"))) {
      families.add(families.get(0).equals("IPv4") ? "IPv6" : "IPv4");
    }
    if (families.equals(Trees.strings(s, "ipFamilies"))) {
      return s;
    }
    return s.with("ipFamilies", Trees.strings(families));
  }

  static JsonObject networkPolicy(JsonObject root) {
    return editStruct(root, "spec", spec -> {
      JsonObject s = defaultValue(spec, "podSelector", JsonObject.empty());
      if (isEmpty(s.getOrNull("policyTypes"))) {
        JsonArray types = isEmpty(s.getOrNull("egress"))
            ? JsonArray.of(str("Ingress")) : JsonArray.of(str("Ingress"), str("Egress"));
        s = s.with("policyTypes", types);
      }
      for (String direction : new String[] {"ingress", "egress"}) {
        s = editEach(s, direction,
            rule -> editEach(rule, "ports", p -> defaultValue(p, "protocol", str("TCP"))));
      }
      return s;
    });
  }

  static JsonObject ingressClass(JsonObject root) {
    return editObject(root, "spec",
        spec -> editObject(spec, "parameters", p -> defaultValue(p, "scope", str("Cluster"))));
  }
}
