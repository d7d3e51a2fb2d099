package io.gitopskit.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.Locale;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.GpgSignature;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.Signer;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.jspecify.annotations.Nullable;

/**
 * An OpenPGP key generated with Bouncy Castle (no gpg binary) that signs Git objects through
 * JGit's {@link Signer} interface.
 */
final class TestPgpKey implements Signer {

  /** When every generated key was created: 2023-11-14T22:13:20Z. */
  static final Date CREATED = new Date(1_700_000_000_000L);

  private final PGPPublicKeyRing publicRing;
  private final PGPPrivateKey privateKey;
  private final @Nullable Date signingTime;

  private TestPgpKey(PGPPublicKeyRing publicRing, PGPPrivateKey privateKey,
      @Nullable Date signingTime) {
    this.publicRing = publicRing;
    this.privateKey = privateKey;
    this.signingTime = signingTime;
  }

  static TestPgpKey generate(String userId) throws Exception {
    return generate(userId, 0);
  }

  /**
   * A key created at {@link #CREATED} whose self-signature carries a key-expiration-time
   * subpacket.
   *
   * @param expirySeconds seconds after creation the key expires; 0 for never
   */
  static TestPgpKey generate(String userId, long expirySeconds) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    PGPKeyPair kp = new JcaPGPKeyPair(PublicKeyAlgorithmTags.ECDSA, g.generateKeyPair(),
        CREATED);
    PGPSignatureSubpacketVector hashed = null;
    if (expirySeconds > 0) {
      PGPSignatureSubpacketGenerator sub = new PGPSignatureSubpacketGenerator();
      sub.setKeyExpirationTime(false, expirySeconds);
      hashed = sub.generate();
    }
    PGPKeyRingGenerator gen = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, kp,
        userId, new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA1),
        hashed, null,
        new JcaPGPContentSignerBuilder(PublicKeyAlgorithmTags.ECDSA, HashAlgorithmTags.SHA256),
        null);
    return new TestPgpKey(gen.generatePublicKeyRing(), kp.getPrivateKey(), null);
  }

  /** The same key with a key revocation signature (made by itself) in its public ring. */
  TestPgpKey revoked() throws Exception {
    PGPPublicKey pub = publicRing.getPublicKey();
    PGPSignatureGenerator g = new PGPSignatureGenerator(
        new JcaPGPContentSignerBuilder(pub.getAlgorithm(), HashAlgorithmTags.SHA256), pub);
    g.init(PGPSignature.KEY_REVOCATION, privateKey);
    PGPPublicKey withRevocation = PGPPublicKey.addCertification(pub,
        g.generateCertification(pub));
    return new TestPgpKey(PGPPublicKeyRing.insertPublicKey(publicRing, withRevocation),
        privateKey, signingTime);
  }

  /** The same key, making signatures that claim the given creation time. */
  TestPgpKey signingAt(Date time) {
    return new TestPgpKey(publicRing, privateKey, time);
  }

  String keyId() {
    return String.format(Locale.ROOT, "%016X", publicRing.getPublicKey().getKeyID());
  }

  String fingerprint() {
    return java.util.HexFormat.of().formatHex(publicRing.getPublicKey().getFingerprint())
        .toUpperCase(Locale.ROOT);
  }

  String armoredPublicKey() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArmoredOutputStream armor = new ArmoredOutputStream(out)) {
      publicRing.encode(armor);
    }
    return out.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public GpgSignature sign(Repository repository, GpgConfig config, byte[] data,
      PersonIdent committer, String signingKey, CredentialsProvider credentialsProvider)
      throws IOException {
    try {
      PGPPublicKey pub = publicRing.getPublicKey();
      PGPSignatureGenerator g = new PGPSignatureGenerator(
          new JcaPGPContentSignerBuilder(pub.getAlgorithm(), HashAlgorithmTags.SHA256), pub);
      g.init(PGPSignature.BINARY_DOCUMENT, privateKey);
      if (signingTime != null) {
        PGPSignatureSubpacketGenerator sub = new PGPSignatureSubpacketGenerator();
        sub.setSignatureCreationTime(false, signingTime);
        g.setHashedSubpackets(sub.generate());
      }
      g.update(data);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ArmoredOutputStream armor = new ArmoredOutputStream(out)) {
        g.generate().encode(armor);
      }
      return new GpgSignature(out.toByteArray());
    } catch (org.bouncycastle.openpgp.PGPException e) {
      throw new IOException(e);
    }
  }

  @Override
  public boolean canLocateSigningKey(Repository repository, GpgConfig config,
      PersonIdent committer, String signingKey, CredentialsProvider credentialsProvider) {
    return true;
  }
}
