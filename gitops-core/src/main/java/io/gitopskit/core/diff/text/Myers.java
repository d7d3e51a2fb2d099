package io.gitopskit.core.diff.text;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A longest common subsequence of two line lists with Myers' O(ND) algorithm in linear space
 * ("An O(ND) Difference Algorithm and Its Variations", 1986, section 4b): common prefixes and
 * suffixes are matched directly, the middle snake splits the rest, and an explicit stack
 * replaces recursion. Lines that occur in only one list can never match, so they are removed
 * before the search; the result is still a longest common subsequence.
 */
final class Myers {

  private Myers() {}

  /**
   * For each line of {@code a}, the index of the line of {@code b} it is matched with, or -1.
   * Matched indices increase strictly and their number is maximal.
   */
  static int[] match(List<String> a, List<String> b) {
    Map<String, Integer> ids = new HashMap<>();
    int[] ia = intern(a, ids);
    int[] ib = intern(b, ids);
    int[] inA = new int[ids.size()];
    int[] inB = new int[ids.size()];
    for (int id : ia) {
      inA[id]++;
    }
    for (int id : ib) {
      inB[id]++;
    }
    int[] posA = keep(ia, inB);
    int[] posB = keep(ib, inA);
    int[] sa = values(ia, posA);
    int[] sb = values(ib, posB);
    int[] matchA = new int[a.size()];
    Arrays.fill(matchA, -1);
    int[] local = new int[sa.length];
    Arrays.fill(local, -1);
    lcs(sa, sb, local);
    for (int x = 0; x < local.length; x++) {
      if (local[x] >= 0) {
        matchA[posA[x]] = posB[local[x]];
      }
    }
    return matchA;
  }

  private static int[] intern(List<String> lines, Map<String, Integer> ids) {
    int[] out = new int[lines.size()];
    for (int i = 0; i < out.length; i++) {
      Integer id = ids.get(lines.get(i));
      if (id == null) {
        id = ids.size();
        ids.put(lines.get(i), id);
      }
      out[i] = id;
    }
    return out;
  }

  /** Positions of the lines whose id occurs in the other list. */
  private static int[] keep(int[] ids, int[] otherCounts) {
    int n = 0;
    for (int id : ids) {
      if (otherCounts[id] > 0) {
        n++;
      }
    }
    int[] out = new int[n];
    int k = 0;
    for (int i = 0; i < ids.length; i++) {
      if (otherCounts[ids[i]] > 0) {
        out[k++] = i;
      }
    }
    return out;
  }

  private static int[] values(int[] ids, int[] positions) {
    int[] out = new int[positions.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = ids[positions[i]];
    }
    return out;
  }

  /** Fills {@code match[x] = y} for a longest common subsequence of {@code a} and {@code b}. */
  static void lcs(int[] a, int[] b, int[] match) {
    Deque<int[]> work = new ArrayDeque<>();
    work.push(new int[] {0, a.length, 0, b.length});
    while (!work.isEmpty()) {
      int[] r = work.pop();
      int aLo = r[0];
      int aHi = r[1];
      int bLo = r[2];
      int bHi = r[3];
      while (aLo < aHi && bLo < bHi && a[aLo] == b[bLo]) {
        match[aLo++] = bLo++;
      }
      while (aLo < aHi && bLo < bHi && a[aHi - 1] == b[bHi - 1]) {
        match[--aHi] = --bHi;
      }
      if (aLo == aHi || bLo == bHi) {
        continue;
      }
      long split = middleSnake(a, aLo, aHi - aLo, b, bLo, bHi - bLo);
      if (split < 0) {
        continue;
      }
      int x = (int) (split >>> 32);
      int y = (int) split;
      if ((x == 0 && y == 0) || (x == aHi - aLo && y == bHi - bLo)) {
        throw new IllegalStateException("diff made no progress");
      }
      work.push(new int[] {aLo + x, aHi, bLo + y, bHi});
      work.push(new int[] {aLo, aLo + x, bLo, bLo + y});
    }
  }

  /**
   * Where the forward and reverse furthest-reaching paths of a shortest edit script first
   * overlap, as {@code x << 32 | y} relative to the range; -1 when there is none.
   */
  private static long middleSnake(int[] a, int aLo, int n, int[] b, int bLo, int m) {
    int maxD = (n + m + 1) / 2;
    int offset = maxD;
    int length = 2 * maxD + 2;
    int[] v1 = new int[length];
    int[] v2 = new int[length];
    Arrays.fill(v1, -1);
    Arrays.fill(v2, -1);
    v1[offset + 1] = 0;
    v2[offset + 1] = 0;
    int delta = n - m;
    boolean front = (delta & 1) != 0;
    int k1start = 0;
    int k1end = 0;
    int k2start = 0;
    int k2end = 0;
    for (int d = 0; d < maxD; d++) {
      for (int k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
        int k1Offset = offset + k1;
        int x1 = k1 == -d || (k1 != d && v1[k1Offset - 1] < v1[k1Offset + 1])
            ? v1[k1Offset + 1] : v1[k1Offset - 1] + 1;
        int y1 = x1 - k1;
        while (x1 < n && y1 < m && a[aLo + x1] == b[bLo + y1]) {
          x1++;
          y1++;
        }
        v1[k1Offset] = x1;
        if (x1 > n) {
          k1end += 2;
        } else if (y1 > m) {
          k1start += 2;
        } else if (front) {
          int k2Offset = offset + delta - k1;
          if (k2Offset >= 0 && k2Offset < length && v2[k2Offset] != -1
              && x1 >= n - v2[k2Offset]) {
            return ((long) x1 << 32) | (y1 & 0xFFFFFFFFL);
          }
        }
      }
      for (int k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
        int k2Offset = offset + k2;
        int x2 = k2 == -d || (k2 != d && v2[k2Offset - 1] < v2[k2Offset + 1])
            ? v2[k2Offset + 1] : v2[k2Offset - 1] + 1;
        int y2 = x2 - k2;
        while (x2 < n && y2 < m && a[aLo + n - x2 - 1] == b[bLo + m - y2 - 1]) {
          x2++;
          y2++;
        }
        v2[k2Offset] = x2;
        if (x2 > n) {
          k2end += 2;
        } else if (y2 > m) {
          k2start += 2;
        } else if (!front) {
          int k1Offset = offset + delta - k2;
          if (k1Offset >= 0 && k1Offset < length && v1[k1Offset] != -1) {
            int x1 = v1[k1Offset];
            int y1 = offset + x1 - k1Offset;
            if (x1 >= n - x2) {
              return ((long) x1 << 32) | (y1 & 0xFFFFFFFFL);
            }
          }
        }
      }
    }
    return -1;
  }
}
