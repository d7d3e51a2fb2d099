package io.gitopskit.testkit;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.Manifest;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cloud load-balancer and ingress controllers: a Service of type LoadBalancer gets
 * {@code status.loadBalancer.ingress: [{ip: 192.0.2.N, ipMode: VIP}]} (the lowest free N) and an
 * Ingress gets {@code [{ip: }}{@link SimulatedControllers#INGRESS_IP}{@code ]}, each
 * {@link SimulatedControllers#ADDRESS_DELAY} after creation. A Service that stops being a
 * LoadBalancer loses its address.
 */
final class LoadBalancerController extends Reconciler {

  LoadBalancerController(Store store, SimulatedCluster.ImagePolicy images) {
    super(store, images);
  }

  @Override
  void reconcile() {
    Set<String> used = new TreeSet<>();
    for (Manifest svc : store.objectsOf(SERVICE)) {
      for (JsonValue i : ingress(svc).items()) {
        if (i instanceof JsonObject o) {
          used.add(str(o, "ip", ""));
        }
      }
    }
    for (Manifest svc : store.objectsOf(SERVICE)) {
      if (terminating(svc)) {
        continue;
      }
      boolean lb = "LoadBalancer".equals(str(spec(svc), "type", "ClusterIP"));
      if (!lb && !ingress(svc).isEmpty()) {
        guarded(() -> writeStatus(svc, status(svc).with("loadBalancer", JsonObject.empty()),
            "service-controller"));
      } else if (lb && ingress(svc).isEmpty() && due(svc)) {
        String ip = null;
        for (int n = 1; n < 255 && ip == null; n++) {
          if (!used.contains("192.0.2." + n)) {
            ip = "192.0.2." + n;
          }
        }
        if (ip != null) {
          used.add(ip);
          JsonObject address = o("ip", ip, "ipMode", "VIP");
          guarded(() -> writeStatus(svc, status(svc).with("loadBalancer",
              o("ingress", JsonArray.of(address))), "service-controller"));
        }
      }
    }
    for (Manifest ing : store.objectsOf(INGRESS)) {
      if (!terminating(ing) && ingress(ing).isEmpty() && due(ing)) {
        guarded(() -> writeStatus(ing, status(ing).with("loadBalancer", o("ingress",
            JsonArray.of(o("ip", SimulatedControllers.INGRESS_IP)))), "ingress-controller"));
      }
    }
  }

  private boolean due(Manifest m) {
    return !now().isBefore(created(m).plus(SimulatedControllers.ADDRESS_DELAY));
  }

  private static JsonArray ingress(Manifest m) {
    return arr(obj(status(m), "loadBalancer"), "ingress");
  }
}
