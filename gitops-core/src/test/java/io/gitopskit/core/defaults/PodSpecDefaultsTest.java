package io.gitopskit.core.defaults;

import static io.gitopskit.core.defaults.Fixtures.assertDefaults;
import static io.gitopskit.core.defaults.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.model.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PodSpec and Container defaults (k8s-defaults.md §3.1), for templates and Pods. */
class PodSpecDefaultsTest {

  private static final String DIGEST =
      "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @Test
  void deploymentTemplateGetsTemplateDefaultsOnly() {
    assertDefaults("""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
        spec:
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: web
                image: nginx:1.25
                ports:
                - containerPort: 80
                resources:
                  limits: {cpu: 0.5, memory: 1024Mi}
                readinessProbe:
                  httpGet: {port: 80}
              - name: sidecar
                image: busybox
        """, """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
        spec:
          replicas: 1
          revisionHistoryLimit: 10
          progressDeadlineSeconds: 600
          selector:
            matchLabels: {app: web}
          strategy:
            type: RollingUpdate
            rollingUpdate: {maxUnavailable: 25%, maxSurge: 25%}
          template:
            metadata:
              labels: {app: web}
            spec:
              restartPolicy: Always
              terminationGracePeriodSeconds: 30
              dnsPolicy: ClusterFirst
              schedulerName: default-scheduler
              securityContext: {}
              containers:
              - name: web
                image: nginx:1.25
                imagePullPolicy: IfNotPresent
                terminationMessagePath: /dev/termination-log
                terminationMessagePolicy: File
                ports:
                - containerPort: 80
                  protocol: TCP
                resources:
                  limits: {cpu: 500m, memory: 1Gi}
                readinessProbe:
                  httpGet: {port: 80, path: /, scheme: HTTP}
                  timeoutSeconds: 1
                  periodSeconds: 10
                  successThreshold: 1
                  failureThreshold: 3
              - name: sidecar
                image: busybox
                imagePullPolicy: Always
                terminationMessagePath: /dev/termination-log
                terminationMessagePolicy: File
                resources: {}
        """);
  }

  @Test
  void podGetsPodOnlyDefaultsToo() {
    assertDefaults("""
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
        spec:
          hostNetwork: true
          serviceAccount: builder
          containers:
          - name: app
            image: registry.example.com:5000/team/app:v2
            ports:
            - containerPort: 8080
            - containerPort: 9090
              hostPort: 19090
            resources:
              limits: {cpu: "1", memory: 256Mi}
              requests: {cpu: 250m}
          initContainers:
          - name: init
            image: busybox:latest
            resources:
              limits: {memory: 64Mi}
        """, """
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
        spec:
          hostNetwork: true
          serviceAccount: builder
          serviceAccountName: builder
          restartPolicy: Always
          terminationGracePeriodSeconds: 30
          dnsPolicy: ClusterFirst
          schedulerName: default-scheduler
          securityContext: {}
          enableServiceLinks: true
          containers:
          - name: app
            image: registry.example.com:5000/team/app:v2
            imagePullPolicy: IfNotPresent
            terminationMessagePath: /dev/termination-log
            terminationMessagePolicy: File
            ports:
            - containerPort: 8080
              hostPort: 8080
              protocol: TCP
            - containerPort: 9090
              hostPort: 19090
              protocol: TCP
            resources:
              limits: {cpu: "1", memory: 256Mi}
              requests: {cpu: 250m, memory: 256Mi}
          initContainers:
          - name: init
            image: busybox:latest
            imagePullPolicy: Always
            terminationMessagePath: /dev/termination-log
            terminationMessagePolicy: File
            resources:
              limits: {memory: 64Mi}
              requests: {memory: 64Mi}
        """);
  }

  @Test
  void samePodSpecDiffersBetweenTemplateAndPod() {
    String spec = """
          containers:
          - name: c
            image: nginx
            resources:
              limits: {cpu: 100m}
        """;
    Manifest pod = ServerDefaults.apply(yaml("""
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
        """ + spec));
    Manifest template = ServerDefaults.apply(yaml("""
        apiVersion: v1
        kind: PodTemplate
        metadata: {name: t}
        template:
          spec:
        """ + spec.indent(2)));
    assertThat(pod.at("/spec/enableServiceLinks")).isPresent();
    assertThat(pod.at("/spec/containers/0/resources/requests/cpu"))
        .contains(JsonString.of("100m"));
    assertThat(template.at("/template/spec/enableServiceLinks")).isEmpty();
    assertThat(template.at("/template/spec/containers/0/resources/requests")).isEmpty();
    assertThat(template.at("/template/spec/restartPolicy")).contains(JsonString.of("Always"));
  }

  @Test
  void podLevelResourcesAggregateContainerRequests() {
    assertDefaults("""
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          resources:
            limits: {cpu: "2", memory: 1Gi, hugepages-2Mi: 100Mi}
          containers:
          - {name: a, image: a:1, resources: {requests: {cpu: 200m}}}
          - {name: b, image: b:1, resources: {requests: {cpu: 300m}}}
          initContainers:
          - {name: side, image: s:1, restartPolicy: Always, resources: {requests: {cpu: 100m}}}
          - {name: init, image: i:1, resources: {requests: {cpu: "1"}}}
        """, """
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          restartPolicy: Always
          terminationGracePeriodSeconds: 30
          dnsPolicy: ClusterFirst
          schedulerName: default-scheduler
          securityContext: {}
          enableServiceLinks: true
          resources:
            limits: {cpu: "2", memory: 1Gi, hugepages-2Mi: 100Mi}
            requests: {cpu: 1100m, memory: 1Gi, hugepages-2Mi: 100Mi}
          containers:
          - name: a
            image: a:1
            imagePullPolicy: IfNotPresent
            terminationMessagePath: /dev/termination-log
            terminationMessagePolicy: File
            resources: {requests: {cpu: 200m}}
          - name: b
            image: b:1
            imagePullPolicy: IfNotPresent
            terminationMessagePath: /dev/termination-log
            terminationMessagePolicy: File
            resources: {requests: {cpu: 300m}}
          initContainers:
          - name: side
            image: s:1
            restartPolicy: Always
            imagePullPolicy: IfNotPresent
            terminationMessagePath: /dev/termination-log
            terminationMessagePolicy: File
            resources: {requests: {cpu: 100m}}
          - name: init
            image: i:1
            imagePullPolicy: IfNotPresent
            terminationMessagePath: /dev/termination-log
            terminationMessagePolicy: File
            resources: {requests: {cpu: "1"}}
        """);
  }

  @Test
  void probesHooksAndEnvironment() {
    Manifest out = ServerDefaults.apply(yaml("""
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
          - name: c
            image: app:1
            livenessProbe:
              grpc: {port: 9000}
              periodSeconds: 0
              failureThreshold: 5
              initialDelaySeconds: 0
            startupProbe:
              exec: {command: [true]}
              timeoutSeconds: 7
            lifecycle:
              preStop:
                httpGet: {port: 80, path: /quit, scheme: HTTPS}
              postStart:
                httpGet: {port: 80}
            env:
            - name: NODE
              valueFrom: {fieldRef: {fieldPath: spec.nodeName}}
            - name: CFG
              valueFrom: {fileKeyRef: {path: a.env, key: K, volumeName: v}}
            - name: PLAIN
              value: x
        """));
    assertThat(out.at("/spec/containers/0/livenessProbe").orElseThrow().toJson()).isEqualTo(
        "{\"failureThreshold\":5,\"grpc\":{\"port\":9000,\"service\":\"\"},"
            + "\"initialDelaySeconds\":0,\"periodSeconds\":10,\"successThreshold\":1,"
            + "\"timeoutSeconds\":1}");
    assertThat(out.at("/spec/containers/0/startupProbe").orElseThrow().toJson()).isEqualTo(
        "{\"exec\":{\"command\":[true]},\"failureThreshold\":3,\"periodSeconds\":10,"
            + "\"successThreshold\":1,\"timeoutSeconds\":7}");
    assertThat(out.at("/spec/containers/0/lifecycle").orElseThrow().toJson()).isEqualTo(
        "{\"postStart\":{\"httpGet\":{\"path\":\"/\",\"port\":80,\"scheme\":\"HTTP\"}},"
            + "\"preStop\":{\"httpGet\":{\"path\":\"/quit\",\"port\":80,\"scheme\":\"HTTPS\"}}}");
    assertThat(out.at("/spec/containers/0/env").orElseThrow().toJson()).isEqualTo(
        "[{\"name\":\"NODE\",\"valueFrom\":{\"fieldRef\":{\"apiVersion\":\"v1\","
            + "\"fieldPath\":\"spec.nodeName\"}}},"
            + "{\"name\":\"CFG\",\"valueFrom\":{\"fileKeyRef\":{\"key\":\"K\",\"optional\":false,"
            + "\"path\":\"a.env\",\"volumeName\":\"v\"}}},"
            + "{\"name\":\"PLAIN\",\"value\":\"x\"}]");
  }

  @Test
  void volumes() {
    Manifest out = ServerDefaults.apply(yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d}
        spec:
          template:
            spec:
              containers: [{name: c, image: "c:1"}]
              volumes:
              - name: scratch
              - name: cache
                emptyDir: {sizeLimit: 1024Mi}
              - name: cm
                configMap: {name: settings}
              - name: sec
                secret: {secretName: creds, defaultMode: 256}
              - name: info
                downwardAPI:
                  items:
                  - path: labels
                    fieldRef: {fieldPath: metadata.labels}
              - name: token
                projected:
                  sources:
                  - serviceAccountToken: {path: token}
                  - downwardAPI:
                      items: [{path: ns, fieldRef: {fieldPath: metadata.namespace}}]
              - name: host
                hostPath: {path: /var/log}
              - name: eph
                ephemeral:
                  volumeClaimTemplate:
                    spec:
                      accessModes: [ReadWriteOnce]
                      resources: {requests: {storage: 1.5Gi}}
              - name: img
                image: {reference: "quay.io/org/data"}
              - name: block
                rbd: {monitors: [m], image: i}
              - name: disk
                azureDisk: {diskName: d, diskURI: u}
              - name: scsi
                iscsi: {targetPortal: t, iqn: q, lun: 0}
              - name: sio
                scaleIO: {gateway: g, system: s, secretRef: {name: x}}
        """));
    assertThat(out.at("/spec/template/spec/volumes").orElseThrow().toPrettyJson())
        .isEqualTo(yaml("""
            apiVersion: v1
            kind: Expected
            metadata: {name: expected}
            volumes:
            - name: scratch
              emptyDir: {}
            - name: cache
              emptyDir: {sizeLimit: 1Gi}
            - name: cm
              configMap: {name: settings, defaultMode: 420}
            - name: sec
              secret: {secretName: creds, defaultMode: 256}
            - name: info
              downwardAPI:
                defaultMode: 420
                items:
                - path: labels
                  fieldRef: {fieldPath: metadata.labels, apiVersion: v1}
            - name: token
              projected:
                defaultMode: 420
                sources:
                - serviceAccountToken: {path: token, expirationSeconds: 3600}
                - downwardAPI:
                    items:
                    - path: ns
                      fieldRef: {fieldPath: metadata.namespace, apiVersion: v1}
            - name: host
              hostPath: {path: /var/log, type: ""}
            - name: eph
              ephemeral:
                volumeClaimTemplate:
                  spec:
                    accessModes: [ReadWriteOnce]
                    resources: {requests: {storage: 1536Mi}}
                    volumeMode: Filesystem
            - name: img
              image: {reference: "quay.io/org/data", pullPolicy: Always}
            - name: block
              rbd: {monitors: [m], image: i, pool: rbd, user: admin, keyring: /etc/ceph/keyring}
            - name: disk
              azureDisk:
                diskName: d
                diskURI: u
                cachingMode: ReadWrite
                fsType: ext4
                readOnly: false
                kind: Shared
            - name: scsi
              iscsi: {targetPortal: t, iqn: q, lun: 0, iscsiInterface: default}
            - name: sio
              scaleIO:
                gateway: g
                system: s
                secretRef: {name: x}
                storageMode: ThinProvisioned
                fsType: xfs
            """).root().getOrNull("volumes").toPrettyJson());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "nginx, Always",
      "nginx:latest, Always",
      "nginx:1.25, IfNotPresent",
      "nginx:LATEST, IfNotPresent",
      "docker.io/library/nginx, Always",
      "registry.example.com:5000/team/app, Always",
      "registry.example.com:5000/team/app:v1, IfNotPresent",
      "localhost/app:latest, Always",
      "localhost:5000/app, Always",
      "[::1]:5000/app, Always",
      "Nginx, IfNotPresent",
      "ghcr.io/Org/app:latest, IfNotPresent",
      "REGISTRY.io/org/app, Always",
      "'', IfNotPresent",
      "app:, IfNotPresent",
      "a//b, IfNotPresent",
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, IfNotPresent",
  })
  void imagePullPolicyFollowsTheTag(String image, String policy) {
    assertThat(ImageReference.defaultPullPolicy(image)).isEqualTo(policy);
  }

  @Test
  void digestsPullIfNotPresentUnlessTaggedLatest() {
    assertThat(ImageReference.defaultPullPolicy("nginx@" + DIGEST)).isEqualTo("IfNotPresent");
    assertThat(ImageReference.defaultPullPolicy("nginx:latest@" + DIGEST)).isEqualTo("Always");
    assertThat(ImageReference.defaultPullPolicy("nginx:1@" + DIGEST)).isEqualTo("IfNotPresent");
    // a malformed digest makes the reference unparseable
    assertThat(ImageReference.defaultPullPolicy("nginx:latest@sha256:abc"))
        .isEqualTo("IfNotPresent");
    assertThat(ImageReference.tag("nginx@" + DIGEST)).isEmpty();
    assertThat(ImageReference.tag("nginx")).isEqualTo("latest");
  }
}
