package io.gitopskit.git.internal;

import io.gitopskit.git.GitException;
import io.gitopskit.git.signature.SignaturePolicy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.jspecify.annotations.Nullable;

/**
 * Verifies OpenPGP signatures of Git commits and tags with Bouncy Castle against a policy's
 * public keys and allowed key list. Immutable and thread-safe. Not API.
 */
public final class OpenPgpVerifier {

  private static final byte[] BEGIN_SIGNATURE =
      "-----BEGIN PGP SIGNATURE-----".getBytes(StandardCharsets.US_ASCII);

  /** How far in the future a signature may be dated, for clocks that are slightly off. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

  private final PGPPublicKeyRingCollection keys;
  private final List<String> allowed;

  /**
   * Creates a verifier for a policy.
   *
   * @param policy the policy
   * @throws IllegalArgumentException if the public keys cannot be read
   */
  public OpenPgpVerifier(SignaturePolicy policy) {
    try {
      PGPPublicKeyRingCollection all = new PGPPublicKeyRingCollection(List.of());
      // one or more ASCII-armored blocks (a decoder stream reads only the first), or binary
      String text = policy.publicKeys();
      String marker = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
      List<String> blocks = new java.util.ArrayList<>();
      if (text.contains(marker)) {
        for (int at = text.indexOf(marker); at >= 0; ) {
          int next = text.indexOf(marker, at + marker.length());
          blocks.add(next < 0 ? text.substring(at) : text.substring(at, next));
          at = next;
        }
      } else {
        blocks.add(text);
      }
      for (String block : blocks) {
        PGPPublicKeyRingCollection part = new PGPPublicKeyRingCollection(
            PGPUtil.getDecoderStream(new ByteArrayInputStream(
                block.getBytes(StandardCharsets.UTF_8))), new BcKeyFingerprintCalculator());
        for (PGPPublicKeyRing ring : part) {
          if (!all.contains(ring.getPublicKey().getKeyID())) {
            all = PGPPublicKeyRingCollection.addPublicKeyRing(all, ring);
          }
        }
      }
      this.keys = all;
    } catch (IOException | PGPException | IllegalArgumentException e) {
      throw new IllegalArgumentException("the signature policy's public keys cannot be read: "
          + e.getMessage(), e);
    }
    this.allowed = policy.allowedKeys();
  }

  /**
   * Checks a signed object.
   *
   * @param what for messages, e.g. {@code commit 1a2b3c...}
   * @param payload the signed bytes
   * @param signature the armored signature, or null when unsigned
   * @throws GitException.SignatureRejected with the reason when the check fails
   */
  public void verify(String what, byte[] payload, byte @Nullable [] signature) {
    if (signature == null || signature.length == 0) {
      throw new GitException.SignatureRejected(what + " is not signed");
    }
    PGPSignature sig;
    try {
      BcPGPObjectFactory f = new BcPGPObjectFactory(
          PGPUtil.getDecoderStream(new ByteArrayInputStream(signature)));
      Object o = f.nextObject();
      if (!(o instanceof PGPSignatureList) || ((PGPSignatureList) o).isEmpty()) {
        throw new GitException.SignatureRejected(
            what + " carries a signature that is not an OpenPGP signature");
      }
      sig = ((PGPSignatureList) o).get(0);
    } catch (IOException e) {
      throw new GitException.SignatureRejected(
          what + " carries a signature that cannot be parsed");
    }
    long keyId = sig.getKeyID();
    String keyHex = hex(keyId);
    PGPPublicKey key = keys.getPublicKey(keyId);
    if (key == null) {
      throw new GitException.SignatureRejected(
          what + " is signed with key " + keyHex + ", which is not among the known public keys");
    }
    boolean valid;
    try {
      sig.init(new BcPGPContentVerifierBuilderProvider(), key);
      sig.update(payload);
      valid = sig.verify();
    } catch (PGPException e) {
      valid = false;
    }
    if (!valid) {
      throw new GitException.SignatureRejected(
          what + " has a bad signature: it does not verify with key " + keyHex);
    }
    checkKeyValidity(what, sig, key);
    if (!isAllowed(key)) {
      throw new GitException.SignatureRejected(
          what + " is signed with key " + keyHex + ", which is not in the allowed key list");
    }
  }

  /**
   * Refuses a signature whose key (or the key's primary key) is revoked, has expired (now, as
   * gpg judges it), or was created after the signature; and a signature dated in the future. gpg
   * reports these as REVKEYSIG / EXPKEYSIG / a time conflict, which Argo CD does not accept.
   */
  private void checkKeyValidity(String what, PGPSignature sig, PGPPublicKey key) {
    Instant made = sig.getCreationTime().toInstant();
    if (made.isAfter(Instant.now().plus(CLOCK_SKEW))) {
      throw new GitException.SignatureRejected(what + ": signature made in the future ("
          + made + ", key " + hex(key.getKeyID()) + ")");
    }
    PGPPublicKeyRing ring = keys.getPublicKeyRing(key.getKeyID());
    PGPPublicKey primary = ring == null ? key : ring.getPublicKey();
    List<PGPPublicKey> chain = primary.getKeyID() == key.getKeyID()
        ? List.of(key) : List.of(primary, key);
    for (PGPPublicKey k : chain) {
      String id = hex(k.getKeyID());
      if (isRevoked(k, primary)) {
        throw new GitException.SignatureRejected(what + ": key " + id + " is revoked");
      }
      Instant created = k.getCreationTime().toInstant();
      if (made.isBefore(created)) {
        throw new GitException.SignatureRejected(what
            + ": signature made before the key was created (signature " + made + ", key " + id
            + " created " + created + ")");
      }
      long validSeconds = k.getValidSeconds();
      if (validSeconds > 0) {
        // judged now, as gpg's EXPKEYSIG: the signer chooses the signature's date, so judging
        // at that date would let whoever holds an expired key backdate a signature
        Instant expires = created.plusSeconds(validSeconds);
        if (!Instant.now().isBefore(expires)) {
          throw new GitException.SignatureRejected(
              what + ": key " + id + " expired on " + expires);
        }
      }
    }
  }

  /** Whether a key carries a revocation signature that verifies with its primary key. */
  private static boolean isRevoked(PGPPublicKey key, PGPPublicKey primary) {
    boolean isPrimary = key.getKeyID() == primary.getKeyID();
    int type = isPrimary ? PGPSignature.KEY_REVOCATION : PGPSignature.SUBKEY_REVOCATION;
    Iterator<PGPSignature> it = key.getSignaturesOfType(type);
    while (it.hasNext()) {
      PGPSignature rev = it.next();
      if (rev.getKeyID() != primary.getKeyID()) {
        continue; // designated revokers are not supported: only the key's own revocation counts
      }
      try {
        rev.init(new BcPGPContentVerifierBuilderProvider(), primary);
        if (isPrimary ? rev.verifyCertification(key) : rev.verifyCertification(primary, key)) {
          return true;
        }
      } catch (PGPException e) {
        // a revocation signature that cannot be checked does not revoke
      }
    }
    return false;
  }

  private boolean isAllowed(PGPPublicKey key) {
    if (matches(key)) {
      return true;
    }
    PGPPublicKeyRing ring = keys.getPublicKeyRing(key.getKeyID());
    return ring != null && matches(ring.getPublicKey());
  }

  private boolean matches(PGPPublicKey key) {
    String fp = HexFormat.of().formatHex(key.getFingerprint()).toUpperCase(Locale.ROOT);
    String id = hex(key.getKeyID());
    for (String a : allowed) {
      if (fp.equals(a) || id.equals(a) || (a.length() == 8 && id.endsWith(a))) {
        return true;
      }
    }
    return false;
  }

  private static String hex(long keyId) {
    return String.format(Locale.ROOT, "%016X", keyId);
  }

  /**
   * The signed part of a raw commit: every header but {@code gpgsig} (and its continuation
   * lines), and the message.
   *
   * @param raw the commit's raw bytes
   * @return the payload
   */
  public static byte[] commitPayload(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
    int i = 0;
    boolean skipping = false;
    while (i < raw.length) {
      int end = i;
      while (end < raw.length && raw[end] != '\n') {
        end++;
      }
      int next = Math.min(raw.length, end + 1);
      if (end == i) { // blank line: the message follows, copy the rest verbatim
        out.write(raw, i, raw.length - i);
        break;
      }
      if (raw[i] == ' ' && skipping) {
        i = next;
        continue;
      }
      skipping = startsWith(raw, i, "gpgsig ") || startsWith(raw, i, "gpgsig-sha256 ");
      if (!skipping) {
        out.write(raw, i, next - i);
      }
      i = next;
    }
    return out.toByteArray();
  }

  /**
   * The signed part of a raw annotated tag: everything before its signature block.
   *
   * @param raw the tag's raw bytes
   * @return the payload and the signature, or empty when unsigned
   */
  public static Optional<byte[][]> tagPayload(byte[] raw) {
    for (int i = raw.length - BEGIN_SIGNATURE.length; i >= 0; i--) {
      if ((i == 0 || raw[i - 1] == '\n') && startsWith(raw, i, BEGIN_SIGNATURE)) {
        byte[] payload = java.util.Arrays.copyOfRange(raw, 0, i);
        byte[] sig = java.util.Arrays.copyOfRange(raw, i, raw.length);
        return Optional.of(new byte[][] {payload, sig});
      }
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] raw, int at, String prefix) {
    return startsWith(raw, at, prefix.getBytes(StandardCharsets.US_ASCII));
  }

  private static boolean startsWith(byte[] raw, int at, byte[] prefix) {
    if (at + prefix.length > raw.length) {
      return false;
    }
    for (int j = 0; j < prefix.length; j++) {
      if (raw[at + j] != prefix[j]) {
        return false;
      }
    }
    return true;
  }

}
