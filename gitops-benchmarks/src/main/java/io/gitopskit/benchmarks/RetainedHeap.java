package io.gitopskit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.gitopskit.core.load.LoadLimits;
import io.gitopskit.core.load.ManifestLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Retained heap of the loaded ~10 MB corpus: GitOpsKit's {@code ManifestSet} versus Jackson
 * {@code JsonNode} trees, measured as used heap after full GCs with the result held. An
 * indication, not a JMH figure. Run:
 * {@code java -cp gitops-benchmarks/target/benchmarks.jar io.gitopskit.benchmarks.RetainedHeap}.
 */
public final class RetainedHeap {

  private RetainedHeap() {}

  /**
   * Entry point.
   *
   * @param args unused
   * @throws IOException never, for in-memory input
   */
  public static void main(String[] args) throws IOException {
    byte[] corpus = Corpus.build(Corpus.TEN_MB);
    ManifestLoader loader =
        ManifestLoader.withLimits(LoadLimits.defaults().withMaxTotalBytes(64L << 20));
    long base = usedAfterGc();
    Object ours = loader.load(new ByteArrayInputStream(corpus), "corpus.yaml");
    long oursBytes = usedAfterGc() - base;
    ours = null;
    base = usedAfterGc();
    List<JsonNode> theirs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class)
        .readValues(corpus)) {
      while (it.hasNext()) {
        theirs.add(it.next());
      }
    }
    long theirsBytes = usedAfterGc() - base;
    System.out.printf(Locale.ROOT, "corpus %.1f MB%n", corpus.length / 1e6);
    System.out.printf(Locale.ROOT, "gitopskit ManifestSet retained: %.1f MB%n", oursBytes / 1e6);
    System.out.printf(Locale.ROOT, "jackson JsonNode retained:      %.1f MB (%d docs)%n",
        theirsBytes / 1e6, theirs.size());
    System.out.printf(Locale.ROOT, "ratio gitopskit / jackson:      %.2f%n",
        (double) oursBytes / theirsBytes);
    if (ours != null) {
      System.out.println(ours.hashCode());
    }
  }

  static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }
}
