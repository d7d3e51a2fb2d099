package io.gitopskit.core.health.lua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.health.HealthStatus;
import io.gitopskit.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuaScriptsTest {

  private static final String HEALTHY = "return {status = 'Healthy', message = '%s'}";

  @TempDir
  Path root;

  private Path script(String dir, String message) throws IOException {
    Path d = Files.createDirectories(root.resolve(dir));
    return Files.writeString(d.resolve("health.lua"), String.format(HEALTHY, message));
  }

  @Test
  void layout_coreAndGroupKinds_wildcardsLast() throws IOException {
    script("Pod", "core");
    script("apps/Deployment", "apps");
    script("_.example.io/Widget", "any group");
    script("_/_", "anything");
    script("apps/_", "any apps kind");
    Files.createDirectories(root.resolve("apps/Deployment/testdata"));
    Files.createDirectories(root.resolve("empty/NoScript"));
    Files.writeString(root.resolve("README.md"), "not a script");
    List<LuaScripts.Entry> entries = LuaScripts.loadDirectory(root);
    assertThat(entries).extracting(e -> e.group() + "/" + e.kind())
        .containsExactly("/Pod", "apps/Deployment", "*/*", "*.example.io/Widget", "apps/*");
    assertThat(entries.get(2).check().assess(JsonObject.empty()))
        .contains(HealthStatus.healthy("anything"));
  }

  @Test
  void coreKindDirectory_isNotSearchedForGroups() throws IOException {
    script("Pod", "core");
    script("Pod/actions", "not a kind");
    assertThat(LuaScripts.loadDirectory(root)).extracting(LuaScripts.Entry::path)
        .containsExactly("Pod");
  }

  @Test
  void emptyDirectory_hasNoEntries() {
    assertThat(LuaScripts.loadDirectory(root)).isEmpty();
  }

  @Test
  void missingDirectory_isRefused() {
    assertThatThrownBy(() -> LuaScripts.loadDirectory(root.resolve("absent")))
        .isInstanceOf(LuaScriptException.class)
        .hasMessageContaining("cannot read the directory");
  }

  @Test
  void fileInsteadOfDirectory_isRefused() throws IOException {
    Path file = Files.writeString(root.resolve("f"), "x");
    assertThatThrownBy(() -> LuaScripts.loadDirectory(file))
        .isInstanceOf(LuaScriptException.class)
        .hasMessageStartingWith("not a directory: ");
  }

  @Test
  void compileError_namesTheScript() throws IOException {
    Path d = Files.createDirectories(root.resolve("example.io/Broken"));
    Files.writeString(d.resolve("health.lua"), "return {status = ");
    assertThatThrownBy(() -> LuaScripts.loadDirectory(root))
        .isInstanceOf(LuaScriptException.class)
        .hasMessageStartingWith("cannot compile example.io/Broken/health.lua: ");
  }

  @Test
  void oversizedScript_isRefused() throws IOException {
    script("example.io/Big", "x".repeat(500));
    assertThatThrownBy(() -> LuaScripts.loadDirectory(root,
        LuaLimits.defaults().withMaxScriptBytes(100)))
        .isInstanceOf(LuaScriptException.class)
        .hasMessageEndingWith("bytes, over the limit of 100");
  }

  @Test
  void scriptLinkLeavingTheDirectory_isRefused(@TempDir Path outside) throws IOException {
    Path target = Files.writeString(outside.resolve("health.lua"), "return nil");
    Path d = Files.createDirectories(root.resolve("example.io/Linked"));
    Files.createSymbolicLink(d.resolve("health.lua"), target);
    assertThatThrownBy(() -> LuaScripts.loadDirectory(root))
        .isInstanceOf(LuaScriptException.class)
        .hasMessageContaining("leaves the directory");
  }

  @Test
  void directoryLinkLeavingTheDirectory_isRefused(@TempDir Path outside) throws IOException {
    Files.createDirectories(outside.resolve("Kind"));
    Files.writeString(outside.resolve("Kind/health.lua"), "return nil");
    Files.createSymbolicLink(root.resolve("example.io"), outside);
    assertThatThrownBy(() -> LuaScripts.loadDirectory(root))
        .isInstanceOf(LuaScriptException.class)
        .hasMessageContaining("leaves the directory");
  }

  @Test
  void linkInsideTheDirectory_isFollowed() throws IOException {
    Path real = script("example.io/Real", "shared");
    Path d = Files.createDirectories(root.resolve("example.io/Alias"));
    Files.createSymbolicLink(d.resolve("health.lua"), real);
    assertThat(LuaScripts.loadDirectory(root)).extracting(LuaScripts.Entry::kind)
        .containsExactly("Alias", "Real");
  }

  @Test
  void entry_requiresAllParts() {
    LuaHealthCheck check = LuaHealthCheck.compile("x", "return nil");
    assertThatThrownBy(() -> new LuaScripts.Entry(null, "K", "p", check))
        .isInstanceOf(NullPointerException.class);
    assertThat(new LuaScripts.Entry("g", "K", "g/K", check).isWildcard()).isFalse();
  }
}
