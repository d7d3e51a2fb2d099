package io.gitopskit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitopskit.core.model.ManifestSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Both sides of the benchmark do the same work on a valid corpus (not a timing test). */
class LoadBenchmarkTest {

  @Test
  void bothSidesReadEveryDocumentOfTheCorpus() throws Exception {
    LoadBenchmark b = new LoadBenchmark();
    b.setUp();
    assertThat(b.corpusBytes()).isGreaterThanOrEqualTo(Corpus.TEN_MB);
    ManifestSet ours = b.gitopskit();
    List<JsonNode> theirs = b.jacksonJsonNode();
    long nonEmpty = theirs.stream().filter(n -> n != null && !n.isNull() && !n.isMissingNode())
        .count();
    assertThat(ours.size()).isGreaterThan(10_000);
    assertThat((long) ours.size()).isEqualTo(nonEmpty);
  }
}
