package io.gitopskit.core.diff.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.ResourceKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

class UnifiedDiffTest {

  private static final Pattern HEADER =
      Pattern.compile("@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@");

  /** Applies a diff's text to {@code a}, as {@code patch} would, checking every line. */
  static String apply(String a, String diff) {
    if (diff.isEmpty()) {
      return a;
    }
    List<String> src = split(a);
    String[] lines = diff.split("\n", -1);
    assertThat(lines[0]).startsWith("--- ");
    assertThat(lines[1]).startsWith("+++ ");
    List<String> out = new ArrayList<>();
    int next = 0;
    int i = 2;
    while (i < lines.length && !lines[i].isEmpty()) {
      Matcher m = HEADER.matcher(lines[i]);
      assertThat(m.matches()).as(lines[i]).isTrue();
      int aStart = Integer.parseInt(m.group(1));
      int aCount = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
      int bCount = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
      int from = aCount == 0 ? aStart : aStart - 1;
      assertThat(from).isGreaterThanOrEqualTo(next);
      out.addAll(src.subList(next, from));
      next = from;
      int seenA = 0;
      int seenB = 0;
      i++;
      while (i < lines.length && !lines[i].isEmpty() && !lines[i].startsWith("@@")) {
        String l = lines[i];
        boolean noEol = i + 1 < lines.length && lines[i + 1].equals("\\ No newline at end of file");
        String text = l.substring(1) + (noEol ? "" : "\n");
        switch (l.charAt(0)) {
          case ' ' -> {
            assertThat(src.get(next)).isEqualTo(text);
            out.add(text);
            next++;
            seenA++;
            seenB++;
          }
          case '-' -> {
            assertThat(src.get(next)).isEqualTo(text);
            next++;
            seenA++;
          }
          case '+' -> {
            out.add(text);
            seenB++;
          }
          default -> throw new AssertionError("bad line " + l);
        }
        i += noEol ? 2 : 1;
      }
      assertThat(seenA).isEqualTo(aCount);
      assertThat(seenB).isEqualTo(bCount);
    }
    out.addAll(src.subList(next, src.size()));
    return String.join("", out);
  }

  static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl + 1;
      out.add(text.substring(start, end));
      start = end;
    }
    return out;
  }

  @Test
  void smallChange_isOneHunkWithThreeLinesOfContext() {
    String a = "a\nb\nc\nd\ne\nf\ng\nh\ni\n";
    String b = "a\nb\nc\nd\nE\nf\ng\nh\ni\n";

    UnifiedDiff d = UnifiedDiff.of("old", a, "new", b);

    assertThat(d.text()).isEqualTo("""
        --- old
        +++ new
        @@ -2,7 +2,7 @@
         b
         c
         d
        -e
        +E
         f
         g
         h
        """);
    assertThat(d.insertions()).isOne();
    assertThat(d.deletions()).isOne();
  }

  @Test
  void distantChanges_makeSeparateHunks_nearOnesMerge() {
    StringBuilder a = new StringBuilder();
    for (int i = 1; i <= 30; i++) {
      a.append("line ").append(i).append('\n');
    }
    String b = a.toString().replace("line 2\n", "line two\n").replace("line 8\n", "")
        .replace("line 25\n", "line 25\nline 25.5\n");

    UnifiedDiff d = UnifiedDiff.of("a", a.toString(), "b", b);

    assertThat(d.hunks()).extracting(UnifiedDiff.Hunk::header)
        .containsExactly("@@ -1,11 +1,10 @@", "@@ -23,6 +22,7 @@");
    assertThat(apply(a.toString(), d.text())).isEqualTo(b);
  }

  @Test
  void emptySides_useZeroRanges() {
    assertThat(UnifiedDiff.of("a", "", "b", "x\ny\n").text())
        .isEqualTo("--- a\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y\n");
    assertThat(UnifiedDiff.of("a", "x\n", "b", "").text())
        .isEqualTo("--- a\n+++ b\n@@ -1 +0,0 @@\n-x\n");
  }

  @Test
  void missingFinalNewline_isMarked() {
    UnifiedDiff d = UnifiedDiff.of("a", "x\ny", "b", "x\ny\n");

    assertThat(d.text()).isEqualTo("--- a\n+++ b\n@@ -1,2 +1,2 @@\n x\n-y\n"
        + "\\ No newline at end of file\n+y\n");
    assertThat(apply("x\ny", d.text())).isEqualTo("x\ny\n");
  }

  @Test
  void identicalTexts_giveAnEmptyDiff() {
    UnifiedDiff d = UnifiedDiff.of("a", "same\ntext\n", "b", "same\ntext\n");

    assertThat(d.isEmpty()).isTrue();
    assertThat(d.text()).isEmpty();
    assertThat(d.toString()).isEmpty();
  }

  @Test
  void zeroContext_andBadContext() {
    assertThat(UnifiedDiff.of("a", "1\n2\n3\n", "b", "1\nX\n3\n", 0).text())
        .isEqualTo("--- a\n+++ b\n@@ -2 +2 @@\n-2\n+X\n");
    assertThatThrownBy(() -> UnifiedDiff.of("a", "", "b", "", -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ofYaml_namesSidesByKey_likeKubectlDiff() {
    JsonObject live = (JsonObject) ManifestLoader.defaults().readDocuments("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: dev}
        spec: {replicas: 2, paused: false}
        """, "l.yaml").get(0);
    JsonObject desired = live.with("spec",
        live.getObject("spec").orElseThrow().with("replicas",
            io.gitopskit.core.json.JsonNumber.of(3)));
    ResourceKey key = ResourceKey.of("apps", "Deployment", "dev", "web");

    UnifiedDiff d = UnifiedDiff.ofYaml(key, live, desired);

    assertThat(d.text()).isEqualTo("""
        --- live/apps/Deployment/dev/web
        +++ desired/apps/Deployment/dev/web
        @@ -5,4 +5,4 @@
           namespace: dev
         spec:
           paused: false
        -  replicas: 2
        +  replicas: 3
        """);
    assertThat(UnifiedDiff.ofYaml(key, null, desired).deletions()).isZero();
    assertThat(UnifiedDiff.ofYaml(key, live, null).insertions()).isZero();
    assertThat(UnifiedDiff.ofYaml(key, live, live).isEmpty()).isTrue();
  }

  /** Texts over a tiny alphabet of lines, so that many lines repeat. */
  private static Gen<String> texts() {
    return in -> {
      int n = (int) in.next(Constraint.between(0, 25));
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < n; i++) {
        b.append((char) ('a' + in.next(Constraint.between(0, 4)))).append('\n');
      }
      if (n > 0 && in.next(Constraint.between(0, 3)) == 0) {
        b.setLength(b.length() - 1);
      }
      return b.toString();
    };
  }

  @Test
  void applyingTheHunks_reproducesTheSecondText() {
    qt().withExamples(2000).forAll(texts(), texts(), contexts())
        .checkAssert((a, b, context) -> {
          UnifiedDiff d = UnifiedDiff.of("a", a, "b", b, context);
          assertThat(apply(a, d.text())).isEqualTo(b);
          assertThat(d.isEmpty()).isEqualTo(a.equals(b));
        });
  }

  private static Gen<Integer> contexts() {
    return in -> (int) in.next(Constraint.between(0, 4));
  }

  @Test
  void theEditScriptIsMinimal() {
    qt().withExamples(2000).forAll(texts(), texts()).checkAssert((a, b) -> {
      UnifiedDiff d = UnifiedDiff.of("a", a, "b", b);
      int lcs = lcsLength(split(a), split(b));
      assertThat(d.deletions()).isEqualTo(split(a).size() - lcs);
      assertThat(d.insertions()).isEqualTo(split(b).size() - lcs);
    });
  }

  private static int lcsLength(List<String> a, List<String> b) {
    int[][] t = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        t[i][j] = a.get(i).equals(b.get(j)) ? t[i + 1][j + 1] + 1
            : Math.max(t[i + 1][j], t[i][j + 1]);
      }
    }
    return t[0][0];
  }

  private static String yamlLike(Random r, int lines) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      b.append("  ".repeat(r.nextInt(4))).append(r.nextInt(10) == 0 ? "- name: x" : "key")
          .append(r.nextInt(500)).append(": v").append(r.nextInt(20)).append('\n');
    }
    return b.toString();
  }

  private static String mutate(Random r, String text, int edits) {
    List<String> lines = new ArrayList<>(split(text));
    for (int e = 0; e < edits; e++) {
      int at = r.nextInt(lines.size());
      switch (r.nextInt(3)) {
        case 0 -> lines.remove(at);
        case 1 -> lines.add(at, "inserted " + r.nextInt(1000) + "\n");
        default -> lines.set(at, "changed " + r.nextInt(1000) + "\n");
      }
    }
    return String.join("", lines);
  }

  @Test
  @Timeout(20)
  void tenThousandLines_areFast() {
    Random r = new Random(42);
    String a = yamlLike(r, 10_000);
    String b = mutate(r, a, 1_000);
    String unrelated = yamlLike(new Random(7), 10_000);

    long start = System.nanoTime();
    UnifiedDiff d = UnifiedDiff.of("a", a, "b", b);
    UnifiedDiff far = UnifiedDiff.of("a", a, "c", unrelated);
    UnifiedDiff reordered = UnifiedDiff.of("a", a, "r", mutate(r, a, 8_000));
    StringBuilder x = new StringBuilder();
    StringBuilder y = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      x.append("- item").append(r.nextInt(5)).append('\n');
      y.append("- item").append(r.nextInt(5)).append('\n');
    }
    UnifiedDiff worst = UnifiedDiff.of("x", x.toString(), "y", y.toString());
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(apply(x.toString(), worst.text())).isEqualTo(y.toString());
    assertThat(apply(a, d.text())).isEqualTo(b);
    assertThat(apply(a, far.text())).isEqualTo(unrelated);
    assertThat(reordered.isEmpty()).isFalse();
    assertThat(took).isLessThan(Duration.ofSeconds(5));
  }
}
