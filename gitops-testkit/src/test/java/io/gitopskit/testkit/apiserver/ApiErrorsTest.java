package io.gitopskit.testkit.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.cluster.ClusterException;
import io.gitopskit.core.cluster.FieldCause;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.model.GroupKind;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The API server's error texts (k8s-defaults.md §2 and §4). */
class ApiErrorsTest {

  private static final GroupKind DEPLOYMENT = GroupKind.of("apps", "Deployment");
  private static final GroupKind CONFIG_MAP = GroupKind.of("", "ConfigMap");

  @Test
  void conflictNotFoundAndAlreadyExists() {
    ClusterException.Conflict conflict = ApiErrors.conflict(DEPLOYMENT, "x");
    assertThat(conflict.getMessage()).isEqualTo("Operation cannot be fulfilled on "
        + "deployments.apps \"x\": the object has been modified; please apply your changes to "
        + "the latest version and try again");
    assertThat(conflict.code()).isEqualTo(409);
    assertThat(conflict.isRetryable()).isTrue();
    assertThat(conflict.causes()).isEmpty();

    ClusterException.NotFound notFound = ApiErrors.notFound(DEPLOYMENT, "x");
    assertThat(notFound.getMessage()).isEqualTo("deployments.apps \"x\" not found");
    assertThat(notFound.code()).isEqualTo(404);
    assertThat(ApiErrors.notFound(CONFIG_MAP, "settings").getMessage())
        .isEqualTo("configmaps \"settings\" not found");

    ClusterException.AlreadyExists exists = ApiErrors.alreadyExists(DEPLOYMENT, "x");
    assertThat(exists.getMessage()).isEqualTo("deployments.apps \"x\" already exists");
    assertThat(exists.reason()).isEqualTo("AlreadyExists");
    assertThat(ApiErrors.alreadyExists("widgets.example.com", "w").getMessage())
        .isEqualTo("widgets.example.com \"w\" already exists");
  }

  @Test
  void preconditionFailures() {
    assertThat(ApiErrors.preconditionFailed(CONFIG_MAP, "c", "UID", "a1", "b2").getMessage())
        .isEqualTo("Operation cannot be fulfilled on configmaps \"c\": Precondition failed: "
            + "UID in precondition: a1, UID in object meta: b2");
  }

  @ParameterizedTest(name = "{0}/{1} -> {2}")
  @CsvSource({
      "apps, Deployment, deployments.apps", "'', ConfigMap, configmaps",
      "networking.k8s.io, NetworkPolicy, networkpolicies.networking.k8s.io",
      "networking.k8s.io, Ingress, ingresses.networking.k8s.io", "'', Endpoints, endpoints",
      "discovery.k8s.io, EndpointSlice, endpointslices.discovery.k8s.io",
      "storage.k8s.io, StorageClass, storageclasses.storage.k8s.io",
      "policy, PodDisruptionBudget, poddisruptionbudgets.policy",
      "'', Pod, pods", "argoproj.io, Application, applications.argoproj.io",
      // the guess is Kubernetes' own, wrong for "Gateway" as it is in Go; use discovery names
      "gateway.networking.k8s.io, Gateway, gatewaies.gateway.networking.k8s.io",
      "'', ServiceAccount, serviceaccounts", "'', Status, statuses",
  })
  void resourceNamesAreGuessedLikeKubernetes(String group, String kind, String expected) {
    assertThat(ApiErrors.qualifiedResource(GroupKind.of(group, kind))).isEqualTo(expected);
  }

  @Test
  void invalidWithOneCause() {
    FieldCause cause = FieldErrors.immutable("spec.selector",
        JsonObject.of("matchLabels", JsonObject.of("app", JsonString.of("b"))));
    ClusterException.Invalid invalid = ApiErrors.invalid(DEPLOYMENT, "web", List.of(cause));
    assertThat(invalid.getMessage()).isEqualTo("Deployment.apps \"web\" is invalid: "
        + "spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"b\"}}: field is immutable");
    assertThat(invalid.code()).isEqualTo(422);
    assertThat(invalid.reason()).isEqualTo("Invalid");
    assertThat(invalid.causes()).containsExactly(new FieldCause("FieldValueInvalid",
        "Invalid value: {\"matchLabels\":{\"app\":\"b\"}}: field is immutable", "spec.selector"));
  }

  @Test
  void invalidWithSeveralCausesIsBracketedAndDeduplicated() {
    FieldCause a = FieldErrors.invalid("spec.replicas", -1,
        "must be greater than or equal to 0");
    FieldCause b = FieldErrors.required("spec.template.spec.containers", "");
    assertThat(ApiErrors.invalidMessage(GroupKind.of("", "Service"), "web", List.of(a, b, a)))
        .isEqualTo("Service \"web\" is invalid: [spec.replicas: Invalid value: -1: must be "
            + "greater than or equal to 0, spec.template.spec.containers: Required value]");
    assertThat(ApiErrors.invalidMessage(CONFIG_MAP, "c", List.of(a, a)))
        .isEqualTo("ConfigMap \"c\" is invalid: spec.replicas: Invalid value: -1: must be "
            + "greater than or equal to 0");
    assertThat(ApiErrors.invalidMessage(CONFIG_MAP, "c", List.of()))
        .isEqualTo("ConfigMap \"c\" is invalid");
  }

  @Test
  void missingResourceVersion() {
    assertThat(ApiErrors.resourceVersionRequired(GroupKind.of("example.com", "Widget"), "w")
        .getMessage()).isEqualTo("Widget.example.com \"w\" is invalid: "
            + "metadata.resourceVersion: Invalid value: 0: must be specified for an update");
  }

  @Test
  void causeTypesAndValueVisibility() {
    assertThat(FieldErrors.required("spec.rules[0].http.paths[0].pathType",
        "pathType must be specified").toString()).isEqualTo(
            "spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified");
    FieldCause forbidden = FieldErrors.forbidden("spec", "nope");
    assertThat(forbidden.reason()).isEqualTo("FieldValueForbidden");
    assertThat(forbidden.message()).isEqualTo("Forbidden: nope");
    FieldCause unsupported = FieldErrors.notSupported("spec.type", JsonString.of("Foo"),
        List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort"));
    assertThat(unsupported.reason()).isEqualTo("FieldValueNotSupported");
    assertThat(unsupported.toString()).isEqualTo("spec.type: Unsupported value: \"Foo\": "
        + "supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"");
    assertThat(FieldErrors.of(FieldErrorType.TOO_LONG, "metadata.annotations",
        JsonString.of("secret"), "may not be more than 262144 bytes").message())
        .isEqualTo("Too long: may not be more than 262144 bytes");
    assertThat(FieldErrors.of(FieldErrorType.DUPLICATE, "spec.ports[1]",
        JsonObject.of("port", JsonNumber.of(80)), "").message())
        .isEqualTo("Duplicate value: {\"port\":80}");
    assertThat(FieldErrors.immutable("spec.x", null).message())
        .isEqualTo("Invalid value: null: field is immutable");
  }

  @Test
  void valuesRenderAsGoDoes() {
    assertThat(FieldErrors.render(JsonString.of("web"))).isEqualTo("\"web\"");
    assertThat(FieldErrors.render(JsonString.of("a\"b\\c\n\t\u0001\u007f")))
        .isEqualTo("\"a\\\"b\\\\c\\n\\t\\x01\\x7f\"");
    assertThat(FieldErrors.render(JsonString.of("ünï 😀\u200b")))
        .isEqualTo("\"ünï 😀\\u200b\"");
    assertThat(FieldErrors.render(JsonNumber.of(3))).isEqualTo("3");
    assertThat(FieldErrors.render(JsonNumber.of(new BigDecimal("0.5")))).isEqualTo("0.5");
    assertThat(FieldErrors.render(JsonBoolean.TRUE)).isEqualTo("true");
    assertThat(FieldErrors.render(JsonNull.INSTANCE)).isEqualTo("null");
    assertThat(FieldErrors.render(null)).isEqualTo("null");
    assertThat(FieldErrors.render(JsonArray.of(JsonString.of("10.0.0.1"))))
        .isEqualTo("[\"10.0.0.1\"]");
    assertThat(FieldErrors.render(JsonObject.of("q", JsonString.of("a<b>&c"))))
        .isEqualTo("{\"q\":\"a\\u003cb\\u003e\\u0026c\"}");
  }

  @Test
  void structsKeepDeclarationOrderAndOmitEmptyFields() {
    JsonObject requirement = JsonObject.builder().put("values", JsonArray.of(JsonString.of("x")))
        .put("operator", "In").put("key", "tier").put("extra", JsonArray.empty()).build();
    assertThat(FieldErrors.struct(requirement, List.of("key", "operator", "values", "extra")))
        .isEqualTo("{\"key\":\"tier\",\"operator\":\"In\",\"values\":[\"x\"]}");
    assertThat(FieldErrors.struct(null, List.of("a"))).isEqualTo("null");
  }
}
