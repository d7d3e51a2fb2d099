package io.gitopskit.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code kubernetes-1.35.json} must be exactly what {@link SchemaGenerator} makes of
 * the OpenAPI document today: a hand edit or a generator change without regeneration fails here.
 */
class SchemaResourceUpToDateTest {

  private static final String REGENERATE = "./mvnw -q -pl gitops-core test-compile exec:java "
      + "-Dexec.classpathScope=test -Dexec.mainClass=io.gitopskit.core.schema.SchemaGenerator "
      + "-Dexec.args=\"../shared/schemas/kubernetes-1.35.0.json "
      + "gitops-core/src/main/resources/io/gitopskit/core/schema/kubernetes-1.35.json\"";

  @Test
  void committedResourceIsWhatTheGeneratorMakes() throws Exception {
    Path openApi = SchemaFiles.openApi();
    String generated = SchemaGenerator.generate(
        Files.readString(openApi, StandardCharsets.UTF_8), openApi.getFileName().toString());
    byte[] expected = generated.getBytes(StandardCharsets.UTF_8);
    byte[] committed = Files.readAllBytes(SchemaFiles.committedResource());
    if (!java.util.Arrays.equals(expected, committed)) {
      fail("the committed schema resource is stale (" + firstDifference(generated,
          new String(committed, StandardCharsets.UTF_8)) + "); regenerate it from the "
          + "repository root with:\n" + REGENERATE);
    }
  }

  @Test
  void generationIsDeterministic() throws Exception {
    Path openApi = SchemaFiles.openApi();
    String text = Files.readString(openApi, StandardCharsets.UTF_8);
    assertThat(SchemaGenerator.generate(text, "kubernetes-1.35.0.json"))
        .isEqualTo(SchemaGenerator.generate(text, "kubernetes-1.35.0.json"));
  }

  @Test
  void resourceStaysCompact() throws Exception {
    assertThat(Files.size(SchemaFiles.committedResource())).isLessThan(1024 * 1024);
  }

  private static String firstDifference(String expected, String actual) {
    String[] e = expected.split("\n", -1);
    String[] a = actual.split("\n", -1);
    for (int i = 0; i < Math.max(e.length, a.length); i++) {
      String el = i < e.length ? e[i] : "<end of file>";
      String al = i < a.length ? a[i] : "<end of file>";
      if (!el.equals(al)) {
        return "first difference at line " + (i + 1) + ": expected " + abbreviate(el)
            + " but the committed file has " + abbreviate(al);
      }
    }
    return "line endings or encoding differ";
  }

  private static String abbreviate(String line) {
    return line.length() <= 160 ? line : line.substring(0, 160) + "…";
  }
}
