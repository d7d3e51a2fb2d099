package io.gitopskit.core.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.gitopskit.core.defaults.ServerDefaults;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.model.Manifest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Properties over generated objects: an object never differs from itself or from what the
 * server makes of it; an edit of a field the desired object sets always shows, and fields it
 * does not set are not ours to compare (two-way); normalization is idempotent.
 */
class DiffPropertiesTest {

  private static final Differ DIFFER = Differ.create(DiffOptions.defaults());
  private static final Normalization NORMALIZATION =
      new Normalization(new DiffTypes(DiffOptions.defaults().schema()), false);

  /** What a server stores for a desired object, without allocations: defaults and metadata. */
  private static Manifest stored(Manifest desired) {
    Manifest m = ServerDefaults.apply(desired);
    JsonObject meta = m.metadata().with("uid", JsonString.of("0b6c1a52-6b1c-4a3c-9a51-1f0c"))
        .with("resourceVersion", JsonString.of("42"))
        .with("creationTimestamp", JsonString.of("2024-05-01T10:00:00Z"));
    JsonObject root = m.root().with("metadata", meta);
    JsonObject status = ServerDefaults.initialStatus(m);
    if (ServerDefaults.hasStatus(m.groupKind())) {
      root = root.with("status", status);
    }
    return Manifest.of(root);
  }

  @Test
  void anObject_neverDiffersFromItself() {
    qt().forAll(Generators.any()).checkAssert(m -> {
      DiffResult r = DIFFER.diff(m, m);
      assertThat(r.changes()).as(m.toString()).isEmpty();
      assertThat(r.modified()).isFalse();
    });
  }

  @Test
  void deploymentsServicesConfigMaps_neverDifferFromThemselves_inEveryClientMode() {
    List<Differ> differs = List.of(DIFFER,
        Differ.create(DiffOptions.defaults().withMode(DiffMode.FIELD_OWNERSHIP)));
    qt().forAll(Generators.deployments(), Generators.services(), Generators.configMaps())
        .checkAssert((d, s, c) -> {
          for (Differ differ : differs) {
            for (Manifest m : List.of(d, s, c)) {
              assertThat(differ.diff(m, m).changes()).as(m.toString()).isEmpty();
            }
          }
        });
  }

  @Test
  void whatTheServerStores_isNotDrift() {
    qt().forAll(Generators.any()).checkAssert(m -> {
      Manifest live = stored(m);
      assertThat(DIFFER.diff(m, live).changes()).as(m + "\nlive " + live).isEmpty();
      Manifest applied = live.withAnnotation(Normalization.LAST_APPLIED, m.root().toJson());
      assertThat(DIFFER.diff(m, applied).changes()).as(m.toString()).isEmpty();
    });
  }

  @Test
  void aChangedReplicaCount_alwaysShows() {
    qt().forAll(Generators.deployments()).checkAssert(generated -> {
      Manifest m = generated.with("/spec/replicas", JsonNumber.of(2));
      Manifest live = stored(m);
      long replicas = ((JsonNumber) live.at("/spec/replicas").orElseThrow()).longValue();
      Manifest edited = live.with("/spec/replicas", JsonNumber.of(replicas + 1));
      DiffResult r = DIFFER.diff(m, edited);
      assertThat(r.modified()).isTrue();
      assertThat(r.changes()).extracting(FieldChange::path).containsExactly("/spec/replicas");
    });
  }

  @Test
  void aChangedImage_alwaysShows() {
    Gen<Manifest> workloads = in -> Generators.pick(in, List.of(Generators.deployments(),
        Generators.statefulSets(), Generators.jobs())).generate(in);
    qt().forAll(workloads).checkAssert(m -> {
          Manifest edited = stored(m).with("/spec/template/spec/containers/0/image",
              JsonString.of("evil:1"));
          assertThat(DIFFER.diff(m, edited).changes()).extracting(FieldChange::path)
              .containsExactly("/spec/template/spec/containers/0/image");
        });
  }

  @Test
  void normalization_isIdempotent() {
    qt().forAll(Generators.any()).checkAssert(m -> {
      for (JsonObject root : List.of(m.root(), stored(m).root())) {
        JsonObject in = NORMALIZATION.inputs(root);
        assertThat(NORMALIZATION.inputs(in)).isEqualTo(in);
        JsonObject out = NORMALIZATION.outputs(root);
        assertThat(NORMALIZATION.outputs(out)).isEqualTo(out);
        JsonObject view = NORMALIZATION.outputs(root, false);
        assertThat(NORMALIZATION.outputs(view, false)).isEqualTo(view);
      }
    });
  }

  @Test
  void results_areDeterministic() {
    qt().forAll(Generators.any()).checkAssert(generated -> {
      Manifest m = generated.withLabel("app.kubernetes.io/name", "mine");
      Manifest edited = stored(m).withLabel("app.kubernetes.io/name", "drifted")
          .withLabel("extra", "not ours");
      assertThat(DIFFER.diff(m, edited)).isEqualTo(DIFFER.diff(m, edited));
      assertThat(DIFFER.diff(m, edited).changes()).extracting(FieldChange::path)
          .containsExactly("/metadata/labels/app.kubernetes.io~1name");
    });
  }
}
