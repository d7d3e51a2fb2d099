package io.gitopskit.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * The benchmark corpus: Argo CD's own install bundle (from {@code ../shared/corpus}, when
 * present beside the checkout, or the directory named by {@code -Dgitopskit.corpus}) followed by
 * generated application manifests of realistic shape (Deployment, Service, ConfigMap per app)
 * until the target size is reached. Deterministic: a fixed seed.
 */
public final class Corpus {

  /** About 10 MB, the size Argo CD caps a directory application at. */
  public static final int TEN_MB = 10 * 1024 * 1024;

  private Corpus() {}

  /**
   * Builds the corpus.
   *
   * @param targetBytes the approximate size
   * @return multi-document YAML, UTF-8
   */
  public static byte[] build(int targetBytes) {
    StringBuilder out = new StringBuilder(targetBytes + 64 * 1024);
    Path install = find("argo-cd/install.yaml");
    if (install != null) {
      try {
        out.append(Files.readString(install)).append("\n---\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Random random = new Random(42);
    int app = 0;
    while (out.length() < targetBytes) {
      appendApp(out, app++, random);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static Path find(String relative) {
    String configured = System.getProperty("gitopskit.corpus");
    if (configured != null) {
      Path p = Path.of(configured).resolve(relative);
      return Files.isRegularFile(p) ? p : null;
    }
    Path dir = Path.of("").toAbsolutePath();
    for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
      Path candidate = dir.resolve("../shared/corpus").resolve(relative).normalize();
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static void appendApp(StringBuilder out, int i, Random r) {
    String name = "app-" + i;
    String ns = "team-" + (i % 37);
    int replicas = 1 + r.nextInt(5);
    out.append(String.format(Locale.ROOT, """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: %1$s
          namespace: %2$s
          labels:
            app.kubernetes.io/name: %1$s
            app.kubernetes.io/part-of: shop
            app.kubernetes.io/managed-by: gitopskit
          annotations:
            argocd.argoproj.io/sync-wave: "%3$d"
        spec:
          replicas: %3$d
          revisionHistoryLimit: 5
          selector:
            matchLabels:
              app.kubernetes.io/name: %1$s
          strategy:
            type: RollingUpdate
            rollingUpdate: {maxSurge: 25%%, maxUnavailable: 0}
          template:
            metadata:
              labels:
                app.kubernetes.io/name: %1$s
            spec:
              serviceAccountName: %1$s
              securityContext: {runAsNonRoot: true, runAsUser: 1000, fsGroup: 2000}
              containers:
              - name: app
                image: registry.example.com/shop/%1$s:1.%4$d.%5$d
                imagePullPolicy: IfNotPresent
                args: ["--port=8080", "--log-level=info", "--metrics"]
                ports:
                - {name: http, containerPort: 8080, protocol: TCP}
                - {name: metrics, containerPort: 9090, protocol: TCP}
                env:
                - name: DATABASE_URL
                  valueFrom:
                    secretKeyRef: {name: %1$s-db, key: url}
                - {name: JAVA_OPTS, value: "-Xmx512m -XX:+UseG1GC"}
                - {name: FEATURE_FLAGS, value: "checkout,search,recommendations"}
                resources:
                  requests: {cpu: 100m, memory: 256Mi}
                  limits: {cpu: "1", memory: 512Mi}
                readinessProbe:
                  httpGet: {path: /ready, port: http}
                  periodSeconds: 10
                livenessProbe:
                  httpGet: {path: /healthz, port: http}
                  initialDelaySeconds: 15
                volumeMounts:
                - {name: config, mountPath: /etc/app, readOnly: true}
              volumes:
              - name: config
                configMap: {name: %1$s-config, defaultMode: 0644}
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: %1$s
          namespace: %2$s
          labels:
            app.kubernetes.io/name: %1$s
        spec:
          type: ClusterIP
          selector:
            app.kubernetes.io/name: %1$s
          ports:
          - {name: http, port: 80, targetPort: http, protocol: TCP}
          - {name: metrics, port: 9090, targetPort: metrics, protocol: TCP}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: %1$s-config
          namespace: %2$s
        data:
          application.yaml: |
            server:
              port: 8080
            cache:
              ttl: %6$ds
              size: %7$d
          LOG_LEVEL: info
          REGION: eu-west-%8$d
        ---
        """, name, ns, replicas, r.nextInt(30), r.nextInt(100), 30 + r.nextInt(600),
        1000 + r.nextInt(100_000), 1 + r.nextInt(3)));
  }
}
