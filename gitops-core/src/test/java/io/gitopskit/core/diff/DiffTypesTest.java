package io.gitopskit.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.patch.ListType;
import io.gitopskit.core.schema.KubernetesSchema;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The version fallback and key defaults of the diff's type knowledge. */
class DiffTypesTest {

  private static final DiffTypes TYPES = new DiffTypes(KubernetesSchema.builtIn());

  @ParameterizedTest(name = "{0}/{1} -> {2}")
  @CsvSource({
      "apps/v1, Deployment, apps/v1",
      "apps/v1beta1, StatefulSet, apps/v1",
      "apps/v1beta2, DaemonSet, apps/v1",
      "extensions/v1beta1, Deployment, apps/v1",
      "extensions/v1beta1, Ingress, networking.k8s.io/v1",
      "admissionregistration.k8s.io/v1beta1, MutatingWebhookConfiguration,"
          + " admissionregistration.k8s.io/v1",
      "autoscaling/v2beta2, HorizontalPodAutoscaler, autoscaling/v2",
      "batch/v1beta1, CronJob, batch/v1",
  })
  void unservedVersions_borrowTheServedVersion(String apiVersion, String kind, String served) {
    assertThat(TYPES.resolve(GroupVersionKind.of(apiVersion, kind)))
        .contains(GroupVersionKind.of(served, kind));
    assertThat(TYPES.builtIn(GroupVersionKind.of(apiVersion, kind))).isTrue();
  }

  @Test
  void unknownKinds_resolveToNothing() {
    GroupVersionKind sealed = GroupVersionKind.of("bitnami.com/v1alpha1", "SealedSecret");
    assertThat(TYPES.resolve(sealed)).isEmpty();
    assertThat(TYPES.builtIn(sealed)).isFalse();
    assertThat(TYPES.list(sealed, List.of("spec", "items")).type()).isEqualTo(ListType.ATOMIC);
    assertThat(TYPES.serverOwnedStatus(sealed)).isTrue();
  }

  @Test
  void versionPriority_followsKubernetes() {
    List<String> versions = new java.util.ArrayList<>(List.of("v1alpha1", "v2beta1", "v1",
        "v1beta2", "v2", "v1beta1", "v10", "foo"));
    versions.sort((a, b) -> Long.compare(DiffTypes.priority(b), DiffTypes.priority(a)));
    assertThat(versions).containsExactly("v10", "v2", "v1", "v2beta1", "v1beta2", "v1beta1",
        "v1alpha1", "foo");
  }

  @Test
  void protocolKeys_defaultToTcp() {
    GroupVersionKind deployment = GroupVersionKind.of("apps/v1", "Deployment");
    assertThat(TYPES.list(deployment, List.of("spec", "template", "spec", "containers",
        "ports")).keyDefaults()).containsEntry("protocol", JsonString.of("TCP"));
    assertThat(TYPES.list(GroupVersionKind.of("v1", "Service"), List.of("spec", "ports"))
        .keyDefaults()).containsEntry("protocol", JsonString.of("TCP"));
    assertThat(TYPES.list(deployment, List.of("spec", "template", "spec", "containers"))
        .keyDefaults()).isEmpty();
  }
}
