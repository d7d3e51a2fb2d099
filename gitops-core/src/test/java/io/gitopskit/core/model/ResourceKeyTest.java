package io.gitopskit.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceKeyTest {

  @Test
  void stringForm_roundTrips_forCoreAndClusterScopedKeys() {
    for (String s : List.of("apps/Deployment/dev/web", "/ConfigMap/dev/settings",
        "rbac.authorization.k8s.io/ClusterRole//admin")) {
      assertThat(ResourceKey.parse(s)).hasToString(s);
    }
    assertThat(ResourceKey.parse("/Namespace//dev").group()).isEmpty();
    assertThatThrownBy(() -> ResourceKey.parse("apps/Deployment/web"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ResourceKey.parse("apps//dev/web"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ordering_isGroupKindNamespaceName() {
    List<ResourceKey> keys = new ArrayList<>(List.of(
        ResourceKey.of("apps", "Deployment", "b", "a"),
        ResourceKey.of("", "Service", "a", "z"),
        ResourceKey.of("apps", "Deployment", "a", "z"),
        ResourceKey.of("", "ConfigMap", "z", "a")));
    keys.sort(null);
    assertThat(keys).extracting(ResourceKey::toString).containsExactly(
        "/ConfigMap/z/a", "/Service/a/z", "apps/Deployment/a/z", "apps/Deployment/b/a");
  }

  @Test
  void nullNamespace_becomesEmpty() {
    assertThat(new ResourceKey("", "Namespace", null, "dev").namespace()).isEmpty();
  }

  @Test
  void groupVersionKind_splitsApiVersion() {
    assertThat(GroupVersionKind.of("v1", "Pod"))
        .isEqualTo(new GroupVersionKind("", "v1", "Pod"));
    assertThat(GroupVersionKind.of("networking.k8s.io/v1", "Ingress").groupKind())
        .hasToString("networking.k8s.io/Ingress");
    assertThat(GroupVersionKind.of("apps/v1", "Deployment").apiVersion()).isEqualTo("apps/v1");
    assertThatThrownBy(() -> GroupVersionKind.of("a/b/c", "X"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GroupVersionKind.of("/v1", "X"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
