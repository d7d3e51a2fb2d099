package io.gitopskit.core.defaults;

import static io.gitopskit.core.defaults.Fixtures.assertDefaults;
import static io.gitopskit.core.defaults.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.model.Manifest;
import org.junit.jupiter.api.Test;

/** Configuration, storage, autoscaling, RBAC and CRD defaults. */
class ObjectDefaultsTest {

  @Test
  void secretStringDataIsFoldedIntoData() {
    assertDefaults("""
        apiVersion: v1
        kind: Secret
        metadata: {name: creds}
        data:
          user: b2xk
          keep: a2VlcA==
        stringData:
          user: admin
          password: "pä55"
        """, """
        apiVersion: v1
        kind: Secret
        metadata: {name: creds}
        type: Opaque
        data:
          user: YWRtaW4=
          keep: a2VlcA==
          password: cMOkNTU=
        """);
  }

  @Test
  void secretKeepsItsTypeAndNonStringStringData() {
    Manifest out = ServerDefaults.apply(yaml("""
        apiVersion: v1
        kind: Secret
        metadata: {name: tls}
        type: kubernetes.io/tls
        stringData: {port: 8080, host: a}
        """));
    assertThat(out.root().toJson()).isEqualTo("{\"apiVersion\":\"v1\",\"data\":{\"host\":\"YQ==\"},"
        + "\"kind\":\"Secret\",\"metadata\":{\"name\":\"tls\"},\"stringData\":{\"port\":8080},"
        + "\"type\":\"kubernetes.io/tls\"}");
  }

  @Test
  void configMapAndServiceAccountAreUntouched() {
    Manifest cm = yaml("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c}
        data: {a: b}
        """);
    assertThat(ServerDefaults.apply(cm)).isSameAs(cm);
    Manifest sa = yaml("""
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: s}
        """);
    assertThat(ServerDefaults.apply(sa)).isSameAs(sa);
  }

  @Test
  void namespaceNameLabelIsAlwaysSet() {
    assertDefaults("""
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        """, """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
          labels: {kubernetes.io/metadata.name: shop}
        """);
    Manifest wrong = ServerDefaults.apply(yaml("""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
          labels: {kubernetes.io/metadata.name: other, team: a}
        """));
    assertThat(wrong.labels()).containsEntry("kubernetes.io/metadata.name", "shop")
        .containsEntry("team", "a");
  }

  @Test
  void persistentVolumeClaimAndVolume() {
    assertDefaults("""
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: data}
        spec:
          accessModes: [ReadWriteOnce]
          resources: {requests: {storage: 1000Mi}, limits: {storage: 0.5Ti}}
        """, """
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: data}
        spec:
          accessModes: [ReadWriteOnce]
          volumeMode: Filesystem
          resources: {requests: {storage: 1000Mi}, limits: {storage: 512Gi}}
        """);
    assertDefaults("""
        apiVersion: v1
        kind: PersistentVolume
        metadata: {name: pv}
        spec:
          capacity: {storage: 2048Mi}
          hostPath: {path: /data}
        """, """
        apiVersion: v1
        kind: PersistentVolume
        metadata: {name: pv}
        spec:
          capacity: {storage: 2Gi}
          hostPath: {path: /data, type: ""}
          persistentVolumeReclaimPolicy: Retain
          volumeMode: Filesystem
        """);
  }

  @Test
  void storageClass() {
    assertDefaults("""
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata: {name: fast}
        provisioner: ebs.csi.aws.com
        """, """
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata: {name: fast}
        provisioner: ebs.csi.aws.com
        reclaimPolicy: Delete
        volumeBindingMode: Immediate
        """);
  }

  @Test
  void horizontalPodAutoscalerWithoutBehavior() {
    assertDefaults("""
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: web}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
          maxReplicas: 5
        """, """
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: web}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
          maxReplicas: 5
          minReplicas: 1
          metrics:
          - type: Resource
            resource:
              name: cpu
              target: {type: Utilization, averageUtilization: 80}
        """);
  }

  @Test
  void horizontalPodAutoscalerBehaviorIsFilledFieldByField() {
    assertDefaults("""
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: web}
        spec:
          minReplicas: 2
          maxReplicas: 5
          metrics:
          - type: Resource
            resource: {name: memory, target: {type: Utilization, averageUtilization: 60}}
          behavior:
            scaleDown: {stabilizationWindowSeconds: 60}
        """, """
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: web}
        spec:
          minReplicas: 2
          maxReplicas: 5
          metrics:
          - type: Resource
            resource: {name: memory, target: {type: Utilization, averageUtilization: 60}}
          behavior:
            scaleUp:
              stabilizationWindowSeconds: 0
              selectPolicy: Max
              policies:
              - {type: Pods, value: 4, periodSeconds: 15}
              - {type: Percent, value: 100, periodSeconds: 15}
            scaleDown:
              stabilizationWindowSeconds: 60
              selectPolicy: Max
              policies:
              - {type: Percent, value: 100, periodSeconds: 15}
        """);
  }

  @Test
  void roleBindingApiGroups() {
    assertDefaults("""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: rb, namespace: ns}
        roleRef: {kind: Role, name: reader}
        subjects:
        - {kind: User, name: alice}
        - {kind: Group, name: devs, apiGroup: example.com}
        - {kind: ServiceAccount, name: bot, namespace: ns}
        """, """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: rb, namespace: ns}
        roleRef: {kind: Role, name: reader, apiGroup: rbac.authorization.k8s.io}
        subjects:
        - {kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}
        - {kind: Group, name: devs, apiGroup: example.com}
        - {kind: ServiceAccount, name: bot, namespace: ns}
        """);
    Manifest crb = ServerDefaults.apply(yaml("""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: crb}
        roleRef: {kind: ClusterRole, name: view}
        """));
    assertThat(crb.at("/roleRef/apiGroup").orElseThrow().toJson())
        .isEqualTo("\"rbac.authorization.k8s.io\"");
  }

  @Test
  void customResourceDefinition() {
    assertDefaults("""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.com}
        spec:
          group: example.com
          scope: Namespaced
          names: {kind: Widget, plural: widgets}
          versions:
          - {name: v1, served: true, storage: true}
        """, """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.com}
        spec:
          group: example.com
          scope: Namespaced
          names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
          conversion: {strategy: None}
          versions:
          - {name: v1, served: true, storage: true}
        """);
    Manifest webhook = ServerDefaults.apply(yaml("""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: items.example.com}
        spec:
          names: {kind: Item, plural: items, singular: one}
          conversion:
            strategy: Webhook
            webhook:
              conversionReviewVersions: [v1]
              clientConfig: {service: {name: conv, namespace: sys}}
        """));
    assertThat(webhook.at("/spec/conversion/webhook/clientConfig/service/port").orElseThrow()
        .toJson()).isEqualTo("443");
    assertThat(webhook.at("/spec/names").orElseThrow().toJson()).isEqualTo(
        "{\"kind\":\"Item\",\"listKind\":\"ItemList\",\"plural\":\"items\",\"singular\":\"one\"}");
  }

  @Test
  void crdSingularIsLowercasedIndependentlyOfTheLocale() {
    // the build runs tests in a Turkish locale, where "I".toLowerCase() is a dotless i
    Manifest out = ServerDefaults.apply(yaml("""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: ingresses.example.com}
        spec:
          names: {kind: IngressRoute, plural: ingressroutes}
        """));
    assertThat(out.at("/spec/names/singular").orElseThrow().toJson())
        .isEqualTo("\"ingressroute\"");
  }

  @Test
  void unknownKindsAndVersionsAreUnchanged() {
    Manifest custom = yaml("""
        apiVersion: example.com/v1
        kind: Widget
        metadata: {name: w}
        spec: {size: 3}
        """);
    assertThat(ServerDefaults.apply(custom)).isSameAs(custom);
    Manifest oldHpa = yaml("""
        apiVersion: autoscaling/v1
        kind: HorizontalPodAutoscaler
        metadata: {name: h}
        spec: {maxReplicas: 3}
        """);
    assertThat(ServerDefaults.apply(oldHpa)).isSameAs(oldHpa);
  }
}
