package io.gitopskit.core.sync;

/**
 * A stable merge sort of the indexes {@code 0..n-1} by a comparator over indexes, for sorting
 * parallel arrays without boxing and without visiting objects: the planner sorts its tasks this
 * way so that a comparison reads a few compact arrays instead of two objects scattered over the
 * heap. Already ordered runs cost one comparison per merge, so nearly sorted input is linear.
 */
final class IndexSort {

  /** Compares two indexes; negative, zero or positive as for {@link java.util.Comparator}. */
  @FunctionalInterface
  interface IndexComparator {
    int compare(int a, int b);
  }

  private static final int INSERTION = 16;

  private IndexSort() {
  }

  /**
   * The indexes {@code 0..n-1} in the comparator's order, equal ones in increasing order.
   *
   * @param n how many indexes
   * @param cmp the order
   * @return a new array
   */
  static int[] order(int n, IndexComparator cmp) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    if (n > 1) {
      sort(a, new int[n], 0, n, cmp);
    }
    return a;
  }

  /**
   * Sorts {@code a[from..to)} stably.
   *
   * @param a indexes
   * @param tmp scratch space at least as long as {@code a}
   * @param from the first position
   * @param to after the last position
   * @param cmp the order
   */
  static void sort(int[] a, int[] tmp, int from, int to, IndexComparator cmp) {
    if (to - from <= INSERTION) {
      for (int i = from + 1; i < to; i++) {
        int x = a[i];
        int j = i - 1;
        while (j >= from && cmp.compare(a[j], x) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = x;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    sort(a, tmp, from, mid, cmp);
    sort(a, tmp, mid, to, cmp);
    if (cmp.compare(a[mid - 1], a[mid]) <= 0) {
      return;
    }
    System.arraycopy(a, from, tmp, from, mid - from);
    int i = from;
    int j = mid;
    int k = from;
    while (i < mid && j < to) {
      a[k++] = cmp.compare(a[j], tmp[i]) < 0 ? a[j++] : tmp[i++];
    }
    while (i < mid) {
      a[k++] = tmp[i++];
    }
  }
}
