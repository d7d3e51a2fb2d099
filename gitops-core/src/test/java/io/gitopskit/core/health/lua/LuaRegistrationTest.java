package io.gitopskit.core.health.lua;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.health.HealthChecks;
import io.gitopskit.core.health.HealthStatus;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scripts from a directory override built-ins with Argo CD's precedence. */
class LuaRegistrationTest {

  private static void script(Path root, String dir, String message) throws IOException {
    Path d = Files.createDirectories(root.resolve(dir));
    Files.writeString(d.resolve("health.lua"),
        "return {status = \"Degraded\", message = \"" + message + "\"}\n");
  }

  private static Manifest obj(String apiVersion, String kind) {
    return ManifestLoader.defaults().loadYaml("apiVersion: " + apiVersion + "\nkind: " + kind
        + "\nmetadata: {name: x, namespace: ns}\n", "x.yaml").asList().get(0);
  }

  @Test
  void exactBeatsWildcard_firstWildcardInDirectoryOrderWins_scriptsBeatBuiltIns(@TempDir Path root)
      throws IOException {
    script(root, "_.crossplane.io/_", "first wildcard");
    script(root, "_.io/_", "second wildcard");
    script(root, "s3.aws.crossplane.io/Bucket", "exact");
    script(root, "apps/Deployment", "scripted deployment");
    HealthChecks checks = LuaScripts.register(HealthChecks.builder(),
        LuaScripts.loadDirectory(root)).build();
    assertThat(checks.assess(obj("s3.aws.crossplane.io/v1", "Bucket")))
        .contains(HealthStatus.degraded("exact"));
    assertThat(checks.assess(obj("ec2.aws.crossplane.io/v1", "Instance")))
        .contains(HealthStatus.degraded("first wildcard"));
    assertThat(checks.assess(obj("example.io/v1", "Widget")))
        .contains(HealthStatus.degraded("second wildcard"));
    assertThat(checks.assess(obj("apps/v1", "Deployment")))
        .contains(HealthStatus.degraded("scripted deployment"));
  }
}
