package io.gitopskit.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexSortTest {

  /** The indexes of {@code keys} stably sorted by key, the slow way. */
  private static List<Integer> expected(List<Integer> keys, int from, int to) {
    List<Integer> indexes = new ArrayList<>();
    for (int i = from; i < to; i++) {
      indexes.add(i);
    }
    indexes.sort(Comparator.comparing(keys::get)); // List.sort is stable
    return indexes;
  }

  private static List<Integer> list(int[] a, int from, int to) {
    List<Integer> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(a[i]);
    }
    return out;
  }

  @Test
  void ordersIndexesStablyByTheComparator() {
    // few distinct keys, so that most elements tie and stability is what is tested
    qt().withExamples(500)
        .forAll(lists().of(integers().between(-3, 3)).ofSizeBetween(0, 300))
        .checkAssert(keys -> {
          int[] order = IndexSort.order(keys.size(), (a, b) -> keys.get(a) - keys.get(b));
          assertThat(list(order, 0, order.length)).isEqualTo(expected(keys, 0, keys.size()));
        });
  }

  @Test
  void sortsOnlyTheRangeItIsGiven() {
    qt().withExamples(300)
        .forAll(lists().of(integers().between(0, 9)).ofSizeBetween(2, 200),
            integers().between(0, 1000), integers().between(0, 1000))
        .checkAssert((keys, x, y) -> {
          int from = Math.min(x, y) % keys.size();
          int to = from + Math.max(x, y) % (keys.size() - from + 1);
          int[] a = new int[keys.size()];
          for (int i = 0; i < a.length; i++) {
            a[i] = i;
          }
          IndexSort.sort(a, new int[a.length], from, to, (p, q) -> keys.get(p) - keys.get(q));
          assertThat(list(a, from, to)).isEqualTo(expected(keys, from, to));
          for (int i = 0; i < from; i++) {
            assertThat(a[i]).isEqualTo(i);
          }
          for (int i = to; i < a.length; i++) {
            assertThat(a[i]).isEqualTo(i);
          }
        });
  }

  @Test
  void alreadyOrderedInputCostsAboutOneComparisonPerElement() {
    int n = 10_000;
    int[] comparisons = {0};
    IndexSort.order(n, (a, b) -> {
      comparisons[0]++;
      return Integer.compare(a / 7, b / 7);
    });
    assertThat(comparisons[0]).isLessThan(2 * n);
  }
}
