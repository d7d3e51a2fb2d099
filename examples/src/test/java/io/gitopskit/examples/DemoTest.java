package io.gitopskit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.load.LoadException;
import io.gitopskit.core.model.ManifestSet;
import io.gitopskit.core.model.ResourceKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {

  @Test
  void demo_printsEveryResourceOfTheSampleDirectory_sorted() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    ManifestSet set = Demo.run(Path.of("demo/manifests"), new PrintStream(buffer, true,
        StandardCharsets.UTF_8));
    String out = buffer.toString(StandardCharsets.UTF_8);
    assertThat(set.keys()).extracting(ResourceKey::toString).containsExactlyInAnyOrder(
        "/Namespace//shop-dev", "apps/Deployment/shop-dev/web", "/Service/shop-dev/web",
        "/ConfigMap/shop-dev/web-config", "/ServiceAccount/shop-dev/web",
        "rbac.authorization.k8s.io/Role/shop-dev/web-reader");
    assertThat(out).contains("6 resources");
    assertThat(out).containsPattern("apps/Deployment/shop-dev/web +base/web.yaml:2:1 \\(document 1\\)");
    assertThat(out.indexOf("/ConfigMap/")).isLessThan(out.indexOf("apps/Deployment"));
  }

  @Test
  void demo_failsWholeOnABadFile(@TempDir Path tmp) throws IOException {
    Files.writeString(tmp.resolve("ok.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
    Files.writeString(tmp.resolve("bad.yaml"), "apiVersion: v1\nkind: ConfigMap\n");
    assertThatThrownBy(() -> Demo.run(tmp, new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8)))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("bad.yaml:1:1 (document 1)")
        .hasMessageContaining("metadata: is required");
  }
}
