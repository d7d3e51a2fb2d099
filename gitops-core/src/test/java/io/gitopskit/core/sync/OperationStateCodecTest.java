package io.gitopskit.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.gitopskit.core.model.ResourceKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperationStateCodecTest {

  /** A random state, deterministic for its seed, with awkward text in messages. */
  static OperationState state(long seed) {
    Random r = new Random(seed);
    String[] texts = {"", "serverside-applied", "quote \" backslash \\ tab \t nl \n",
        "ünïcödé ✓", "Waiting for pruning confirmation of v1/Secret/s"};
    List<ResourceResult> results = new ArrayList<>();
    int n = r.nextInt(6);
    for (int i = 0; i < n; i++) {
      ResourceKey key = ResourceKey.of(r.nextBoolean() ? "" : "apps", r.nextBoolean()
          ? "ConfigMap" : "Deployment", r.nextBoolean() ? "" : "ns" + r.nextInt(3), "n" + i);
      results.add(new ResourceResult(key, SyncPhase.values()[r.nextInt(SyncPhase.values()
          .length)], ResultCode.values()[r.nextInt(ResultCode.values().length)],
          texts[r.nextInt(texts.length)], OperationPhase.values()[r.nextInt(
              OperationPhase.values().length)], r.nextBoolean()));
    }
    Instant start = Instant.ofEpochSecond(1_700_000_000L + r.nextInt(1_000_000), r.nextInt(
        1_000_000_000));
    return new OperationState(OperationPhase.values()[r.nextInt(OperationPhase.values()
        .length)], texts[r.nextInt(texts.length)], results, r.nextInt(5) - 1, start,
        r.nextBoolean() ? Optional.empty() : Optional.of(start.plusSeconds(r.nextInt(500))));
  }

  @Test
  void everyStateSurvivesARoundTrip() {
    qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
      OperationState s = state(seed);
      String json = OperationStateCodec.toJson(s);
      assertThat(json).doesNotContain("\n");
      assertThat(OperationStateCodec.fromJson(json, "state.json")).isEqualTo(s);
      assertThat(OperationStateCodec.toJson(OperationStateCodec.fromJson(json, "x")))
          .isEqualTo(json);
    });
  }

  @Test
  void badInputNamesTheOriginAndField() {
    String good = OperationStateCodec.toJson(state(7));
    assertThatThrownBy(() -> OperationStateCodec.fromJson(good.replace("\"version\":1",
        "\"version\":9"), "ops/shop.json")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ops/shop.json").hasMessageContaining("version");
    assertThatThrownBy(() -> OperationStateCodec.fromJson(good.replaceFirst(
        "\"phase\":\"[A-Za-z]+\"", "\"phase\":\"Sleeping\""), "ops/shop.json"))
        .hasMessage("ops/shop.json: field phase: unknown value");
    assertThatThrownBy(() -> OperationStateCodec.fromJson("{\"version\":1,\"results\":[7]}",
        "s.json")).hasMessageContaining("field results[0]: expected an object");
    assertThatThrownBy(() -> OperationStateCodec.fromJson("{not json", "s.json"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("s.json: ");
  }

  @Test
  void directoryStoreReplacesAtomicallyAndSurvivesANewStore(@TempDir Path dir) throws Exception {
    StateStore store = StateStore.directory(dir.resolve("ops"));
    assertThat(store.load("shop")).isEmpty();
    assertThat(store.operations()).isEmpty();
    store.save("shop", state(1));
    store.save("shop", state(2));
    store.save("web-2", state(3));

    StateStore reopened = StateStore.directory(dir.resolve("ops"));
    assertThat(reopened.load("shop")).contains(state(2));
    assertThat(reopened.operations()).containsExactly("shop", "web-2");
    try (var files = Files.list(dir.resolve("ops"))) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(
          "shop.json", "web-2.json");
    }
    reopened.remove("shop");
    assertThat(store.load("shop")).isEmpty();
    assertThatThrownBy(() -> store.save("../escape", state(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("../escape");
  }

  @Test
  void inMemoryStoreKeepsTheLatestState() {
    StateStore store = StateStore.inMemory();
    store.save("b", state(1));
    store.save("a", state(2));
    store.save("a", state(3));
    assertThat(store.load("a")).contains(state(3));
    assertThat(store.operations()).containsExactly("a", "b");
    store.remove("a");
    assertThat(store.load("a")).isEmpty();
    assertThatThrownBy(() -> store.load("")).isInstanceOf(IllegalArgumentException.class);
  }
  @Test
  void aStateOfALargeSyncIsReadBack() {
    // 60,000 results exceed the manifest loader's default 10 MiB per load; a state the
    // codec writes (and a StateStore saves) must still be readable to resume the operation
    List<ResourceResult> results = new ArrayList<>();
    for (int i = 0; i < 60_000; i++) {
      results.add(new ResourceResult(ResourceKey.of("apps", "Deployment", "shop", "web-" + i),
          SyncPhase.SYNC, ResultCode.SYNCED, "deployment.apps/web-" + i + " configured",
          OperationPhase.SUCCEEDED, false));
    }
    OperationState s = new OperationState(OperationPhase.RUNNING, "one or more tasks are running",
        results, 0, Instant.parse("2026-01-01T00:00:00Z"), Optional.empty());
    String json = OperationStateCodec.toJson(s);
    assertThat(json.length()).isGreaterThan(10 * 1024 * 1024);
    assertThat(OperationStateCodec.fromJson(json, "big.json")).isEqualTo(s);
  }
  @Test
  void directoryStoreTakesEveryIdItAccepts(@TempDir Path dir) {
    // a file name holds at most 255 bytes: the longest accepted id (250) plus ".json"; the
    // temporary file written first must fit as well
    StateStore store = StateStore.directory(dir);
    String longest = "a".repeat(250);
    store.save(longest, state(4));
    assertThat(store.load(longest)).contains(state(4));
    assertThat(store.operations()).containsExactly(longest);
    assertThatThrownBy(() -> store.save("a".repeat(251), state(4)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("250");
  }
}
