package io.gitopskit.testkit;

import io.gitopskit.core.model.GroupKind;
import io.gitopskit.core.model.Manifest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The service-account and root-CA publisher controllers: every Active namespace has a
 * ServiceAccount {@code default} and a ConfigMap {@code kube-root-ca.crt}, recreated if deleted.
 */
final class NamespaceController extends Reconciler {

  static final String ROOT_CA = "kube-root-ca.crt";

  /** A syntactically plausible, fixed, fake cluster CA certificate. */
  static final String FAKE_CA_PEM = fakePem();

  private static final String DESCRIPTION = "Contains a CA bundle that can be used to verify the"
      + " kube-apiserver when using internal endpoints such as the internal service IP or"
      + " kubernetes.default.svc. No other usage is guaranteed across distributions of"
      + " Kubernetes clusters.";

  NamespaceController(Store store, SimulatedCluster.ImagePolicy images) {
    super(store, images);
  }

  @Override
  void reconcile() {
    for (Manifest ns : store.objectsOf(NAMESPACE)) {
      if (terminating(ns) || !"Active".equals(str(status(ns), "phase", "Active"))) {
        continue;
      }
      String name = ns.name();
      if (store.find(new GroupKind("", "ServiceAccount"), name, "default")
          .isEmpty()) {
        guarded(() -> create(Manifest.of(o("apiVersion", "v1", "kind", "ServiceAccount",
            "metadata", o("name", "default", "namespace", name))), KCM));
      }
      if (store.find(new GroupKind("", "ConfigMap"), name, ROOT_CA)
          .isEmpty()) {
        guarded(() -> create(Manifest.of(o("apiVersion", "v1", "kind", "ConfigMap",
            "metadata", o("name", ROOT_CA, "namespace", name,
                "annotations", o("kubernetes.io/description", DESCRIPTION)),
            "data", o("ca.crt", FAKE_CA_PEM))), KCM));
      }
    }
  }

  private static String fakePem() {
    StringBuilder body = new StringBuilder();
    String seed = "gitopskit simulated cluster CA";
    while (body.length() < 1024) {
      seed = sha256(seed);
      body.append(Base64.getEncoder().encodeToString(seed.getBytes(
          StandardCharsets.US_ASCII)));
    }
    StringBuilder pem = new StringBuilder("-----BEGIN CERTIFICATE-----\n");
    for (int i = 0; i < 1024; i += 64) {
      pem.append(body, i, i + 64).append('\n');
    }
    return pem.append("-----END CERTIFICATE-----\n").toString();
  }
}
