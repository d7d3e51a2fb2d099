package io.gitopskit.git;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's {@code git daemon} serving a base directory on a free loopback port, with
 * receive-pack enabled. Close it in {@code @AfterAll}.
 */
final class GitDaemon implements AutoCloseable {

  static final String BINARY = "/usr/lib/git-core/git-daemon";

  private final Process process;
  private final int port;

  private GitDaemon(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static GitDaemon serve(Path baseDir) throws IOException, InterruptedException {
    return serve(baseDir, freePort());
  }

  /** Serves on a given port, e.g. to bring a stopped server back where clients expect it. */
  static GitDaemon serve(Path baseDir, int port) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of(BINARY, "--export-all", "--enable=receive-pack",
        "--base-path=" + baseDir, "--listen=127.0.0.1", "--port=" + port, "--reuseaddr",
        baseDir.toString()))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    GitDaemon d = new GitDaemon(p, port);
    d.awaitListening();
    return d;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Polls until the port accepts connections (bounded: 10 s). */
  private void awaitListening() throws InterruptedException, IOException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("git daemon exited with " + process.exitValue());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.onSpinWait();
        Thread.sleep(5); // readiness poll, not a timed assertion
      }
    }
    close();
    throw new IOException("git daemon did not start listening on " + port);
  }

  String url(String repo) {
    return "git://127.0.0.1:" + port + "/" + repo;
  }

  int port() {
    return port;
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
