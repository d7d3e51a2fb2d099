package io.gitopskit.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.gitopskit.core.diff.DiffMethod;
import io.gitopskit.core.diff.DiffResult;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ManifestSet;
import io.gitopskit.core.model.ResourceKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The tuned {@link SyncPlanner} plans exactly what the straightforward {@link ReferencePlanner}
 * plans, over random requests that stress the ordering: namespaces and CRDs defined after (and
 * before) their users, hooks of every kind (several types, generated names, Helm hooks and
 * weights, Skip), Namespace and CRD hooks that bubble across phases, colliding names, sync-option
 * annotations, prune candidates that are themselves Namespaces and CRDs, {@code PruneLast},
 * selective syncs, {@code ApplyOutOfSyncOnly} and {@code CreateNamespace}.
 */
class SyncPlannerEquivalenceTest {

  private static final String[][] KINDS = {{"v1", "ConfigMap"}, {"v1", "Secret"},
      {"v1", "Service"}, {"apps/v1", "Deployment"}, {"batch/v1", "Job"},
      {"v1", "ServiceAccount"}, {"networking.k8s.io/v1", "Ingress"},
      {"rbac.authorization.k8s.io/v1", "ClusterRole"}, {"v1", "Pod"}, {"g0.io/v1", "Widget"},
      {"g1.io/v1", "Widget"}, {"g0.io/v1", "Gadget"}, {"other.io/v1", "Namespace"}, {"g0.io/v1", "x/Widget"},
      {"example.io/v1", "CustomResourceDefinition"}};
  private static final String[] HOOKS = {"PreSync", "Sync", "PostSync", "SyncFail",
      "PreSync,PostSync", "Skip", "Skip,PostSync", "SyncFail,PreSync", "Unknown", " Sync "};
  private static final String[] HELM_HOOKS = {"pre-install", "post-upgrade", "test",
      "crd-install", "pre-install,post-install"};
  private static final String[] OPTIONS = {"Prune=false", "Prune=confirm", "PruneLast=true",
      "Validate=false", "PruneLast=false", "Bogus=1"};

  @Test
  void tunedPlannerPlansExactlyWhatTheReferencePlans() {
    qt().withExamples(1500).forAll(longs().all()).checkAssert(seed -> {
      SyncRequest request = request(new Random(seed));
      SyncPlan expected = ReferencePlanner.plan(request);
      SyncPlan actual = SyncPlanner.plan(request);
      assertThat(actual).as("seed %s", seed).isEqualTo(expected);
    });
  }

  @Test
  void largerPlansAgreeToo() {
    qt().withExamples(40).forAll(longs().all()).checkAssert(seed -> {
      Random r = new Random(seed);
      SyncRequest request = request(r, 200 + r.nextInt(400));
      assertThat(SyncPlanner.plan(request)).as("seed %s", seed)
          .isEqualTo(ReferencePlanner.plan(request));
    });
  }

  @Test
  void theGeneratorReachesTheCasesThatMatter() {
    // a property that never meets a bubbled step or a prune would prove little
    int bubbled = 0;
    int crdBubbled = 0;
    int prunes = 0;
    int syncFail = 0;
    for (long seed = 0; seed < 300; seed++) {
      SyncPlan plan = SyncPlanner.plan(request(new Random(seed)));
      List<SyncStep> steps = plan.steps();
      for (int i = 0; i < steps.size(); i++) {
        SyncStep s = steps.get(i);
        if (!(s instanceof SyncStep.Apply || s instanceof SyncStep.Hook)) {
          prunes++;
        } else if (i + 1 < steps.size() && s.manifest().kind().equals("Namespace")
            && s.manifest().group().isEmpty()
            && steps.get(i + 1).manifest().namespace().equals(s.manifest().name())
            && s.wave() == steps.get(i + 1).wave() && s.wave() != 0) {
          bubbled++;
        } else if (s.manifest().kind().equals("CustomResourceDefinition") && s.wave() != 0) {
          crdBubbled++;
        }
      }
      syncFail += plan.syncFailHooks().size();
    }
    assertThat(bubbled).isGreaterThan(20);
    assertThat(crdBubbled).isGreaterThan(20);
    assertThat(prunes).isGreaterThan(100);
    assertThat(syncFail).isGreaterThan(20);
  }

  static SyncRequest request(Random r) {
    return request(r, r.nextInt(30));
  }

  static SyncRequest request(Random r, int n) {
    ManifestSet desired = objects(r, n, true);
    ManifestSet liveSet = objects(r, r.nextInt(n / 2 + 10), false);
    List<Manifest> live = new ArrayList<>(liveSet.asList());
    for (Manifest m : desired) {
      if (r.nextInt(3) == 0) {
        live.add(m);
      }
    }
    // a live object may share a desired key: drop duplicates, keep the first
    Set<ResourceKey> seen = new HashSet<>();
    live.removeIf(m -> !seen.add(m.key()));
    SyncRequest.Builder b = SyncRequest.builder(desired).live(live)
        .prune(r.nextInt(4) != 0).pruneConfirmed(r.nextBoolean()).allowEmpty(r.nextBoolean())
        .operation(r.nextBoolean() ? "0123456789abcdef" : "AbC", 1_700_000_000L + r.nextInt(99));
    if (r.nextInt(8) == 0) {
      b.skipHooks(true);
    }
    if (r.nextInt(8) == 0) {
      Set<ResourceKey> selection = new HashSet<>();
      for (Manifest m : desired) {
        if (r.nextBoolean()) {
          selection.add(m.key());
        }
      }
      for (Manifest m : live) {
        if (r.nextBoolean()) {
          selection.add(m.key());
        }
      }
      b.selection(selection);
    }
    List<String> options = new ArrayList<>();
    if (r.nextInt(4) == 0) {
      options.add("PruneLast=true");
    }
    if (r.nextInt(4) == 0) {
      options.add("CreateNamespace=true");
      b.namespace(r.nextBoolean() ? "ns-" + r.nextInt(4) : "");
    }
    if (r.nextInt(5) == 0) {
      options.add("ApplyOutOfSyncOnly=true");
      Map<ResourceKey, DiffResult> diffs = new HashMap<>();
      for (Manifest m : desired) {
        if (r.nextBoolean()) { // in sync; a key without a diff counts as out of sync
          diffs.put(m.key(), new DiffResult(m.key(), DiffMethod.THREE_WAY, false, m.root(),
              m.root(), List.of()));
        }
      }
      b.diffs(diffs);
    }
    if (r.nextInt(6) == 0) {
      options.add("Prune=confirm");
    }
    return b.options(SyncOptions.parse(options)).build();
  }

  private static ManifestSet objects(Random r, int n, boolean desired) {
    ManifestSet.Builder b = ManifestSet.builder();
    Set<ResourceKey> keys = new HashSet<>();
    for (int i = 0; i < n; i++) {
      String ns = "ns-" + r.nextInt(4);
      String name = (desired ? "d" : "l") + r.nextInt(n + 1);
      Manifest m;
      switch (r.nextInt(6)) {
        case 0:
          m = object("v1", "Namespace", "", r.nextInt(4) == 0 ? name : ns);
          break;
        case 1:
          int g = r.nextInt(3);
          m = object(r.nextInt(6) == 0 ? "apiextensions.k8s.io/v1beta1" : "apiextensions.k8s.io/v1",
              "CustomResourceDefinition", "", "crd" + r.nextInt(5) + ".g" + g + ".io");
          if (r.nextInt(8) != 0) {
            // a '/' in spec.group must match as gitops-engine's "group/kind" string does
            JsonObject.Builder spec = JsonObject.builder().put("group",
                r.nextInt(10) == 0 ? "g0.io/x" : "g" + g + ".io");
            if (r.nextInt(8) != 0) {
              spec.put("names", JsonObject.of("kind",
                  JsonString.of(r.nextInt(3) == 0 ? "Gadget" : "Widget")));
            }
            m = m.with("/spec", spec.build());
          }
          break;
        default:
          String[] k = KINDS[r.nextInt(KINDS.length)];
          m = object(k[0], k[1], r.nextInt(8) == 0 ? "" : ns, name);
          break;
      }
      if (r.nextInt(3) == 0) {
        m = m.withAnnotation(Annotations.SYNC_WAVE, Integer.toString(r.nextInt(7) - 3));
      } else if (r.nextInt(10) == 0) {
        String[] odd = {"x", Integer.toString(Integer.MIN_VALUE),
            Integer.toString(Integer.MAX_VALUE), " 7 "};
        m = m.withAnnotation(Annotations.SYNC_WAVE, odd[r.nextInt(odd.length)]);
      }
      if (r.nextInt(6) == 0) {
        m = m.withAnnotation(SyncOptions.ANNOTATION, OPTIONS[r.nextInt(OPTIONS.length)]
            + (r.nextBoolean() ? "," + OPTIONS[r.nextInt(OPTIONS.length)] : ""));
      }
      if (r.nextInt(5) == 0) {
        m = m.withAnnotation(Annotations.HOOK, HOOKS[r.nextInt(HOOKS.length)]);
        if (r.nextInt(3) == 0) {
          m = generated(m);
        }
        if (r.nextInt(3) == 0) {
          m = m.withAnnotation(Annotations.HOOK_DELETE_POLICY,
              r.nextBoolean() ? "HookSucceeded" : "HookFailed,BeforeHookCreation");
        }
      } else if (r.nextInt(12) == 0) {
        m = m.withAnnotation(Annotations.HELM_HOOK, HELM_HOOKS[r.nextInt(HELM_HOOKS.length)])
            .withAnnotation(Annotations.HELM_HOOK_WEIGHT, Integer.toString(r.nextInt(5) - 2));
      }
      if (keys.add(m.key())) {
        b.add(m);
      }
    }
    return b.build();
  }

  private static Manifest generated(Manifest m) {
    JsonObject meta = m.metadata();
    JsonObject.Builder b = JsonObject.builder();
    for (int i = 0; i < meta.size(); i++) {
      if (!meta.keyAt(i).equals("name")) {
        b.put(meta.keyAt(i), meta.valueAt(i));
      }
    }
    b.put("generateName", JsonString.of(m.name() + "-"));
    return m.with("/metadata", b.build());
  }

  private static Manifest object(String apiVersion, String kind, String ns, String name) {
    JsonObject.Builder meta = JsonObject.builder().put("name", name);
    if (!ns.isEmpty()) {
      meta.put("namespace", ns);
    }
    return Manifest.of(JsonObject.builder().put("apiVersion", apiVersion).put("kind", kind)
        .put("metadata", meta.build()).build());
  }
}
