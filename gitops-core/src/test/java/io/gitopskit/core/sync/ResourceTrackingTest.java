package io.gitopskit.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.model.Manifest;
import org.junit.jupiter.api.Test;

/** Argo CD's resource tracking: ids, marks, ownership and the self-reference rule. */
class ResourceTrackingTest {

  private static Manifest object(String apiVersion, String kind, String namespace,
      String name) {
    JsonObject meta = namespace.isEmpty() ? JsonObject.of("name", JsonString.of(name))
        : JsonObject.builder().put("name", name).put("namespace", namespace).build();
    return Manifest.of(JsonObject.builder().put("apiVersion", apiVersion).put("kind", kind)
        .put("metadata", meta).build());
  }

  private static final Manifest WEB = object("apps/v1", "Deployment", "prod", "web");
  private static final Manifest ROLE =
      object("rbac.authorization.k8s.io/v1", "ClusterRole", "", "reader");

  @Test
  void trackingIdNamesGroupKindNamespaceAndNameWithTheDestinationForClusterScoped() {
    ResourceTracking t = ResourceTracking.annotation("shop", "dest");
    assertThat(t.trackingId(WEB)).isEqualTo("shop:apps/Deployment:prod/web");
    assertThat(t.trackingId(object("v1", "ConfigMap", "", "cfg")))
        .isEqualTo("shop:/ConfigMap:dest/cfg");
    assertThat(t.trackingId(ROLE))
        .isEqualTo("shop:rbac.authorization.k8s.io/ClusterRole:dest/reader");
  }

  @Test
  void markWritesWhatEachMethodDecidesBy() {
    ResourceTracking annotation = ResourceTracking.annotation("shop", "dest");
    Manifest a = annotation.mark(WEB);
    assertThat(a.annotation(ResourceTracking.TRACKING_ID))
        .contains("shop:apps/Deployment:prod/web");
    assertThat(a.labels()).isEmpty();
    assertThat(annotation.mark(a)).isSameAs(a);

    Manifest l = annotation.withMethod(ResourceTracking.Method.LABEL).mark(WEB);
    assertThat(l.label(ResourceTracking.INSTANCE_LABEL)).contains("shop");
    assertThat(l.annotations()).isEmpty();

    String longName = "a".repeat(62) + "-b";
    Manifest both = ResourceTracking.annotation(longName, "dest")
        .withMethod(ResourceTracking.Method.ANNOTATION_AND_LABEL).mark(WEB);
    assertThat(both.label(ResourceTracking.INSTANCE_LABEL)).contains("a".repeat(62));
    assertThat(both.annotation(ResourceTracking.TRACKING_ID)).isPresent();

    Manifest installed = annotation.withInstallationId("east").mark(WEB);
    assertThat(installed.annotation(ResourceTracking.INSTALLATION_ID)).contains("east");
  }

  @Test
  void ownerIsTheInstanceOfASelfReferencingId() {
    ResourceTracking shop = ResourceTracking.annotation("shop", "dest");
    ResourceTracking billing = ResourceTracking.annotation("billing", "dest");
    Manifest marked = billing.mark(WEB);
    assertThat(shop.owner(marked)).contains("billing");
    assertThat(shop.otherOwner(marked)).contains("billing");
    assertThat(shop.tracks(marked)).isFalse();
    assertThat(billing.tracks(marked)).isTrue();
    assertThat(billing.otherOwner(marked)).isEmpty();
    // cluster-scoped: the id's namespace is the destination's, any value is accepted
    assertThat(shop.owner(billing.mark(ROLE))).contains("billing");
  }

  @Test
  void copiedMalformedOrMissingIdsClaimNothing() {
    ResourceTracking shop = ResourceTracking.annotation("shop", "dest");
    assertThat(shop.owner(WEB)).isEmpty();
    for (String id : new String[] {"billing:apps/Deployment:prod/api",
        "billing:apps/Deployment:staging/web", "billing:/Deployment:prod/web",
        "billing:apps/StatefulSet:prod/web", "billing", "billing:apps/Deployment",
        ":apps/Deployment:prod/web", "billing:appsDeployment:prod/web"}) {
      assertThat(shop.owner(WEB.withAnnotation(ResourceTracking.TRACKING_ID, id))).as(id)
          .isEmpty();
    }
    // the label does not decide ownership under annotation tracking
    assertThat(shop.owner(WEB.withLabel(ResourceTracking.INSTANCE_LABEL, "billing"))).isEmpty();
    assertThat(shop.withMethod(ResourceTracking.Method.LABEL)
        .owner(WEB.withLabel(ResourceTracking.INSTANCE_LABEL, "billing"))).contains("billing");
  }

  @Test
  void anotherInstallationOfTheSameNameIsAnotherOwner() {
    ResourceTracking east = ResourceTracking.annotation("shop", "dest").withInstallationId("east");
    ResourceTracking west = east.withInstallationId("west");
    Manifest m = east.mark(WEB);
    assertThat(east.tracks(m)).isTrue();
    assertThat(west.tracks(m)).isFalse();
    assertThat(west.otherOwner(m)).contains("shop");
  }

  @Test
  void methodParsesArgoSpellingsAndRejectsOthers() {
    assertThat(ResourceTracking.Method.parse("")).isEqualTo(ResourceTracking.Method.ANNOTATION);
    assertThat(ResourceTracking.Method.parse("annotation+label"))
        .isEqualTo(ResourceTracking.Method.ANNOTATION_AND_LABEL);
    assertThat(ResourceTracking.Method.parse("label")).isEqualTo(ResourceTracking.Method.LABEL);
    assertThatThrownBy(() -> ResourceTracking.Method.parse("Label"))
        .hasMessageContaining("\"Label\"");
    assertThatThrownBy(() -> ResourceTracking.annotation("a:b", ""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
