package io.gitopskit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.gitopskit.core.cluster.ApplyOptions;
import io.gitopskit.core.cluster.DeleteOptions;
import io.gitopskit.core.cluster.PropagationPolicy;
import io.gitopskit.core.cluster.WriteOptions;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.model.Manifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal of {@link SimulatedCluster.Builder#journal}: a restart restores the same state. */
class DurableClusterTest {

  private static final GroupVersionKind CM = new GroupVersionKind("", "v1", "ConfigMap");
  private static final GroupVersionKind DEPLOY = new GroupVersionKind("apps", "v1",
      "Deployment");
  private static final GroupVersionKind SVC = new GroupVersionKind("", "v1", "Service");

  @TempDir
  Path dir;

  static Manifest yaml(String text) {
    return TestManifests.yaml(text);
  }

  static Set<String> uids(SimulatedCluster c) {
    Set<String> out = new HashSet<>();
    c.objects().forEach(m -> m.metadata().getString("uid").ifPresent(out::add));
    return out;
  }

  @Test
  void aRestartedClusterHasExactlyTheStateOfTheOneBefore() {
    Path journal = dir.resolve("cluster.jsonl");
    SimulatedCluster first = SimulatedCluster.builder().seed(7).journal(journal).build();
    first.create(yaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n"),
        WriteOptions.defaults());
    first.applyServerSide(yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: c, image: nginx:1.25}]}
        """), ApplyOptions.defaults());
    first.create(yaml("apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\n"
        + "spec: {type: NodePort, selector: {app: web}, ports: [{port: 80}]}\n"),
        WriteOptions.defaults());
    first.create(TestManifests.widgetCrd(), WriteOptions.defaults());
    first.create(TestManifests.widget("shop"), WriteOptions.defaults());
    first.clock().advance(Duration.ofSeconds(30));
    first.delete(CM, "shop", "kube-root-ca.crt", DeleteOptions.defaults());

    SimulatedCluster second = SimulatedCluster.builder().seed(7).journal(journal).build();

    assertThat(second.objects()).isEqualTo(first.objects());
    assertThat(second.objects()).anySatisfy(m -> assertThat(m.kind()).isEqualTo("Pod"));
    assertThat(second.get(TestManifests.WIDGET, "shop", "w"))
        .isPresent();
    assertThat(second.clock().instant()).isAfterOrEqualTo(first.objects().stream()
        .map(m -> m.metadata().getString("creationTimestamp").orElse(""))
        .max(String::compareTo).map(java.time.Instant::parse).orElseThrow());
    long maxVersion = first.objects().stream().mapToLong(m -> Long.parseLong(
        m.metadata().getString("resourceVersion").orElseThrow())).max().orElseThrow();
    Manifest svc2 = second.create(yaml("apiVersion: v1\nkind: Service\nmetadata: {name: api, "
        + "namespace: shop}\nspec: {type: NodePort, selector: {app: api}, ports: [{port: 80}]}"
        + "\n"), WriteOptions.defaults());
    assertThat(Long.parseLong(svc2.metadata().getString("resourceVersion").orElseThrow()))
        .isGreaterThan(maxVersion);
    assertThat(uids(first)).doesNotContain(svc2.metadata().getString("uid").orElseThrow());
    Manifest svc1 = second.get(SVC, "shop", "web").orElseThrow();
    assertThat(svc2.at("/spec/clusterIP")).isNotEqualTo(svc1.at("/spec/clusterIP"));
    assertThat(svc2.at("/spec/ports/0/nodePort")).isNotEqualTo(svc1.at("/spec/ports/0/nodePort"));
    // the restarted cluster keeps journalling: a third start sees its changes too
    second.delete(DEPLOY, "shop", "web", DeleteOptions.propagation(PropagationPolicy.FOREGROUND));
    SimulatedCluster third = SimulatedCluster.builder().seed(7).journal(journal).build();
    assertThat(third.objects()).isEqualTo(second.objects());
    assertThat(third.get(DEPLOY, "shop", "web")).isEmpty();
  }

  @Test
  void aTornLastLineIsDroppedAndCutOff() throws Exception {
    Path journal = dir.resolve("torn.jsonl");
    SimulatedCluster first = SimulatedCluster.builder().journal(journal).build();
    first.create(yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: "
        + "default}\n"), WriteOptions.defaults());
    long intact = Files.size(journal);
    Files.write(journal, "{\"op\":\"put\",\"revision\":99,\"obj".getBytes(
        StandardCharsets.UTF_8), StandardOpenOption.APPEND);

    SimulatedCluster second = SimulatedCluster.builder().journal(journal).build();

    assertThat(second.objects()).isEqualTo(first.objects());
    assertThat(Files.size(journal)).isEqualTo(intact);
    second.create(yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, namespace: "
        + "default}\n"), WriteOptions.defaults());
    assertThat(SimulatedCluster.builder().journal(journal).build().get(CM, "default", "b"))
        .isPresent();
  }

  @Test
  void aJournalHoldingOnlyATornFirstLineStartsAFreshCluster() throws Exception {
    Path journal = dir.resolve("torn-first.jsonl");
    Files.write(journal, "{\"op\":\"reset\",\"rev".getBytes(StandardCharsets.UTF_8));

    SimulatedCluster c = SimulatedCluster.builder().journal(journal).build();

    assertThat(c.get(new GroupVersionKind("", "v1", "Namespace"), null, "default")).isPresent();
    assertThat(SimulatedCluster.builder().journal(journal).build().objects())
        .isEqualTo(c.objects());
  }

  @Test
  void controllersFinishWhatAKillRightAfterAWriteLeftUndone() {
    Path journal = dir.resolve("unreconciled.jsonl");
    // a process killed after storing the Deployment, before its controllers ran
    SimulatedCluster.builder().controllers(false).journal(journal).build().create(yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: default}
        spec:
          replicas: 1
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: c, image: nginx:1.25}]}
        """), WriteOptions.defaults());

    SimulatedCluster restarted = SimulatedCluster.builder().journal(journal).build();

    assertThat(restarted.objects()).anySatisfy(m ->
        assertThat(m.kind()).isEqualTo("ReplicaSet"));
  }

  @Test
  void losingEverythingIsJournalledToo() {
    Path journal = dir.resolve("lost.jsonl");
    SimulatedCluster first = SimulatedCluster.builder().journal(journal).build();
    first.create(yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: "
        + "default}\n"), WriteOptions.defaults());
    first.loseEverything();

    SimulatedCluster second = SimulatedCluster.builder().journal(journal).build();

    assertThat(second.get(CM, "default", "a")).isEmpty();
    assertThat(second.objects()).isEqualTo(first.objects());
  }

  @Test
  void anySequenceOfWritesRestoresToTheSameObjects() {
    AtomicLong run = new AtomicLong();
    qt().withExamples(15).forAll(longs().all()).checkAssert(seed -> {
      Path journal = dir.resolve("p" + run.incrementAndGet() + ".jsonl");
      SimulatedCluster c = SimulatedCluster.builder().seed(seed).controllers(false)
          .journal(journal).build();
      Random r = new Random(seed);
      for (int i = 0; i < 25; i++) {
        String name = "c" + r.nextInt(6);
        boolean exists = c.get(CM, "default", name).isPresent();
        switch (r.nextInt(3)) {
          case 0:
            if (!exists) {
              c.create(yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " + name
                  + ", namespace: default, finalizers: [" + (r.nextBoolean() ? "x/y" : "")
                  + "]}\ndata: {v: '" + i + "'}\n"), WriteOptions.defaults());
            }
            break;
          case 1:
            if (exists) {
              c.applyServerSide(yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " + name
                  + ", namespace: default, finalizers: []}\ndata: {v: '" + i + "'}\n"),
                  new ApplyOptions("m", true, false));
            }
            break;
          default:
            if (exists) {
              c.delete(CM, "default", name, DeleteOptions.defaults());
            }
            break;
        }
      }
      List<Manifest> before = c.objects();
      assertThat(SimulatedCluster.builder().seed(seed).controllers(false).journal(journal)
          .build().objects()).isEqualTo(before);
    });
  }
}
