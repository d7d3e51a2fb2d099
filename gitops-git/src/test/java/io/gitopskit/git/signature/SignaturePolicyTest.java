package io.gitopskit.git.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SignaturePolicyTest {

  private static SignaturePolicy policy(String... repos) {
    return new SignaturePolicy(List.of(repos), SignaturePolicy.Mode.HEAD,
        List.of("4AEE18F83AFDEB23"), "not parsed here");
  }

  @Test
  void credentialsWrittenIntoTheUrlDoNotTakeARepositoryOutOfThePolicy() {
    SignaturePolicy p = policy("https://git.example.com/team/*");
    assertThat(p.appliesTo("https://git.example.com/team/deploy.git")).isTrue();
    assertThat(p.appliesTo("https://tok@git.example.com/team/deploy.git")).isTrue();
    assertThat(p.appliesTo("https://bot:tok@git.example.com/team/deploy.git")).isTrue();
    assertThat(p.appliesTo("https://bot:t%40k@git.example.com/team/deploy.git")).isTrue();
    assertThat(p.appliesTo("https://git.example.com/other/deploy.git")).isFalse();
  }
}
