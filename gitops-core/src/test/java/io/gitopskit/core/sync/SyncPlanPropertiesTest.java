package io.gitopskit.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ManifestSet;
import io.gitopskit.core.model.ResourceKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties over generated applications (namespaces, CRDs and their custom resources, built-in
 * kinds, hooks, random waves): every desired resource is applied exactly once, nothing precedes
 * its Namespace or CRD, waves never decrease within a phase, and pruning is creation reversed.
 */
class SyncPlanPropertiesTest {

  private static final String[] KINDS = {"ConfigMap", "Secret", "Service", "Deployment",
      "Job", "ServiceAccount", "Ingress", "Role"};

  /** A random application, deterministic for its seed; keys are unique by construction. */
  static ManifestSet app(long seed, boolean hooks) {
    Random r = new Random(seed);
    int n = r.nextInt(18);
    ManifestSet.Builder b = ManifestSet.builder();
    for (int i = 0; i < n; i++) {
      int wave = r.nextInt(5) - 2;
      String ns = "ns-" + r.nextInt(3);
      String name = "r" + i;
      Manifest m;
      switch (r.nextInt(5)) {
        case 0:
          m = object("v1", "Namespace", "", ns + (r.nextBoolean() ? "" : "-x" + i));
          break;
        case 1:
          int g = r.nextInt(2);
          m = object("apiextensions.k8s.io/v1", "CustomResourceDefinition", "",
              "widgets" + i + ".g" + g + ".io");
          m = m.with("/spec", JsonObject.builder().put("group", "g" + g + ".io")
              .put("names", JsonObject.of("kind", io.gitopskit.core.json.JsonString.of(
                  "Widget"))).build());
          break;
        case 2:
          m = object("g" + r.nextInt(2) + ".io/v1", "Widget", ns, name);
          break;
        default:
          String kind = KINDS[r.nextInt(KINDS.length)];
          m = object(kind.equals("Deployment") ? "apps/v1" : kind.equals("Ingress")
              ? "networking.k8s.io/v1" : kind.equals("Role") ? "rbac.authorization.k8s.io/v1"
              : kind.equals("Job") ? "batch/v1" : "v1", kind, ns, name);
          break;
      }
      if (wave != 0) {
        m = m.withAnnotation(Annotations.SYNC_WAVE, Integer.toString(wave));
      }
      if (hooks && r.nextInt(5) == 0) {
        String[] types = {"PreSync", "PostSync", "Sync", "SyncFail", "PreSync,PostSync"};
        m = m.withAnnotation(Annotations.HOOK, types[r.nextInt(types.length)]);
      }
      if (!b.build().contains(m.key())) {
        b.add(m);
      }
    }
    return b.build();
  }

  static Manifest object(String apiVersion, String kind, String ns, String name) {
    JsonObject.Builder meta = JsonObject.builder().put("name", name);
    if (!ns.isEmpty()) {
      meta.put("namespace", ns);
    }
    return Manifest.of(JsonObject.builder().put("apiVersion", apiVersion).put("kind", kind)
        .put("metadata", meta.build()).build());
  }

  @Test
  void everyDesiredResourceIsAppliedExactlyOnce() {
    qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
      ManifestSet desired = app(seed, true);
      SyncPlan plan = SyncPlanner.plan(SyncRequest.builder(desired).build());
      List<ResourceKey> applied = new ArrayList<>();
      for (SyncStep s : plan.steps()) {
        if (s instanceof SyncStep.Apply) {
          applied.add(s.key());
        }
      }
      List<ResourceKey> expected = new ArrayList<>();
      for (Manifest m : desired) {
        if (Annotations.classify(m).role() == Annotations.Role.RESOURCE) {
          expected.add(m.key());
        }
      }
      assertThat(applied).containsExactlyInAnyOrderElementsOf(expected);
    });
  }

  @Test
  void nothingPrecedesItsNamespaceOrCrd() {
    qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
      SyncPlan plan = SyncPlanner.plan(SyncRequest.builder(app(seed, true)).build());
      List<SyncStep> all = new ArrayList<>(plan.steps());
      all.addAll(plan.syncFailHooks());
      Map<String, Integer> defined = new HashMap<>();
      for (int i = 0; i < all.size(); i++) {
        Manifest m = all.get(i).manifest();
        if (m.kind().equals("Namespace")) {
          defined.put("ns:" + m.name(), i);
        } else if (m.kind().equals("CustomResourceDefinition")) {
          defined.put("crd:" + m.at("/spec/group").orElseThrow().toString()
              .replace("\"", "") + "/Widget", i);
        }
      }
      for (int i = 0; i < all.size(); i++) {
        Manifest m = all.get(i).manifest();
        assertThat(defined.getOrDefault("ns:" + m.namespace(), -1)).isLessThan(i);
        assertThat(defined.getOrDefault("crd:" + m.group() + "/" + m.kind(), -1))
            .isLessThan(i);
      }
    });
  }

  @Test
  void phasesAndWavesNeverDecrease() {
    qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
      ManifestSet desired = app(seed, true);
      List<Manifest> live = app(seed + 1, false).asList();
      SyncPlan plan = SyncPlanner.plan(SyncRequest.builder(desired).live(live).prune(true)
          .allowEmpty(true).build());
      List<SyncStep> steps = plan.steps();
      for (int i = 1; i < steps.size(); i++) {
        SyncStep a = steps.get(i - 1);
        SyncStep b = steps.get(i);
        assertThat(a.phase()).isLessThanOrEqualTo(b.phase());
        if (a.phase() == b.phase()) {
          assertThat(a.wave()).as("%s then %s", a, b).isLessThanOrEqualTo(b.wave());
        }
      }
      List<SyncStep> fail = List.copyOf(plan.syncFailHooks());
      for (int i = 1; i < fail.size(); i++) {
        assertThat(fail.get(i - 1).wave()).isLessThanOrEqualTo(fail.get(i).wave());
      }
    });
  }

  @Test
  void pruneOrderIsCreationOrderReversed() {
    qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
      ManifestSet objects = app(seed, false);
      List<ResourceKey> created = new ArrayList<>();
      for (SyncStep s : SyncPlanner.plan(SyncRequest.builder(objects).build()).steps()) {
        created.add(s.key());
      }
      List<ResourceKey> pruned = new ArrayList<>();
      SyncPlan prune = SyncPlanner.plan(SyncRequest.builder(ManifestSet.empty())
          .live(objects.asList()).prune(true).allowEmpty(true).build());
      for (SyncStep s : prune.steps()) {
        assertThat(s).isInstanceOf(SyncStep.Prune.class);
        pruned.add(s.key());
      }
      Collections.reverse(pruned);
      assertThat(pruned).isEqualTo(created);
    });
  }

  @Test
  void refusesToWipeOutUnlessAllowed() {
    qt().withExamples(100).forAll(longs().all()).checkAssert(seed -> {
      List<Manifest> live = app(seed, false).asList();
      SyncPlan plan = SyncPlanner.plan(SyncRequest.builder(ManifestSet.empty()).live(live)
          .prune(true).build());
      assertThat(plan.isRefused()).isEqualTo(!live.isEmpty());
      assertThat(plan.steps()).isEmpty();
    });
  }
}
