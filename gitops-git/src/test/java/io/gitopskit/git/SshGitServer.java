package io.gitopskit.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;

/**
 * An SSH server (Apache MINA sshd) on a free loopback port that runs JGit's upload-pack and
 * receive-pack for {@code git-upload-pack '/repo.git'} commands, accepting one client key.
 */
final class SshGitServer implements AutoCloseable {

  private final SshServer server;
  private final KeyPair hostKey;

  private SshGitServer(SshServer server, KeyPair hostKey) {
    this.server = server;
    this.hostKey = hostKey;
  }

  static KeyPair newKey() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  static String openSsh(KeyPair key) throws IOException, GeneralSecurityException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "test", null, out);
    return out.toString(StandardCharsets.US_ASCII);
  }

  static SshGitServer start(Path baseDir, PublicKey clientKey) throws Exception {
    KeyPair hostKey = newKey();
    SshServer s = SshServer.setUpDefaultServer();
    s.setHost("127.0.0.1");
    s.setPort(0);
    s.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    s.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, clientKey));
    s.setPasswordAuthenticator(null);
    s.setKeyboardInteractiveAuthenticator(null);
    s.setCommandFactory((channel, command) -> new GitCommand(baseDir, command));
    s.start();
    return new SshGitServer(s, hostKey);
  }

  int port() {
    return server.getPort();
  }

  String url(String repo) {
    return "ssh://git@127.0.0.1:" + port() + "/" + repo;
  }

  String knownHostsLine() {
    return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }

  /** One git-upload-pack or git-receive-pack run. */
  private static final class GitCommand implements Command {
    private final Path baseDir;
    private final String command;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private Thread thread;

    GitCommand(Path baseDir, String command) {
      this.baseDir = baseDir;
      this.command = command;
    }

    @Override
    public void setInputStream(InputStream value) {
      in = value;
    }

    @Override
    public void setOutputStream(OutputStream value) {
      out = value;
    }

    @Override
    public void setErrorStream(OutputStream value) {
      err = value;
    }

    @Override
    public void setExitCallback(ExitCallback value) {
      exit = value;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      thread = new Thread(this::run, "ssh-git-command");
      thread.setDaemon(true);
      thread.start();
    }

    private void run() {
      List<String> args = org.apache.sshd.server.command.CommandFactory.split(command);
      int status = 0;
      String repoPath = args.size() == 2 ? args.get(1).replace("'", "") : "";
      while (repoPath.startsWith("/")) {
        repoPath = repoPath.substring(1);
      }
      try (Repository repo = new FileRepositoryBuilder()
          .setGitDir(baseDir.resolve(repoPath).toFile()).setMustExist(true).build()) {
        if (args.get(0).equals("git-upload-pack")) {
          new UploadPack(repo).upload(in, out, err);
        } else if (args.get(0).equals("git-receive-pack")) {
          new ReceivePack(repo).receive(in, out, err);
        } else {
          status = 127;
        }
      } catch (IOException | RuntimeException e) {
        status = 1;
      } finally {
        try {
          out.flush();
          err.flush();
        } catch (IOException ignored) {
          // the channel is gone
        }
        exit.onExit(status);
      }
    }

    @Override
    public void destroy(ChannelSession channel) {
      if (thread != null) {
        thread.interrupt();
      }
    }
  }
}
