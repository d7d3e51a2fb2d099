package io.gitopskit.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.cluster.PropagationPolicy;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.model.Manifest;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncOptionsTest {

  @Test
  void defaults() {
    SyncOptions d = SyncOptions.defaults();
    assertThat(d.validate()).isTrue();
    assertThat(d.prune()).isEqualTo(Consent.ALLOWED);
    assertThat(d.delete()).isEqualTo(Consent.ALLOWED);
    assertThat(d.prunePropagationPolicy()).isEqualTo(PropagationPolicy.FOREGROUND);
    assertThat(d.pruneLast() || d.replace() || d.force() || d.serverSideApply()
        || d.applyOutOfSyncOnly() || d.createNamespace() || d.respectIgnoreDifferences()
        || d.failOnSharedResource() || d.skipDryRunOnMissingResource()).isFalse();
    assertThat(d.explicit()).isEmpty();
    assertThat(d.toStrings()).isEmpty();
  }

  @Test
  void parsesEveryOption() {
    SyncOptions o = SyncOptions.parse(List.of("Validate=false",
        "SkipDryRunOnMissingResource=true", "Prune=confirm", "PruneLast=true", "Replace=true",
        "Force=true", "ServerSideApply=true", "ApplyOutOfSyncOnly=true", "CreateNamespace=true",
        "PrunePropagationPolicy=background", "RespectIgnoreDifferences=true",
        "FailOnSharedResource=true", "Delete=false"));
    assertThat(o.validate()).isFalse();
    assertThat(o.skipDryRunOnMissingResource()).isTrue();
    assertThat(o.prune()).isEqualTo(Consent.CONFIRM);
    assertThat(o.pruneLast()).isTrue();
    assertThat(o.replace()).isTrue();
    assertThat(o.force()).isTrue();
    assertThat(o.serverSideApply()).isTrue();
    assertThat(o.applyOutOfSyncOnly()).isTrue();
    assertThat(o.createNamespace()).isTrue();
    assertThat(o.prunePropagationPolicy()).isEqualTo(PropagationPolicy.BACKGROUND);
    assertThat(o.respectIgnoreDifferences()).isTrue();
    assertThat(o.failOnSharedResource()).isTrue();
    assertThat(o.delete()).isEqualTo(Consent.REFUSED);
    assertThat(o.ignored()).isEmpty();
    assertThat(o.explicit()).hasSize(SyncOption.values().length);
  }

  @Test
  void annotationIsTrimmedDedupedAndLaterWins() {
    SyncOptions o = SyncOptions.parseAnnotation(" Prune=false , Replace=true,Prune=confirm,, ");
    assertThat(o.prune()).isEqualTo(Consent.CONFIRM);
    assertThat(o.toStrings()).containsExactly("Replace=true", "Prune=confirm");
  }

  @Test
  void unknownKeysAndValuesAreIgnoredAndReported() {
    SyncOptions o = SyncOptions.parse(List.of("Prune=maybe", "Bogus=true", "Replace",
        "Replace=TRUE", "PrunePropagationPolicy=Orphan"));
    assertThat(o.prune()).isEqualTo(Consent.ALLOWED);
    assertThat(o.replace()).isFalse();
    assertThat(o.prunePropagationPolicy()).isEqualTo(PropagationPolicy.ORPHAN);
    assertThat(o.ignored()).containsExactly("Prune=maybe", "Bogus=true", "Replace",
        "Replace=TRUE");
    assertThat(o.toStrings()).containsExactly("PrunePropagationPolicy=orphan");
  }

  @Test
  void resourceAnnotationOverridesOnlyWhatItSets() {
    SyncOptions app = SyncOptions.parse(List.of("ServerSideApply=true", "PruneLast=true"));
    Manifest m = Manifest.of(JsonObject.builder().put("apiVersion", "v1").put("kind", "Secret")
        .put("metadata", JsonObject.builder().put("name", "s")
            .put("annotations", JsonObject.builder()
                .put(SyncOptions.ANNOTATION, "ServerSideApply=false,Prune=false").build())
            .build())
        .build());
    SyncOptions eff = app.forResource(m);
    assertThat(eff.serverSideApply()).isFalse();
    assertThat(eff.pruneLast()).isTrue();
    assertThat(eff.prune()).isEqualTo(Consent.REFUSED);
    assertThat(eff.toStrings())
        .containsExactly("PruneLast=true", "ServerSideApply=false", "Prune=false");
    assertThat(SyncOptions.defaults().forResource(m.withoutAnnotation(SyncOptions.ANNOTATION)))
        .isSameAs(SyncOptions.defaults());
  }

  @Test
  void optionKeysRoundTrip() {
    for (SyncOption o : SyncOption.values()) {
      assertThat(SyncOption.forKey(o.key())).contains(o);
    }
    assertThat(SyncOption.forKey("prune")).isEmpty();
  }
}
