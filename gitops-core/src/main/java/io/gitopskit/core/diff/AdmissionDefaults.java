package io.gitopskit.core.diff;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.GroupVersionKind;

/**
 * Defaults of the admission webhook configurations ({@code admissionregistration.k8s.io} {@code
 * v1} and {@code v1beta1} MutatingWebhookConfiguration and ValidatingWebhookConfiguration),
 * which {@link io.gitopskit.core.defaults.ServerDefaults} does not cover: per webhook {@code
 * failurePolicy}, {@code matchPolicy}, {@code namespaceSelector}, {@code objectSelector}, {@code
 * timeoutSeconds}, {@code reinvocationPolicy} (mutating only) and, in {@code v1beta1}, {@code
 * sideEffects} and {@code admissionReviewVersions}; per rule {@code scope: "*"}; per service
 * reference {@code port: 443}. Values from Kubernetes' {@code SetDefaults_*} functions of each
 * version. Only adds what is missing.
 */
final class AdmissionDefaults {

  private AdmissionDefaults() {}

  static JsonObject apply(GroupVersionKind gvk, JsonObject root) {
    if (!gvk.group().equals("admissionregistration.k8s.io")
        || !(gvk.kind().equals("MutatingWebhookConfiguration")
        || gvk.kind().equals("ValidatingWebhookConfiguration"))
        || !(gvk.version().equals("v1") || gvk.version().equals("v1beta1"))
        || !(root.getOrNull("webhooks") instanceof JsonArray webhooks)) {
      return root;
    }
    boolean beta = gvk.version().equals("v1beta1");
    boolean mutating = gvk.kind().startsWith("Mutating");
    JsonArray out = webhooks;
    for (int i = 0; i < webhooks.size(); i++) {
      if (webhooks.get(i) instanceof JsonObject w) {
        JsonObject d = webhook(w, beta, mutating);
        if (d != w) {
          out = out.with(i, d);
        }
      }
    }
    return out == webhooks ? root : root.with("webhooks", out);
  }

  private static JsonObject webhook(JsonObject w, boolean beta, boolean mutating) {
    JsonObject x = missing(w, "failurePolicy", JsonString.of(beta ? "Ignore" : "Fail"));
    x = missing(x, "matchPolicy", JsonString.of(beta ? "Exact" : "Equivalent"));
    x = missing(x, "namespaceSelector", JsonObject.empty());
    x = missing(x, "objectSelector", JsonObject.empty());
    x = missing(x, "timeoutSeconds", JsonNumber.of(beta ? 30 : 10));
    if (beta) {
      x = missing(x, "sideEffects", JsonString.of("Unknown"));
      x = missing(x, "admissionReviewVersions", JsonArray.of(JsonString.of("v1beta1")));
    }
    if (mutating) {
      x = missing(x, "reinvocationPolicy", JsonString.of("Never"));
    }
    if (x.getOrNull("rules") instanceof JsonArray rules) {
      JsonArray r = rules;
      for (int i = 0; i < rules.size(); i++) {
        if (rules.get(i) instanceof JsonObject rule) {
          JsonObject d = missing(rule, "scope", JsonString.of("*"));
          if (d != rule) {
            r = r.with(i, d);
          }
        }
      }
      x = r == rules ? x : x.with("rules", r);
    }
    return Normalization.editObject(x, "clientConfig", c -> Normalization.editObject(c,
        "service", s -> missing(s, "port", JsonNumber.of(443))));
  }

  private static JsonObject missing(JsonObject o, String field, JsonValue value) {
    return o.has(field) ? o : o.with(field, value);
  }
}
