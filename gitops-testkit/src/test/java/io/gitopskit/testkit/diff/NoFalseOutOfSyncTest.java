package io.gitopskit.testkit.diff;

import io.gitopskit.core.diff.Generators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.gitopskit.core.cluster.ApplyOptions;
import io.gitopskit.core.cluster.WriteOptions;
import io.gitopskit.core.diff.DiffMethod;
import io.gitopskit.core.diff.DiffMode;
import io.gitopskit.core.diff.DiffOptions;
import io.gitopskit.core.diff.DiffResult;
import io.gitopskit.core.diff.Differ;
import io.gitopskit.core.diff.FieldChange;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.testkit.SimulatedCluster;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * THE property of a GitOps diff: after an object is written to a cluster, however it was
 * written (create, client-side apply, server-side apply, then a second apply of a changed
 * version), diffing it against what the cluster returns shows no drift, in every mode. And a
 * person editing a field Git sets is always drift. The cluster is the simulated API server,
 * with its defaults, allocations, managed fields, admission and controllers.
 */
class NoFalseOutOfSyncTest {

  private static final int EXAMPLES = 60;
  private static final Differ AUTO = Differ.create(DiffOptions.defaults());
  private static final Differ OWNERSHIP =
      Differ.create(DiffOptions.defaults().withMode(DiffMode.FIELD_OWNERSHIP));
  private static final String SSA = "argocd.argoproj.io/sync-options";

  private static SimulatedCluster cluster() {
    SimulatedCluster c = SimulatedCluster.create();
    c.create(Manifest.of(JsonObject.builder().put("apiVersion", "v1").put("kind", "Namespace")
        .put("metadata", JsonObject.of("name", JsonString.of("dev"))).build()),
        WriteOptions.defaults());
    return c;
  }

  /** The object as the cluster returns it after its controllers had a go at it. */
  private static Manifest live(SimulatedCluster c, Manifest desired) {
    c.runControllers();
    return c.get(desired.gvk(), desired.namespace(), desired.name()).orElseThrow();
  }

  /** A second version of an object: one label added or removed, one annotation changed. */
  private static Manifest evolved(Manifest m) {
    Manifest e = m.label("app.kubernetes.io/instance").isPresent()
        ? m.withoutLabel("app.kubernetes.io/instance") : m.withLabel("stage", "two");
    return e.withAnnotation("example.com/revision", "2");
  }

  private static void inSync(Differ differ, Manifest desired, Manifest live,
      DiffMethod method) {
    DiffResult r = differ.diff(desired, live);
    assertThat(r.changes()).as("%s\nlive %s", desired, live).isEmpty();
    assertThat(r.modified()).isFalse();
    assertThat(r.method()).isEqualTo(method);
  }

  /**
   * The object with {@code protocol: TCP} on every port that omits it. Only for server-side
   * applies to the simulated cluster: its apply keys ports by {@code containerPort} (or {@code
   * port}) and {@code protocol} without the key default {@code TCP} that Kubernetes (1.27+)
   * uses, so re-applying a port without protocol duplicates it there. The diff itself uses
   * the default (see {@code ssdDeployCompositeKey} in gitops-core's conformance tests).
   */
  private static Manifest explicitProtocols(Manifest m) {
    return m.withRoot((JsonObject) explicitProtocols(m.root(), false));
  }

  private static JsonValue explicitProtocols(JsonValue v, boolean inPorts) {
    if (v instanceof JsonObject o) {
      JsonObject out = o;
      if (inPorts && (o.has("containerPort") || o.has("port")) && !o.has("protocol")) {
        out = out.with("protocol", JsonString.of("TCP"));
      }
      for (int i = 0; i < o.size(); i++) {
        JsonValue c = explicitProtocols(o.valueAt(i), o.keyAt(i).equals("ports"));
        if (c != o.valueAt(i)) {
          out = out.with(o.keyAt(i), c);
        }
      }
      return out;
    }
    if (v instanceof JsonArray a) {
      JsonArray out = a;
      for (int i = 0; i < a.size(); i++) {
        JsonValue c = explicitProtocols(a.get(i), inPorts);
        if (c != a.get(i)) {
          out = out.with(i, c);
        }
      }
      return out;
    }
    return v;
  }

  private static Differ serverSide(SimulatedCluster c) {
    return Differ.create(DiffOptions.defaults().withServerSide(c));
  }

  @Test
  void created_isInSync() {
    qt().withExamples(EXAMPLES).forAll(Generators.any()).checkAssert(desired -> {
      SimulatedCluster c = cluster();
      c.create(desired, WriteOptions.defaults());
      Manifest live = live(c, desired);
      inSync(AUTO, desired, live, DiffMethod.TWO_WAY);
      inSync(OWNERSHIP, desired, live, DiffMethod.FIELD_OWNERSHIP);
    });
  }

  @Test
  void clientSideApplied_isInSync_alsoAfterASecondVersion() {
    qt().withExamples(EXAMPLES).forAll(Generators.any()).checkAssert(desired -> {
      SimulatedCluster c = cluster();
      c.applyClientSide(desired, WriteOptions.defaults());
      inSync(AUTO, desired, live(c, desired), DiffMethod.THREE_WAY);
      Manifest next = evolved(desired);
      c.applyClientSide(next, WriteOptions.defaults());
      inSync(AUTO, next, live(c, next), DiffMethod.THREE_WAY);
    });
  }

  @Test
  void serverSideApplied_isInSync_inEveryMode_alsoAfterASecondVersion() {
    qt().withExamples(EXAMPLES).forAll(Generators.any()).checkAssert(generated -> {
      Manifest desired = explicitProtocols(generated).withAnnotation(SSA,
          "ServerSideApply=true");
      SimulatedCluster c = cluster();
      c.applyServerSide(desired, ApplyOptions.defaults());
      Manifest live = live(c, desired);
      inSync(AUTO, desired, live, DiffMethod.FIELD_OWNERSHIP);
      inSync(Differ.create(DiffOptions.defaults().withMode(DiffMode.THREE_WAY_CLIENT)),
          desired, live, DiffMethod.TWO_WAY);
      inSync(serverSide(c), desired, live, DiffMethod.SERVER_SIDE);
      Manifest next = evolved(desired);
      c.applyServerSide(next, ApplyOptions.defaults());
      live = live(c, next);
      inSync(AUTO, next, live, DiffMethod.FIELD_OWNERSHIP);
      inSync(serverSide(c), next, live, DiffMethod.SERVER_SIDE);
    });
  }

  @Test
  void aPersonEditingAFieldGitSets_isDrift_inEveryMode() {
    qt().withExamples(EXAMPLES).forAll(Generators.any()).checkAssert(generated -> {
      Manifest desired = explicitProtocols(generated).withLabel("app.kubernetes.io/name",
          "mine");
      SimulatedCluster c = cluster();
      c.applyServerSide(desired, ApplyOptions.defaults());
      c.edit(desired.gvk(), desired.namespace(), desired.name(), root -> Manifest.of(root)
          .withLabel("app.kubernetes.io/name", "edited").root());
      Manifest live = live(c, desired);
      for (Differ differ : List.of(AUTO, OWNERSHIP, serverSide(c))) {
        DiffResult r = differ.diff(desired, live);
        assertThat(r.modified()).as("%s\nlive %s", desired, live).isTrue();
        assertThat(r.changes()).extracting(FieldChange::path)
            .containsExactly("/metadata/labels/app.kubernetes.io~1name");
      }
    });
  }

  @Test
  void anEditedImage_isDrift() {
    qt().withExamples(EXAMPLES).forAll(Generators.deployments()).checkAssert(desired -> {
      SimulatedCluster c = cluster();
      c.applyClientSide(desired, WriteOptions.defaults());
      c.edit(desired.gvk(), desired.namespace(), desired.name(), root -> Manifest.of(root)
          .with("/spec/template/spec/containers/0/image", JsonString.of("evil:1")).root());
      DiffResult r = AUTO.diff(desired, live(c, desired));
      assertThat(r.changes()).extracting(FieldChange::path)
          .containsExactly("/spec/template/spec/containers/0/image");
    });
  }
}
