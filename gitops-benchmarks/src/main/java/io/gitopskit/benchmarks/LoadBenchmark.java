package io.gitopskit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.gitopskit.core.load.LoadLimits;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.ManifestSet;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Load throughput of a ~10 MB multi-document YAML corpus: GitOpsKit's {@link ManifestLoader}
 * (parse, build the immutable model, validate every object, flatten Lists, check duplicate keys)
 * against the peer, plain Jackson YAML parsing of the same bytes into {@link JsonNode} trees.
 *
 * <p>Goal (issue 2): ratio gitopskit / jackson &gt;= 0.8. Run:
 * {@code java -jar gitops-benchmarks/target/benchmarks.jar LoadBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 6, time = 3)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class LoadBenchmark {

  private byte[] corpus;
  private ManifestLoader loader;
  private ObjectReader jackson;

  /** Builds the corpus and both parsers once. */
  @Setup
  public void setUp() {
    corpus = Corpus.build(Corpus.TEN_MB);
    loader = ManifestLoader.withLimits(LoadLimits.defaults().withMaxTotalBytes(64L << 20));
    jackson = new YAMLMapper().readerFor(JsonNode.class);
  }

  /** GitOpsKit: bytes to a validated {@link ManifestSet}. */
  @Benchmark
  public ManifestSet gitopskit() {
    return loader.load(new ByteArrayInputStream(corpus), "corpus.yaml");
  }

  /** The peer: bytes to a list of Jackson {@link JsonNode} trees, nothing else. */
  @Benchmark
  public List<JsonNode> jacksonJsonNode() throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = jackson.readValues(corpus)) {
      while (it.hasNext()) {
        docs.add(it.next());
      }
    }
    return docs;
  }

  /** Size of the corpus in bytes, for the throughput-to-MB/s conversion in BENCHMARKS.md. */
  public int corpusBytes() {
    return corpus.length;
  }
}
