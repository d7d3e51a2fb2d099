package io.gitopskit.git.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Secrets carried in a URL's user-info: found, masked wherever quoted, absent from the key. */
class RedactionTest {

  /** The text around the token in the property, which a token must not be part of. */
  private static final String SKELETON =
      "failed to fetch https://***@git.example.com/o/r.git: token  () was refused";

  @Test
  void findsAPasswordOrALoneHttpToken() {
    assertThat(Redaction.urlSecrets("https://ghp_abc123@git.example.com/o/r.git"))
        .containsExactly("ghp_abc123");
    assertThat(Redaction.text("fetch https://ghp_abc123@git.example.com/o/r.git: ghp_abc123",
        Redaction.urlSecrets("https://ghp_abc123@git.example.com/o/r.git")))
        .isEqualTo("fetch https://***@git.example.com/o/r.git: ***");
    assertThat(Redaction.urlSecrets("https://oauth2:glpat-xyz@git.example.com/o/r.git"))
        .containsExactly("glpat-xyz");
    assertThat(Redaction.urlSecrets("https://bot:p%40ss@h/r")).containsExactly("p%40ss", "p@ss");
    // a user name alone is no secret outside HTTP(S)
    assertThat(Redaction.urlSecrets("ssh://git@git.example.com/o/r.git")).isEmpty();
    assertThat(Redaction.urlSecrets("https://git.example.com/o/r.git")).isEmpty();
  }

  @Test
  void aTokenInTheUrlIsMaskedWhereverItIsQuotedAndNeverInTheKey() {
    qt().forAll(strings().betweenCodePoints(0x21, 0x7e).ofLengthBetween(4, 40))
        .assuming(t -> !t.contains("*") && !SKELETON.contains(t))
        .checkAssert(token -> {
          String enc = URLEncoder.encode(token, StandardCharsets.UTF_8);
          String url = "https://" + enc + "@git.example.com/o/r.git";
          String quoted = "failed to fetch " + url + ": token " + enc + " (" + token
              + ") was refused";
          String masked = Redaction.text(quoted, Redaction.urlSecrets(url));
          assertThat(masked).doesNotContain(enc).doesNotContain(token);
          assertThat(Redaction.cacheKey(url)).isEqualTo("https://git.example.com/o/r.git");
        });
  }
}
