package io.gitopskit.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.source.SourceRef;
import io.gitopskit.git.signature.SignaturePolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.GpgSignature;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OpenPGP commit and tag signatures made with Bouncy Castle keys, checked by GitSource. */
class SignatureVerificationTest {

  @TempDir static Path base;
  static GitDaemon daemon;
  static TestPgpKey trusted;
  static TestPgpKey known;
  static TestPgpKey stranger;
  static String unsignedRoot;
  static String signedHead;
  static String unsignedBranch;
  static String strangerBranch;
  static String knownBranch;
  static String forged;
  static TestPgpKey expiring;
  static TestPgpKey longLived;
  static TestPgpKey notYetRevoked;
  static TestPgpKey revoked;
  static String expiredCommit;
  static String beforeExpiryCommit;
  static String longLivedCommit;
  static String revokedCommit;
  static String backdatedCommit;
  static String futureCommit;

  @BeforeAll
  static void setUp() throws Exception {
    trusted = TestPgpKey.generate("Trusted <t@example.com>");
    known = TestPgpKey.generate("Known <k@example.com>");
    stranger = TestPgpKey.generate("Stranger <s@example.com>");
    Path served = Files.createDirectories(base.resolve("served"));
    try (Repository r = Repos.bare(served.resolve("signed.git"))) {
      unsignedRoot = Repos.commit(r, "main", Map.of("app/a.yaml", "a: 1"), "unsigned root");
      signedHead = Repos.commit(r, "main", Map.of("app/a.yaml", "a: 2"), "signed", trusted, "");
      Repos.annotatedTag(r, "v1.0.0", unsignedRoot, trusted, "");
      Repos.annotatedTag(r, "v0.9.0", unsignedRoot, null, null);
      Repos.lightweightTag(r, "light", unsignedRoot);
      unsignedBranch = Repos.commit(r, "unsigned", Map.of("app/a.yaml", "u"), "nope");
      strangerBranch = Repos.commit(r, "stranger", Map.of("app/a.yaml", "s"), "x", stranger, "");
      knownBranch = Repos.commit(r, "known", Map.of("app/a.yaml", "k"), "x", known, "");
      forged = forge(r, "forged");
    }
    expiring = TestPgpKey.generate("Expiring <e@example.com>", 86_400);
    longLived = TestPgpKey.generate("Long <l@example.com>", 100L * 365 * 86_400);
    notYetRevoked = TestPgpKey.generate("Revoked <r@example.com>");
    revoked = notYetRevoked.revoked();
    Date now = new Date();
    try (Repository r = Repos.bare(served.resolve("validity.git"))) {
      Map<String, String> files = Map.of("app/a.yaml", "a: 1");
      Repos.commit(r, "main", files, "HEAD for fetching");
      expiredCommit = Repos.commit(r, "expired", files, "x", expiring, "");
      beforeExpiryCommit = Repos.commit(r, "before-expiry", files, "x",
          expiring.signingAt(new Date(TestPgpKey.CREATED.getTime() + 3_600_000L)), "");
      longLivedCommit = Repos.commit(r, "long-lived", files, "x", longLived, "");
      revokedCommit = Repos.commit(r, "revoked", files, "x", revoked, "");
      backdatedCommit = Repos.commit(r, "backdated", files, "x",
          trusted.signingAt(new Date(1_600_000_000_000L)), "");
      futureCommit = Repos.commit(r, "future", files, "x",
          trusted.signingAt(new Date(now.getTime() + 365L * 86_400_000L)), "");
    }
    daemon = GitDaemon.serve(served);
  }

  /** A commit whose signature was made over other content. */
  private static String forge(Repository r, String branch) throws Exception {
    PersonIdent who = new PersonIdent("Eve", "eve@example.com");
    CommitBuilder cb = new CommitBuilder();
    cb.setTreeId(r.parseCommit(ObjectId.fromString(signedHead)).getTree());
    cb.setAuthor(who);
    cb.setCommitter(who);
    cb.setMessage("looks signed\n");
    GpgSignature sig = trusted.sign(r, null, "something else".getBytes(), who, "", null);
    cb.setGpgSignature(sig);
    try (ObjectInserter ins = r.newObjectInserter()) {
      ObjectId id = ins.insert(cb);
      ins.flush();
      RefUpdate u = r.updateRef(Constants.R_HEADS + branch);
      u.setNewObjectId(id);
      u.forceUpdate();
      return id.name();
    }
  }

  @AfterAll
  static void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  private static GitSource source(Path cache, SignaturePolicy policy) {
    return GitSource.builder().cacheDirectory(cache).retry(RetryPolicy.none())
        .signaturePolicy(policy).build();
  }

  private static SignaturePolicy head() throws Exception {
    return SignaturePolicy.forAllRepos(SignaturePolicy.Mode.HEAD, List.of(trusted.keyId()),
        trusted.armoredPublicKey() + known.armoredPublicKey());
  }

  @Test
  void aCommitSignedByAnAllowedKeyIsAccepted(@TempDir Path cache) throws Exception {
    try (GitSource git = source(cache, head())) {
      assertThat(git.resolve(SourceRef.of(daemon.url("signed.git"), "app")).revision())
          .isEqualTo(signedHead);
    }
    assertThat(commitAcceptedBy(cache.resolve("fp"), trusted.fingerprint(), trusted,
        daemon.url("signed.git"), "main")).isEqualTo(signedHead);
  }

  /** The commit a revision resolves to under a HEAD policy allowing one key of one keyring. */
  private static String commitAcceptedBy(Path cache, String allowedKey, TestPgpKey keyring,
      String url, String revision) throws Exception {
    SignaturePolicy policy = SignaturePolicy.forAllRepos(SignaturePolicy.Mode.HEAD,
        List.of(allowedKey), keyring.armoredPublicKey());
    try (GitSource git = source(cache, policy)) {
      return git.resolveRevision(url, revision).commit();
    }
  }

  @Test
  void unsignedAndWronglySignedCommitsAreRefusedWithAReason(@TempDir Path cache)
      throws Exception {
    String url = daemon.url("signed.git");
    try (GitSource git = source(cache, head())) {
      assertThatThrownBy(() -> git.resolve(new SourceRef(url, "app", "unsigned")))
          .isInstanceOf(GitException.SignatureRejected.class)
          .hasMessage("commit " + unsignedBranch + " is not signed");
      assertThatThrownBy(() -> git.resolve(new SourceRef(url, "app", "stranger")))
          .isInstanceOf(GitException.SignatureRejected.class)
          .hasMessageContaining("not among the known public keys");
      assertThatThrownBy(() -> git.resolve(new SourceRef(url, "app", "known")))
          .isInstanceOf(GitException.SignatureRejected.class)
          .hasMessageContaining(known.keyId())
          .hasMessageContaining("not in the allowed key list");
      assertThatThrownBy(() -> git.resolve(new SourceRef(url, "app", "forged")))
          .isInstanceOf(GitException.SignatureRejected.class)
          .hasMessageContaining("bad signature");
      assertThatThrownBy(() -> git.resolve(new SourceRef(url, "app", "light")))
          .isInstanceOf(GitException.SignatureRejected.class)
          .hasMessageContaining(unsignedRoot);
    }
  }

  @Test
  void anAnnotatedTagIsJudgedByItsOwnSignatureInHeadMode(@TempDir Path cache) throws Exception {
    String url = daemon.url("signed.git");
    try (GitSource git = source(cache, head())) {
      assertThat(git.resolveRevision(url, "v1.0.0").commit()).isEqualTo(unsignedRoot);
      assertThatThrownBy(() -> git.resolveRevision(url, "v0.9.0"))
          .isInstanceOf(GitException.SignatureRejected.class)
          .hasMessageContaining("tag v0.9.0").hasMessageContaining("not signed");
    }
  }

  private static SignaturePolicy allKeys() throws Exception {
    List<TestPgpKey> all = List.of(trusted, expiring, longLived, revoked);
    StringBuilder armored = new StringBuilder();
    for (TestPgpKey k : all) {
      armored.append(k.armoredPublicKey());
    }
    return SignaturePolicy.forAllRepos(SignaturePolicy.Mode.HEAD,
        all.stream().map(TestPgpKey::keyId).toList(), armored.toString());
  }

  @Test
  void aSignatureByAnExpiredKeyIsRefusedEvenWhenDatedBeforeTheExpiry(@TempDir Path cache)
      throws Exception {
    String url = daemon.url("validity.git");
    try (GitSource git = source(cache, allKeys())) {
      // the key was created 2023-11-14T22:13:20Z and expired one day later; as gpg's EXPKEYSIG,
      // expiry is judged now, so a signature dated before it (the signer picks the date) is no
      // way around it
      assertThatThrownBy(() -> git.resolveRevision(url, "expired"))
          .isInstanceOf(GitException.SignatureRejected.class)
          .hasMessage("commit " + expiredCommit + ": key " + expiring.keyId()
              + " expired on 2023-11-15T22:13:20Z");
      assertThatThrownBy(() -> git.resolveRevision(url, "before-expiry"))
          .isInstanceOf(GitException.SignatureRejected.class)
          .hasMessage("commit " + beforeExpiryCommit + ": key " + expiring.keyId()
              + " expired on 2023-11-15T22:13:20Z");
      assertThat(git.resolveRevision(url, "long-lived").commit()).isEqualTo(longLivedCommit);
    }
  }

  @Test
  void aSignatureByARevokedKeyIsRefused(@TempDir Path cache) throws Exception {
    try (GitSource git = source(cache, allKeys())) {
      assertThatThrownBy(() -> git.resolveRevision(daemon.url("validity.git"), "revoked"))
          .isInstanceOf(GitException.SignatureRejected.class)
          .hasMessage("commit " + revokedCommit + ": key " + revoked.keyId() + " is revoked");
    }
    // the same commit is accepted when the keyring lacks the revocation signature
    assertThat(commitAcceptedBy(cache.resolve("before"), notYetRevoked.keyId(), notYetRevoked,
        daemon.url("validity.git"), "revoked")).isEqualTo(revokedCommit);
  }

  @Test
  void aSignatureMadeBeforeTheKeyExistedOrInTheFutureIsRefused(@TempDir Path cache)
      throws Exception {
    String url = daemon.url("validity.git");
    try (GitSource git = source(cache, allKeys())) {
      assertThatThrownBy(() -> git.resolveRevision(url, "backdated"))
          .isInstanceOf(GitException.SignatureRejected.class)
          .hasMessageStartingWith("commit " + backdatedCommit
              + ": signature made before the key was created")
          .hasMessageContaining(trusted.keyId());
      assertThatThrownBy(() -> git.resolveRevision(url, "future"))
          .isInstanceOf(GitException.SignatureRejected.class)
          .hasMessageStartingWith("commit " + futureCommit + ": signature made in the future");
    }
  }

  @Test
  void strictModeChecksTheWholeHistory(@TempDir Path cache) throws Exception {
    SignaturePolicy strict = SignaturePolicy.forAllRepos(SignaturePolicy.Mode.STRICT,
        List.of(trusted.keyId()), trusted.armoredPublicKey());
    try (GitSource git = source(cache, strict)) {
      assertThatThrownBy(() -> git.resolveRevision(daemon.url("signed.git"), "main"))
          .isInstanceOf(GitException.SignatureRejected.class)
          .hasMessage("commit " + unsignedRoot + " is not signed");
    }
  }

  @Test
  void aPolicyAppliesOnlyToTheRepositoriesItSelects(@TempDir Path cache) throws Exception {
    SignaturePolicy elsewhere = new SignaturePolicy(List.of("*", "!" + daemon.url("*")),
        SignaturePolicy.Mode.HEAD, List.of(trusted.keyId()), trusted.armoredPublicKey());
    try (GitSource git = source(cache, elsewhere)) {
      assertThat(git.resolveRevision(daemon.url("signed.git"), "unsigned").commit())
          .isEqualTo(unsignedBranch);
    }
  }

  @Test
  void aNonePolicyThatSelectsARepositoryIsTheOneThatApplies(@TempDir Path cache)
      throws Exception {
    // only the first policy selecting a repository applies (Argo CD): mode none opts it out
    SignaturePolicy optOut = new SignaturePolicy(List.of(daemon.url("*")),
        SignaturePolicy.Mode.NONE, List.of(), "");
    try (GitSource git = GitSource.builder().cacheDirectory(cache).retry(RetryPolicy.none())
        .signaturePolicy(optOut).signaturePolicy(head()).build()) {
      assertThat(git.resolveRevision(daemon.url("signed.git"), "unsigned").commit())
          .isEqualTo(unsignedBranch);
    }
  }

  @Test
  void theVerifierSeesTheSameSignedPayloadAsGit() throws Exception {
    // git CLI: the commit object minus its gpgsig header is what was signed
    try (Repository r = new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
        .setGitDir(base.resolve("served/signed.git").toFile()).build();
        RevWalk walk = new RevWalk(r)) {
      RevCommit c = walk.parseCommit(ObjectId.fromString(signedHead));
      String payload = new String(
          io.gitopskit.git.internal.OpenPgpVerifier.commitPayload(c.getRawBuffer()),
          java.nio.charset.StandardCharsets.UTF_8);
      assertThat(payload).doesNotContain("gpgsig").doesNotContain("PGP SIGNATURE")
          .startsWith("tree ").endsWith("\nsigned");
      String cat = Repos.git(base.resolve("served/signed.git"), "cat-file", "commit", signedHead);
      assertThat(cat).contains("gpgsig -----BEGIN PGP SIGNATURE-----");
    }
  }
}
