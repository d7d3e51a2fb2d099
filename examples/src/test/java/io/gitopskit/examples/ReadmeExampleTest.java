package io.gitopskit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.cluster.ApplyOptions;
import io.gitopskit.core.diff.DiffOptions;
import io.gitopskit.core.diff.DiffResult;
import io.gitopskit.core.diff.Differ;
import io.gitopskit.core.load.DirectoryRenderer;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ManifestSet;
import io.gitopskit.core.source.LocalDirectorySource;
import io.gitopskit.core.source.RenderParameters;
import io.gitopskit.core.source.ResolvedSource;
import io.gitopskit.core.source.SourceRef;
import io.gitopskit.testkit.SimulatedCluster;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The root README's 30-second example, run on the demo manifests. */
class ReadmeExampleTest {

  @Test
  void readmeExample_loadsAppliesAndFindsEverythingInSync() {
    ResolvedSource source = LocalDirectorySource.create()
        .resolve(SourceRef.of(Path.of("demo/manifests").toAbsolutePath().toString(), ""));
    ManifestSet desired = DirectoryRenderer.create()
        .render(source.files(), RenderParameters.of(Map.of(DirectoryRenderer.RECURSE, "true")));
    SimulatedCluster cluster = SimulatedCluster.create();
    desired.forEach(m -> cluster.applyServerSide(m, ApplyOptions.defaults()));
    Differ differ = Differ.create(DiffOptions.defaults());
    for (Manifest m : desired) {
      DiffResult diff = differ.diff(m, cluster.get(m.gvk(), m.namespace(), m.name()).orElse(null));
      assertThat(diff.modified()).as(m.key() + "\n" + diff.text()).isFalse();
    }
    Manifest web = desired.stream().filter(m -> m.kind().equals("Deployment")).findFirst()
        .orElseThrow();
    cluster.edit(web.gvk(), web.namespace(), web.name(), root -> (io.gitopskit.core.json
        .JsonObject) io.gitopskit.core.json.JsonPointer.parse("/spec/replicas")
        .set(root, io.gitopskit.core.json.JsonNumber.of(9)));
    DiffResult drift = differ.diff(web, cluster.get(web.gvk(), web.namespace(), web.name())
        .orElseThrow());
    assertThat(drift.modified()).isTrue();
    assertThat(drift.text()).contains("-  replicas: 9").contains("+  replicas: 2");
  }
}
