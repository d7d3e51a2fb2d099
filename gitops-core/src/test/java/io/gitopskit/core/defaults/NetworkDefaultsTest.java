package io.gitopskit.core.defaults;

import static io.gitopskit.core.defaults.Fixtures.assertDefaults;
import static io.gitopskit.core.defaults.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.model.Manifest;
import org.junit.jupiter.api.Test;

/** Service (allocation-free), NetworkPolicy and IngressClass defaults. */
class NetworkDefaultsTest {

  private static String spec(String serviceYaml) {
    return ServerDefaults.apply(yaml(serviceYaml)).at("/spec").orElseThrow().toJson();
  }

  @Test
  void clusterIpService() {
    assertDefaults("""
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec:
          selector: {app: web}
          ports:
          - name: http
            port: 80
          - name: grpc
            port: 9000
            targetPort: grpc
            protocol: UDP
        """, """
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec:
          type: ClusterIP
          sessionAffinity: None
          internalTrafficPolicy: Cluster
          ipFamilyPolicy: SingleStack
          ipFamilies: [IPv4]
          selector: {app: web}
          ports:
          - name: http
            port: 80
            protocol: TCP
            targetPort: 80
          - name: grpc
            port: 9000
            targetPort: grpc
            protocol: UDP
        """);
  }

  @Test
  void loadBalancerService() {
    assertDefaults("""
        apiVersion: v1
        kind: Service
        metadata: {name: lb}
        spec:
          type: LoadBalancer
          selector: {app: web}
          sessionAffinity: ClientIP
          ports: [{port: 443, targetPort: 0}]
        """, """
        apiVersion: v1
        kind: Service
        metadata: {name: lb}
        spec:
          type: LoadBalancer
          selector: {app: web}
          sessionAffinity: ClientIP
          sessionAffinityConfig: {clientIP: {timeoutSeconds: 10800}}
          externalTrafficPolicy: Cluster
          internalTrafficPolicy: Cluster
          allocateLoadBalancerNodePorts: true
          ipFamilyPolicy: SingleStack
          ipFamilies: [IPv4]
          ports: [{port: 443, targetPort: 443, protocol: TCP}]
        """);
  }

  @Test
  void nodePortAndExternalIps() {
    assertThat(spec("""
        apiVersion: v1
        kind: Service
        metadata: {name: np}
        spec:
          type: NodePort
          externalTrafficPolicy: Local
          ports: [{port: 80, nodePort: 30080}]
        """)).isEqualTo("{\"externalTrafficPolicy\":\"Local\",\"internalTrafficPolicy\":"
            + "\"Cluster\",\"ipFamilies\":[\"IPv4\"],\"ipFamilyPolicy\":\"SingleStack\","
            + "\"ports\":[{\"nodePort\":30080,\"port\":80,\"protocol\":\"TCP\","
            + "\"targetPort\":80}],\"sessionAffinity\":\"None\",\"type\":\"NodePort\"}");
    assertThat(spec("""
        apiVersion: v1
        kind: Service
        metadata: {name: ext}
        spec:
          selector: {app: a}
          externalIPs: [203.0.113.7]
        """)).contains("\"externalTrafficPolicy\":\"Cluster\"");
    assertThat(spec("""
        apiVersion: v1
        kind: Service
        metadata: {name: plain}
        spec:
          selector: {app: a}
        """)).doesNotContain("externalTrafficPolicy");
  }

  @Test
  void externalNameGetsNoTrafficOrFamilyFields() {
    assertThat(spec("""
        apiVersion: v1
        kind: Service
        metadata: {name: db}
        spec:
          type: ExternalName
          externalName: db.example.com
        """)).isEqualTo("{\"externalName\":\"db.example.com\",\"sessionAffinity\":\"None\","
            + "\"type\":\"ExternalName\"}");
  }

  @Test
  void headlessSelectorlessIsDualStack() {
    assertThat(spec("""
        apiVersion: v1
        kind: Service
        metadata: {name: h}
        spec:
          clusterIP: None
        """)).isEqualTo("{\"clusterIP\":\"None\",\"clusterIPs\":[\"None\"],"
            + "\"internalTrafficPolicy\":\"Cluster\",\"ipFamilies\":[\"IPv4\",\"IPv6\"],"
            + "\"ipFamilyPolicy\":\"RequireDualStack\",\"sessionAffinity\":\"None\","
            + "\"type\":\"ClusterIP\"}");
    assertThat(spec("""
        apiVersion: v1
        kind: Service
        metadata: {name: h}
        spec:
          clusterIP: None
          selector: {app: a}
        """)).contains("\"ipFamilies\":[\"IPv4\"]", "\"ipFamilyPolicy\":\"SingleStack\"");
  }

  @Test
  void givenClusterIpsDecideTheFamilies() {
    assertThat(spec("""
        apiVersion: v1
        kind: Service
        metadata: {name: v6}
        spec:
          selector: {app: a}
          clusterIP: "fd00::10"
        """)).contains("\"clusterIPs\":[\"fd00::10\"]", "\"ipFamilies\":[\"IPv6\"]");
    assertThat(spec("""
        apiVersion: v1
        kind: Service
        metadata: {name: dual}
        spec:
          selector: {app: a}
          ipFamilyPolicy: PreferDualStack
          clusterIPs: ["10.0.0.10", "fd00::10"]
        """)).contains("\"ipFamilies\":[\"IPv4\",\"IPv6\"]",
            "\"ipFamilyPolicy\":\"PreferDualStack\"").doesNotContain("\"clusterIP\":");
  }

  @Test
  void sessionAffinityConfigIsDroppedWithoutClientIpAffinity() {
    assertThat(spec("""
        apiVersion: v1
        kind: Service
        metadata: {name: s}
        spec:
          sessionAffinityConfig: {clientIP: {timeoutSeconds: 60}}
        """)).doesNotContain("sessionAffinityConfig");
    assertThat(spec("""
        apiVersion: v1
        kind: Service
        metadata: {name: s}
        spec:
          sessionAffinity: ClientIP
          sessionAffinityConfig: {clientIP: {timeoutSeconds: 60}}
        """)).contains("\"sessionAffinityConfig\":{\"clientIP\":{\"timeoutSeconds\":60}}");
  }

  @Test
  void networkPolicy() {
    assertDefaults("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny}
        spec:
          ingress:
          - ports: [{port: 80}, {port: 53, protocol: UDP}]
          egress:
          - to: [{ipBlock: {cidr: 10.0.0.0/8}}]
        """, """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny}
        spec:
          podSelector: {}
          policyTypes: [Ingress, Egress]
          ingress:
          - ports: [{port: 80, protocol: TCP}, {port: 53, protocol: UDP}]
          egress:
          - to: [{ipBlock: {cidr: 10.0.0.0/8}}]
        """);
    assertThat(spec("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: netpol}
        spec:
          podSelector: {matchLabels: {app: a}}
        """)).isEqualTo("{\"podSelector\":{\"matchLabels\":{\"app\":\"a\"}},"
            + "\"policyTypes\":[\"Ingress\"]}");
    assertThat(spec("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: netpol}
        spec:
          policyTypes: [Egress]
        """)).isEqualTo("{\"podSelector\":{},\"policyTypes\":[\"Egress\"]}");
  }

  @Test
  void ingressClassParametersScope() {
    Manifest out = ServerDefaults.apply(yaml("""
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata: {name: nginx}
        spec:
          controller: k8s.io/ingress-nginx
          parameters: {apiGroup: k8s.example.com, kind: Params, name: p}
        """));
    assertThat(out.at("/spec/parameters/scope").orElseThrow().toJson()).isEqualTo("\"Cluster\"");
    Manifest noParams = yaml("""
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata: {name: nginx}
        spec: {controller: k8s.io/ingress-nginx}
        """);
    assertThat(ServerDefaults.apply(noParams)).isSameAs(noParams);
  }

  @Test
  void ingressHasNoDefaults() {
    Manifest ingress = yaml("""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: i}
        spec:
          rules:
          - http:
              paths: [{path: /, backend: {service: {name: web, port: {number: 80}}}}]
        """);
    assertThat(ServerDefaults.apply(ingress)).isSameAs(ingress);
  }
}
