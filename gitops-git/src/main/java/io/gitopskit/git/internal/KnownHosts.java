package io.gitopskit.git.internal;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

/**
 * Strict host key checking against given {@code known_hosts} lines: a server is accepted only
 * when one of its keys is listed for its host (and port); nothing is ever added or asked.
 */
final class KnownHosts implements ServerKeyDatabase {

  private final List<KnownHostEntry> entries;

  KnownHosts(String knownHosts) {
    try {
      this.entries = List.copyOf(
          KnownHostEntry.readKnownHostEntries(new StringReader(knownHosts), true));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("known_hosts lines cannot be parsed", e);
    }
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("known_hosts lines hold no host key");
    }
  }

  @Override
  public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress,
      Configuration config) {
    List<PublicKey> keys = new ArrayList<>();
    String host = host(connectAddress);
    int port = port(connectAddress, remoteAddress);
    for (KnownHostEntry e : entries) {
      if (e.getMarker() == null && e.isHostMatch(host, port)) {
        PublicKey k = key(e);
        if (k != null) {
          keys.add(k);
        }
      }
    }
    return keys;
  }

  @Override
  public boolean accept(String connectAddress, InetSocketAddress remoteAddress,
      PublicKey serverKey, Configuration config, CredentialsProvider provider) {
    for (PublicKey k : lookup(connectAddress, remoteAddress, config)) {
      if (KeyUtils.compareKeys(k, serverKey)) {
        return true;
      }
    }
    return false;
  }

  private static PublicKey key(KnownHostEntry e) {
    try {
      return e.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
    } catch (IOException | GeneralSecurityException ex) {
      return null;
    }
  }

  private static String host(String connectAddress) {
    if (connectAddress.startsWith("[")) {
      int end = connectAddress.indexOf(']');
      return end < 0 ? connectAddress : connectAddress.substring(1, end);
    }
    return connectAddress;
  }

  private static int port(String connectAddress, InetSocketAddress remote) {
    if (connectAddress.startsWith("[")) {
      int colon = connectAddress.lastIndexOf("]:");
      if (colon > 0) {
        try {
          return Integer.parseInt(connectAddress.substring(colon + 2));
        } catch (NumberFormatException e) {
          return remote.getPort();
        }
      }
    }
    return 22;
  }
}
