package io.gitopskit.git;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Smart HTTP over TLS on a free loopback port: the JDK's {@code HttpsServer} with a self-signed
 * certificate for 127.0.0.1 made with Bouncy Castle, HTTP Basic authentication for one user and
 * token, and Debian's {@code git http-backend} run as a CGI program per request (upload-pack and
 * receive-pack). Every request is recorded ({@link #requests()}); an optional hook runs before a
 * request is served, so a test can hold it. Close it in {@code @AfterAll}.
 */
final class HttpsGitServer implements AutoCloseable {

  static final String BACKEND = "/usr/lib/git-core/git-http-backend";

  /**
   * One request as the server saw it: method, path and query, whether it was let in, and its
   * body (un-gzipped, as ISO-8859-1 text; e.g. {@code command=fetch} and {@code want} lines).
   */
  record Request(String method, String pathAndQuery, boolean authorized, String body) {

    /** Whether this request asks for objects (the step after the refs were read). */
    boolean wantsObjects() {
      return pathAndQuery.endsWith("/git-upload-pack") && body.contains("want ");
    }
  }

  private final HttpsServer server;
  private final ExecutorService pool;
  private final Path root;
  private final String user;
  private volatile String token;
  private final X509Certificate certificate;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile Consumer<Request> beforeServe = r -> { };

  private HttpsGitServer(HttpsServer server, ExecutorService pool, Path root, String user,
      String token, X509Certificate certificate) {
    this.server = server;
    this.pool = pool;
    this.root = root;
    this.user = user;
    this.token = token;
    this.certificate = certificate;
  }

  /**
   * Serves the bare repositories under a directory.
   *
   * @param root the repositories ({@code GIT_PROJECT_ROOT})
   * @param user the one user allowed in
   * @param token the user's token
   */
  static HttpsGitServer serve(Path root, String user, String token) throws Exception {
    KeyPair key = SshGitServer.newKey();
    X509Certificate cert = selfSigned(key);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    char[] pw = "changeit".toCharArray();
    ks.setKeyEntry("server", key.getPrivate(), pw, new X509Certificate[] {cert});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, pw);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), null, null);
    HttpsServer s = HttpsServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    s.setHttpsConfigurator(new HttpsConfigurator(ssl));
    ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "https-git-server");
      t.setDaemon(true);
      return t;
    });
    s.setExecutor(pool);
    HttpsGitServer g = new HttpsGitServer(s, pool, root, user, token, cert);
    s.createContext("/", g::handle);
    s.start();
    return g;
  }

  /** A self-signed certificate for 127.0.0.1 and localhost, valid for a day. */
  static X509Certificate selfSigned(KeyPair key) throws Exception {
    X500Name name = new X500Name("CN=127.0.0.1");
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name,
        BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(1, ChronoUnit.HOURS)),
        Date.from(now.plus(1, ChronoUnit.DAYS)), name, key.getPublic());
    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
        new GeneralName(GeneralName.dNSName, "localhost")}));
    return new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
  }

  /** A certificate in PEM form. */
  static String pem(X509Certificate cert) throws GeneralSecurityException {
    StringWriter w = new StringWriter();
    w.write("-----BEGIN CERTIFICATE-----\n");
    w.write(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(cert.getEncoded()));
    w.write("\n-----END CERTIFICATE-----\n");
    return w.toString();
  }

  /** The server's certificate in PEM form, to trust it as a CA. */
  String certificatePem() throws GeneralSecurityException {
    return pem(certificate);
  }

  int port() {
    return server.getAddress().getPort();
  }

  String url(String repo) {
    return "https://127.0.0.1:" + port() + "/" + repo;
  }

  String urlPrefix() {
    return "https://127.0.0.1:" + port() + "/";
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  void clearRequests() {
    requests.clear();
  }

  /** Runs before each authorized request is served (e.g. to hold it); null for none. */
  void beforeServe(Consumer<Request> hook) {
    this.beforeServe = hook == null ? r -> { } : hook;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String pathAndQuery = ex.getRequestURI().getRawPath()
          + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
      boolean ok = authorized(ex.getRequestHeaders().getFirst("Authorization"));
      byte[] body = ex.getRequestBody().readAllBytes();
      String encoding = ex.getRequestHeaders().getFirst("Content-Encoding");
      byte[] plain = body;
      if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("gzip")) {
        try (InputStream in = new java.util.zip.GZIPInputStream(
            new java.io.ByteArrayInputStream(body))) {
          plain = in.readAllBytes();
        }
      }
      Request req = new Request(ex.getRequestMethod(), pathAndQuery, ok,
          new String(plain, StandardCharsets.ISO_8859_1));
      requests.add(req);
      if (!ok) {
        ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"git\"");
        ex.sendResponseHeaders(401, -1);
        return;
      }
      beforeServe.accept(req);
      cgi(ex, body);
    }
  }

  /**
   * Replaces the token (as a forge does when a token is rotated): from now on only the new one
   * is let in.
   */
  void rotateToken(String newToken) {
    this.token = newToken;
  }

  /**
   * Whether Basic credentials are the user and its token, or the token alone as the user name
   * ({@code https://<token>@host/...}, as GitHub and GitLab accept).
   */
  private boolean authorized(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()),
        StandardCharsets.UTF_8);
    String current = token;
    return decoded.equals(user + ":" + current) || decoded.equals(current + ":");
  }

  /** Runs {@code git http-backend} as CGI: environment in, body on stdin, headers + body out. */
  private void cgi(HttpExchange ex, byte[] requestBody) throws IOException {
    Path body = Files.createTempFile(root.getParent(), "cgi-", ".in");
    try {
      Files.write(body, requestBody);
      ProcessBuilder pb = new ProcessBuilder(BACKEND)
          .redirectInput(body.toFile())
          .redirectError(ProcessBuilder.Redirect.DISCARD);
      Map<String, String> env = pb.environment();
      env.put("GIT_PROJECT_ROOT", root.toString());
      env.put("GIT_HTTP_EXPORT_ALL", "1");
      env.put("PATH_INFO", ex.getRequestURI().getRawPath());
      env.put("REQUEST_METHOD", ex.getRequestMethod());
      env.put("QUERY_STRING", ex.getRequestURI().getRawQuery() == null ? ""
          : ex.getRequestURI().getRawQuery());
      env.put("CONTENT_LENGTH", Long.toString(Files.size(body)));
      env.put("REMOTE_USER", user);
      env.put("REMOTE_ADDR", "127.0.0.1");
      String type = ex.getRequestHeaders().getFirst("Content-Type");
      if (type != null) {
        env.put("CONTENT_TYPE", type);
      }
      String encoding = ex.getRequestHeaders().getFirst("Content-Encoding");
      if (encoding != null) {
        env.put("HTTP_CONTENT_ENCODING", encoding);
      }
      String protocol = ex.getRequestHeaders().getFirst("Git-Protocol");
      if (protocol != null) {
        env.put("GIT_PROTOCOL", protocol);
      }
      Process p = pb.start();
      try (InputStream out = new BufferedInputStream(p.getInputStream())) {
        int status = 200;
        for (String line = readLine(out); !line.isEmpty(); line = readLine(out)) {
          int colon = line.indexOf(':');
          if (colon < 0) {
            continue;
          }
          String name = line.substring(0, colon).trim();
          String value = line.substring(colon + 1).trim();
          if (name.toLowerCase(Locale.ROOT).equals("status")) {
            status = Integer.parseInt(value.split(" ")[0]);
          } else {
            ex.getResponseHeaders().add(name, value);
          }
        }
        ex.sendResponseHeaders(status, 0);
        try (OutputStream resp = ex.getResponseBody()) {
          out.transferTo(resp);
        }
      } finally {
        try {
          p.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        p.destroy();
      }
    } finally {
      Files.deleteIfExists(body);
    }
  }

  /** One CGI header line without its CR LF; empty at the blank line (or end of stream). */
  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  /** All requests' paths (diagnostics in assertion messages). */
  List<String> paths() {
    List<String> out = new ArrayList<>();
    for (Request r : requests) {
      out.add(r.method() + " " + r.pathAndQuery() + (r.authorized() ? "" : " 401"));
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
