package io.gitopskit.core.diff;

import static io.gitopskit.core.diff.Fixtures.yaml;
import static io.gitopskit.core.diff.GitopsEngineDiffConformanceTest.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ManifestSet;
import io.gitopskit.core.model.ResourceKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The behaviours gitops-engine's tests assert on inline objects, and the Differ's API. */
class DifferTest {

  private static final Differ DIFFER = Differ.create(DiffOptions.defaults());

  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: dev
        labels: {app: web}
      spec:
        replicas: 2
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers:
            - name: web
              image: nginx:1.25
              ports: [{containerPort: 80}]
              resources:
                requests: {cpu: 0.2, memory: 1024Mi}
      """;

  /** What the API server returns for {@link #DEPLOYMENT}: defaults, metadata, status. */
  private static final String DEPLOYMENT_LIVE = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: dev
        labels: {app: web}
        annotations: {deployment.kubernetes.io/revision: "3"}
        uid: 7d0e4a2c-1b5e-4d8f-9a3b-2c6d8e0f1a2b
        resourceVersion: "4711"
        generation: 3
        creationTimestamp: "2024-01-01T00:00:00Z"
      spec:
        replicas: 2
        progressDeadlineSeconds: 600
        revisionHistoryLimit: 10
        selector: {matchLabels: {app: web}}
        strategy:
          type: RollingUpdate
          rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers:
            - name: web
              image: nginx:1.25
              imagePullPolicy: IfNotPresent
              ports: [{containerPort: 80, protocol: TCP}]
              resources:
                requests: {cpu: 200m, memory: 1Gi}
              terminationMessagePath: /dev/termination-log
              terminationMessagePolicy: File
            dnsPolicy: ClusterFirst
            restartPolicy: Always
            schedulerName: default-scheduler
            securityContext: {}
            terminationGracePeriodSeconds: 30
      status:
        replicas: 2
        readyReplicas: 2
        observedGeneration: 3
      """;

  private static Manifest withLastApplied(Manifest live, Manifest applied) {
    return live.withAnnotation(Normalization.LAST_APPLIED, applied.root().toJson());
  }

  @Test
  void identicalObjects_areNotModified() {
    Manifest d = yaml(DEPLOYMENT);
    DiffResult r = DIFFER.diff(d, d);
    assertThat(r.modified()).isFalse();
    assertThat(r.changes()).isEmpty();
    assertThat(r.method()).isEqualTo(DiffMethod.TWO_WAY);
    assertThat(r.key()).isEqualTo(ResourceKey.of("apps", "Deployment", "dev", "web"));
  }

  @Test
  void defaultsCanonicalQuantitiesAndServerMetadata_areNotDrift() {
    DiffResult r = DIFFER.diff(yaml(DEPLOYMENT), yaml(DEPLOYMENT_LIVE));
    assertThat(r.changes()).isEmpty();
    assertThat(at(r.predictedLive(), "/spec/template/spec/containers/0/resources/requests/cpu"))
        .contains(JsonString.of("200m"));
    assertThat(r.normalizedLive().toJson()).doesNotContain("uid", "resourceVersion",
        "generation", "creationTimestamp", "status", "deployment.kubernetes.io/revision");
  }

  @Test
  void missingLive_isACreate_andMissingDesired_isNotADifference() {
    Manifest d = yaml(DEPLOYMENT);
    DiffResult create = DIFFER.diff(d, null);
    assertThat(create.modified()).isTrue();
    assertThat(create.method()).isEqualTo(DiffMethod.CREATE);
    assertThat(create.normalizedLive()).isNull();
    assertThat(create.changes()).singleElement().satisfies(c -> {
      assertThat(c.path()).isEmpty();
      assertThat(c.isAddition()).isTrue();
    });
    DiffResult extra = DIFFER.diff(null, yaml(DEPLOYMENT_LIVE));
    assertThat(extra.modified()).isFalse();
    assertThat(extra.method()).isEqualTo(DiffMethod.LIVE_ONLY);
    assertThat(extra.predictedLive()).isNull();
    assertThat(extra.normalizedLive()).isNotNull();
    assertThatThrownBy(() -> DIFFER.diff((Manifest) null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both null");
  }

  @Test
  void differentObjects_areRefused() {
    Manifest d = yaml(DEPLOYMENT);
    assertThatThrownBy(() -> DIFFER.diff(d, d.withName("other")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not the same object");
  }

  @Test
  void nullSpecInLive_isModified() {
    Manifest live = yaml(DEPLOYMENT_LIVE).with("/spec", JsonNull.INSTANCE);
    assertThat(DIFFER.diff(yaml(DEPLOYMENT), live).modified()).isTrue();
  }

  @Test
  void statusOnlyDifference_isNotModified() {
    Manifest live = yaml(DEPLOYMENT_LIVE).with("/status/readyReplicas", JsonNumber.of(0));
    Manifest desired = yaml(DEPLOYMENT).with("/status", JsonObject.of("replicas",
        JsonNumber.of(7)));
    assertThat(DIFFER.diff(desired, live).modified()).isFalse();
  }

  @Test
  void replicasChange_isModified() {
    DiffResult r = DIFFER.diff(yaml(DEPLOYMENT).with("/spec/replicas", JsonNumber.of(3)),
        yaml(DEPLOYMENT_LIVE));
    assertThat(r.modified()).isTrue();
    assertThat(r.changes()).singleElement().satisfies(c -> {
      assertThat(c.path()).isEqualTo("/spec/replicas");
      assertThat(c.live()).contains(JsonNumber.of(2));
      assertThat(c.desired()).contains(JsonNumber.of(3));
    });
  }

  @Test
  void removedField_isModifiedOnlyWhenLastAppliedRecordsIt() {
    Manifest withLabel = yaml(DEPLOYMENT).withLabel("tier", "front");
    Manifest live = yaml(DEPLOYMENT_LIVE).withLabel("tier", "front");
    DiffResult threeWay = DIFFER.diff(yaml(DEPLOYMENT), withLastApplied(live, withLabel));
    assertThat(threeWay.method()).isEqualTo(DiffMethod.THREE_WAY);
    assertThat(threeWay.changes()).extracting(FieldChange::toString)
        .containsExactly("/metadata/labels/tier removed");
    DiffResult twoWay = DIFFER.diff(yaml(DEPLOYMENT), live);
    assertThat(twoWay.method()).isEqualTo(DiffMethod.TWO_WAY);
    assertThat(twoWay.modified()).isFalse();
  }

  @Test
  void unreadableLastApplied_fallsBackToTwoWay() {
    Manifest live = yaml(DEPLOYMENT_LIVE).withAnnotation(Normalization.LAST_APPLIED, "{nope");
    DiffResult r = DIFFER.diff(yaml(DEPLOYMENT), live);
    assertThat(r.method()).isEqualTo(DiffMethod.TWO_WAY);
    assertThat(r.modified()).isFalse();
  }

  @Test
  void unknownField_isModifiedAndShown() {
    Manifest cm = yaml("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: cm, namespace: dev}
        data: {a: b}
        """);
    DiffResult r = DIFFER.diff(cm.withRoot(cm.root().with("invalidKey", JsonString.of("x"))),
        cm);
    assertThat(r.modified()).isTrue();
    assertThat(at(r.predictedLive(), "/invalidKey")).contains(JsonString.of("x"));
  }

  @Test
  void namespaceOnAClusterScopedCustomResource_isNotModified() {
    Manifest live = yaml("""
        apiVersion: example.com/v1
        kind: ClusterThing
        metadata: {name: t}
        spec: {size: 3}
        """);
    Manifest desired = live.withNamespace("default");
    DiffResult r = DIFFER.diff(desired, live);
    assertThat(r.modified()).isFalse();
    assertThat(DIFFER.diff(ManifestSet.of(desired), List.of(live)))
        .singleElement().satisfies(x -> assertThat(x.modified()).isFalse());
  }

  @Test
  void secretStringData_matchesBase64Data() {
    Manifest desired = yaml("""
        apiVersion: v1
        kind: Secret
        metadata: {name: s, namespace: dev}
        stringData: {password: hunter2}
        """);
    Manifest live = yaml("""
        apiVersion: v1
        kind: Secret
        metadata: {name: s, namespace: dev}
        type: Opaque
        data: {password: aHVudGVyMg==}
        """);
    assertThat(DIFFER.diff(desired, live).modified()).isFalse();
    assertThat(DIFFER.diff(desired.with("/stringData/password", JsonString.of("other")), live)
        .changes()).extracting(FieldChange::path).containsExactly("/data/password");
  }

  @Test
  void remarshal_canonicalizesQuantitiesAndDropsEmptyValues() {
    Manifest pod = yaml("""
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: dev, creationTimestamp: null}
        spec:
          imagePullSecrets: []
          containers:
          - name: a
            image: x
            resources:
              requests: {cpu: 0.2, memory: "0.2"}
              limits: {cpu: "invalid"}
        """);
    Normalization n = new Normalization(new DiffTypes(DiffOptions.defaults().schema()), false);
    JsonObject r = n.inputs(pod.root());
    assertThat(at(r, "/spec/containers/0/resources/requests/cpu"))
        .contains(JsonString.of("200m"));
    assertThat(at(r, "/spec/containers/0/resources/requests/memory"))
        .contains(JsonString.of("200m"));
    assertThat(at(r, "/spec/containers/0/resources/limits/cpu"))
        .contains(JsonString.of("invalid"));
    assertThat(at(r, "/spec/imagePullSecrets")).isEmpty();
    assertThat(at(r, "/metadata/creationTimestamp")).isEmpty();
  }

  @Test
  void normalizerOnInputs_ignoresAField_whileDefaultsStillShowIt() {
    Manifest desired = yaml("""
        apiVersion: v1
        kind: Service
        metadata: {name: s, namespace: dev}
        spec:
          sessionAffinity: ClientIP
          ports: [{port: 80}]
        """);
    Manifest live = desired.with("/spec/sessionAffinity", JsonString.of("None"));
    assertThat(DIFFER.diff(desired, live).modified()).isTrue();
    Normalizer noAffinity = m -> m.without("/spec/sessionAffinity");
    DiffResult r = Differ.create(DiffOptions.defaults().withNormalizer(noAffinity))
        .diff(desired, live);
    assertThat(r.modified()).isFalse();
    assertThat(at(r.predictedLive(), "/spec/sessionAffinity")).contains(JsonString.of("None"));
  }

  @Test
  void allocatedServiceFields_areNotDrift_evenWhenLastAppliedHadThem() {
    Manifest desired = yaml("""
        apiVersion: v1
        kind: Service
        metadata: {name: s, namespace: dev}
        spec:
          type: NodePort
          selector: {app: web}
          ports: [{port: 80, targetPort: 8080}]
        """);
    Manifest live = yaml("""
        apiVersion: v1
        kind: Service
        metadata: {name: s, namespace: dev}
        spec:
          type: NodePort
          selector: {app: web}
          clusterIP: 10.0.0.7
          clusterIPs: [10.0.0.7]
          ipFamilies: [IPv4]
          ipFamilyPolicy: PreferDualStack
          externalTrafficPolicy: Cluster
          internalTrafficPolicy: Cluster
          sessionAffinity: None
          ports: [{port: 80, targetPort: 8080, protocol: TCP, nodePort: 31234}]
        status: {loadBalancer: {}}
        """);
    Manifest applied = desired.with("/spec/clusterIP", JsonString.of("10.0.0.7"));
    assertThat(DIFFER.diff(desired, live).modified()).isFalse();
    assertThat(DIFFER.diff(desired, withLastApplied(live, applied)).changes()).isEmpty();
    DiffResult headless = DIFFER.diff(desired.with("/spec/clusterIP", JsonString.of("None")),
        live);
    assertThat(headless.changes()).extracting(FieldChange::path).containsExactly(
        "/spec/clusterIP");
  }

  @Test
  void intOrString_valuesStayDistinct() {
    Manifest desired = yaml("""
        apiVersion: v1
        kind: Service
        metadata: {name: s, namespace: dev}
        spec:
          ports: [{port: 80, targetPort: "8080"}]
        """);
    Manifest live = desired.with("/spec/ports/0/targetPort", JsonNumber.of(8080));
    assertThat(DIFFER.diff(desired, live).changes()).extracting(FieldChange::path)
        .containsExactly("/spec/ports/0/targetPort");
  }

  @Test
  void zeroValuesTheServerOmits_areNotDrift_butRealValuesAre() {
    Manifest desired = yaml(DEPLOYMENT).with("/spec/template/spec/hostNetwork",
        io.gitopskit.core.json.JsonBoolean.FALSE).with("/spec/minReadySeconds",
        JsonNumber.of(0));
    assertThat(DIFFER.diff(desired, yaml(DEPLOYMENT_LIVE)).changes()).isEmpty();
    assertThat(DIFFER.diff(yaml(DEPLOYMENT).with("/spec/replicas", JsonNumber.of(0)),
        yaml(DEPLOYMENT_LIVE)).changes()).extracting(FieldChange::path)
        .containsExactly("/spec/replicas");
    assertThat(DIFFER.diff(yaml(DEPLOYMENT).withLabel("empty", ""), yaml(DEPLOYMENT_LIVE))
        .changes()).extracting(FieldChange::path).containsExactly("/metadata/labels/empty");
  }

  @Test
  void webhookFilter_needsTheManagersFields() {
    Manifest svc = yaml("""
        apiVersion: v1
        kind: Service
        metadata: {name: s, namespace: dev}
        spec: {ports: [{port: 80}]}
        """);
    Differ d = Differ.create(DiffOptions.defaults().withServerSide(new FixtureCluster(svc)));
    assertThatThrownBy(() -> d.diff(svc, svc)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no managedFields of manager \"gitopskit\"");
    Differ keep = Differ.create(DiffOptions.defaults().withIgnoreMutationWebhook(false)
        .withServerSide(new FixtureCluster(svc)));
    assertThat(keep.diff(svc, svc).modified()).isFalse();
  }

  @Test
  void options_serverSideNeedsACluster() {
    DiffOptions defaults = DiffOptions.defaults();
    assertThat(defaults.manager()).isEqualTo("gitopskit");
    assertThat(defaults.mode()).isEqualTo(DiffMode.AUTO);
    assertThat(defaults.ignoreMutationWebhook()).isTrue();
    assertThat(defaults.ignoreAggregatedRoles()).isFalse();
    assertThatThrownBy(() -> defaults.withMode(DiffMode.SERVER_SIDE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SERVER_SIDE needs a ClusterTarget");
    FixtureCluster cluster = new FixtureCluster(yaml(DEPLOYMENT));
    DiffOptions ssd = defaults.withCluster(cluster).withMode(DiffMode.SERVER_SIDE);
    assertThat(ssd).isEqualTo(defaults.withServerSide(cluster));
    assertThatThrownBy(() -> ssd.withCluster(null)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> defaults.withManager(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void setDiff_pairsByKey_inKeyOrder() {
    Manifest web = yaml(DEPLOYMENT);
    Manifest api = web.withName("api");
    Manifest cm = yaml("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: cm, namespace: dev}
        """);
    Manifest role = yaml("""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: reader}
        rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
        """);
    List<DiffResult> results = DIFFER.diff(ManifestSet.of(web, api, role.withNamespace("dev")),
        List.of(role, cm, yaml(DEPLOYMENT_LIVE)));
    assertThat(results).extracting(r -> r.key().toString() + " " + r.method()).containsExactly(
        "/ConfigMap/dev/cm LIVE_ONLY",
        "apps/Deployment/dev/api CREATE",
        "apps/Deployment/dev/web TWO_WAY",
        "rbac.authorization.k8s.io/ClusterRole/dev/reader TWO_WAY");
    assertThat(results).extracting(DiffResult::modified).containsExactly(false, true, false,
        false);
    assertThatThrownBy(() -> DIFFER.diff(ManifestSet.empty(), List.of(cm, cm)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/ConfigMap/dev/cm");
  }

  @Test
  void fieldChange_validatesAndNeverPrintsValues() {
    FieldChange c = new FieldChange("/data/password", java.util.Optional.of(
        JsonString.of("secret-a")), java.util.Optional.of(JsonString.of("secret-b")));
    assertThat(c.toString()).isEqualTo("/data/password changed").doesNotContain("secret");
    assertThatThrownBy(() -> new FieldChange("/x", java.util.Optional.empty(),
        java.util.Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FieldChange("/x", java.util.Optional.of(JsonNumber.of(1)),
        java.util.Optional.of(JsonNumber.of(1)))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fieldOwnership_survivesUndecodableManagedFields() {
    Manifest live = yaml(DEPLOYMENT_LIVE).with("/metadata/managedFields",
        io.gitopskit.core.json.JsonArray.of(JsonObject.of("manager", JsonNumber.of(1))));
    DiffResult r = Differ.create(DiffOptions.defaults().withMode(DiffMode.FIELD_OWNERSHIP))
        .diff(yaml(DEPLOYMENT), live);
    assertThat(r.changes()).isEmpty();
  }

  @Test
  void aDiffer_isSafeToShareBetweenThreads() throws Exception {
    Manifest desired = yaml(DEPLOYMENT).with("/spec/replicas", JsonNumber.of(5));
    Manifest live = yaml(DEPLOYMENT_LIVE);
    DiffResult expected = DIFFER.diff(desired, live);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<DiffResult>> futures = new java.util.ArrayList<>();
      for (int i = 0; i < 64; i++) {
        futures.add(pool.submit(() -> DIFFER.diff(desired, live)));
      }
      for (java.util.concurrent.Future<DiffResult> f : futures) {
        assertThat(f.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
