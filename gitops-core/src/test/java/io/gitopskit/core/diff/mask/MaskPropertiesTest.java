package io.gitopskit.core.diff.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.model.Manifest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Random Secrets on both sides and in last-applied, with values that contain one another:
 * no value or encoding of it survives masking, and masks are equal exactly when values are.
 */
class MaskPropertiesTest {

  private static final String ALPHABET = "abcXYZ09 _-./+=:,\"\\\n\u00e9{}";
  private static final List<String> KEYS = List.of("k0", "k1", "k2");
  private static final String HIDDEN = "example.com/token";

  /** One generated case: objects plus what each data key's value is, before masking. */
  record Case(@Nullable Manifest desired, @Nullable Manifest live, List<String> strings,
      List<String> binaries, Map<String, String> normalized, boolean hideLastApplied) {}

  private static int pick(RandomnessSource in, int max) {
    return (int) in.next(Constraint.between(0, max));
  }

  /** A value with at least 6 characters and a {@code ~}, which no skeleton text has. */
  private static String fresh(RandomnessSource in) {
    int n = 5 + pick(in, 8);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(ALPHABET.charAt(pick(in, ALPHABET.length() - 1)));
    }
    b.insert(pick(in, n), '~');
    return b.toString();
  }

  private static List<String> pool(RandomnessSource in) {
    List<String> pool = new ArrayList<>();
    pool.add(fresh(in));
    int n = 1 + pick(in, 4);
    for (int i = 0; i < n; i++) {
      String base = pool.get(pick(in, pool.size() - 1));
      switch (pick(in, 3)) {
        case 0 -> pool.add(fresh(in));
        case 1 -> pool.add(base + base.substring(0, 1 + pick(in, base.length() - 1)));
        case 2 -> {
          int tilde = base.indexOf('~');
          int from = Math.max(0, Math.min(tilde, base.length() - 6));
          pool.add(base.substring(from, Math.max(from + 6, tilde + 1)));
        }
        default -> pool.add("x" + base);
      }
    }
    return pool;
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static Gen<Case> cases() {
    return in -> {
      List<String> pool = pool(in);
      List<String> binaries = new ArrayList<>();
      Map<String, String> normalized = new HashMap<>();
      JsonObject.Builder dData = JsonObject.builder();
      JsonObject.Builder dString = JsonObject.builder();
      JsonObject.Builder lData = JsonObject.builder();
      JsonObject.Builder aString = JsonObject.builder();
      for (String key : KEYS) {
        String v = pool.get(pick(in, pool.size() - 1));
        switch (pick(in, 3)) {
          case 0 -> { }
          case 1 -> {
            dData.put(key, b64(v));
            normalized.put("d/" + key, b64(v));
          }
          case 2 -> {
            dString.put(key, v);
            normalized.put("d/" + key, b64(v));
          }
          default -> {
            byte[] bytes = new byte[6 + pick(in, 6)];
            for (int i = 0; i < bytes.length; i++) {
              bytes[i] = (byte) pick(in, 255);
            }
            String enc = Base64.getEncoder().encodeToString(bytes);
            binaries.add(enc);
            dData.put(key, enc);
            normalized.put("d/" + key, enc);
          }
        }
        String lv = pool.get(pick(in, pool.size() - 1));
        if (pick(in, 3) > 0) {
          lData.put(key, b64(lv));
          normalized.put("l/" + key, b64(lv));
        }
        String av = pool.get(pick(in, pool.size() - 1));
        if (pick(in, 2) > 0) {
          aString.put(key, av);
          normalized.put("a/" + key, b64(av));
        }
      }
      Manifest desired = pick(in, 5) == 0 ? null
          : secret(dData.build(), dString.build(), pool.get(pick(in, pool.size() - 1)));
      Manifest live = pick(in, 5) == 0 ? null
          : secret(lData.build(), JsonObject.empty(), pool.get(pick(in, pool.size() - 1)));
      if (live != null) {
        int mode = pick(in, 3);
        if (mode == 1) {
          JsonObject previous = secret(JsonObject.empty(), aString.build(),
              pool.get(pick(in, pool.size() - 1))).root();
          live = live.withAnnotation(SecretMasker.LAST_APPLIED, previous.toJson());
        } else if (mode == 2) {
          live = live.withAnnotation(SecretMasker.LAST_APPLIED,
              "{\"stringData\":{\"k0\":\"" + pool.get(0) + "\"");
        }
      }
      return new Case(desired, live, pool, binaries, normalized, pick(in, 4) == 0);
    };
  }

  private static Manifest secret(JsonObject data, JsonObject stringData, String token) {
    JsonObject.Builder b = JsonObject.builder().put("apiVersion", "v1").put("kind", "Secret")
        .put("metadata", JsonObject.builder().put("name", "s").put("namespace", "dev")
            .put("annotations", JsonObject.of(HIDDEN, JsonString.of(token))).build());
    if (!data.isEmpty()) {
      b.put("data", data);
    }
    if (!stringData.isEmpty()) {
      b.put("stringData", stringData);
    }
    return Manifest.of(b.build());
  }

  private static String escaped(String s) {
    String json = JsonString.of(s).toJson();
    return json.substring(1, json.length() - 1);
  }

  private static List<String> texts(MaskedPair p) {
    List<String> out = new ArrayList<>();
    for (Manifest m : new Manifest[] {p.desired(), p.live()}) {
      if (m != null) {
        out.add(m.root().toJson());
        out.add(m.root().toPrettyJson());
        m.annotation(SecretMasker.LAST_APPLIED).ifPresent(out::add);
      }
    }
    return out;
  }

  private static SecretMasker masker(Case c) {
    SecretMasker m = SecretMasker.defaults().withHiddenAnnotations(List.of(HIDDEN));
    return c.hideLastApplied() ? m.withHiddenAnnotations(List.of(SecretMasker.LAST_APPLIED)) : m;
  }

  @Test
  void noValueNorItsEncodingsSurviveMasking() {
    qt().withExamples(1000).forAll(cases()).checkAssert(c -> {
      MaskedPair p = masker(c).mask(c.desired(), c.live());
      List<String> texts = texts(p);
      List<String> forbidden = new ArrayList<>();
      for (String v : c.strings()) {
        forbidden.add(v);
        forbidden.add(escaped(v));
        forbidden.add(escaped(escaped(v)));
        forbidden.add(b64(v).replace("=", ""));
      }
      for (String bin : c.binaries()) {
        forbidden.add(bin.replace("=", ""));
      }
      for (String t : texts) {
        for (String f : forbidden) {
          assertThat(t).as("leak of %s", f).doesNotContain(f);
        }
      }
    });
  }

  @Test
  void masksAreEqualExactlyWhenValuesAre() {
    qt().withExamples(1000).forAll(cases()).checkAssert(c -> {
      MaskedPair p = masker(c).mask(c.desired(), c.live());
      JsonObject lastApplied = p.live() == null ? null : p.live()
          .annotation(SecretMasker.LAST_APPLIED)
          .filter(t -> t.startsWith("{") && t.endsWith("}"))
          .map(t -> (JsonObject) ManifestLoader.defaults().readDocuments(t, "l.json").get(0))
          .orElse(null);
      for (String key : KEYS) {
        Map<String, String> masks = new HashMap<>();
        put(masks, "d/" + key, p.desired() == null ? null : p.desired().root(), key);
        put(masks, "l/" + key, p.live() == null ? null : p.live().root(), key);
        put(masks, "a/" + key, lastApplied, key);
        for (String x : masks.keySet()) {
          assertThat(masks.get(x)).matches("\\+{8}(\\+{4})*");
          for (String y : masks.keySet()) {
            boolean sameValue = c.normalized().get(x).equals(c.normalized().get(y));
            assertThat(masks.get(x).equals(masks.get(y))).as("%s vs %s", x, y)
                .isEqualTo(sameValue);
          }
        }
      }
    });
  }

  private static void put(Map<String, String> masks, String slot, @Nullable JsonObject root,
      String key) {
    if (root == null) {
      return;
    }
    JsonValue v = root.getObject("data").flatMap(d -> d.get(key)).orElse(null);
    if (v instanceof JsonString s) {
      masks.put(slot, s.value());
    }
  }
}
