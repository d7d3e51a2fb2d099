package io.gitopskit.examples;

import io.gitopskit.core.source.ManifestSource;
import io.gitopskit.core.source.SourceRef;
import io.gitopskit.git.GitSource;
import io.gitopskit.testkit.git.Commit;
import io.gitopskit.testkit.git.TestGitRepo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * The demo's Git server: a local bare repository standing in for {@value #URL}.
 *
 * <p>The files of {@code demo/repo} are committed once into a seed repository (fixed author and
 * date, so the commit id is the same on every run) and cloned bare; {@link
 * io.gitopskit.git.GitSource} reads and {@link io.gitopskit.git.GitWriter} pushes through its
 * {@code file://} URL. The
 * applications keep the public URL; {@link #local(String)} maps it, as git's {@code insteadOf}
 * would.
 */
final class DemoRepo {

  /** The repository URL the applications, the project and the ApplicationSet name. */
  static final String URL = "https://git.example.com/shop/deploy.git";

  /** The branch everything tracks. */
  static final String BRANCH = "main";

  private final String localUrl;
  private final Commit initial;
  private final int files;

  private DemoRepo(String localUrl, Commit initial, int files) {
    this.localUrl = localUrl;
    this.initial = initial;
    this.files = files;
  }

  /**
   * Commits the files of a directory into a new repository and serves it bare.
   *
   * @param content the directory whose files become the first commit
   * @param workDir where the seed and the bare repository are created
   * @return the repository
   */
  static DemoRepo create(Path content, Path workDir) {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(content)) {
      paths = walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the demo repository files in " + content, e);
    }
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("no files in " + content);
    }
    Path origin = workDir.resolve("origin.git");
    Commit first;
    try (TestGitRepo seed = TestGitRepo.builder().directory(workDir.resolve("seed"))
        .author("Shop Platform", "platform@example.com").create()) {
      for (Path p : paths) {
        seed.file(content.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
      first = seed.commit("shop: web on dev, staging and prod");
      Git.cloneRepository().setURI(seed.uri()).setDirectory(origin.toFile()).setBare(true)
          .call().close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the demo repository in " + workDir, e);
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot clone the demo repository: " + e.getMessage(), e);
    }
    return new DemoRepo(origin.toUri().toString(), first, paths.size());
  }

  /** @return the first commit */
  Commit initial() {
    return initial;
  }

  /** @return how many files the first commit holds */
  int files() {
    return files;
  }

  /** @return the {@code file://} URL of the bare repository */
  String localUrl() {
    return localUrl;
  }

  /**
   * Where a repository URL is served from.
   *
   * @param url a URL from an Application, AppProject or ApplicationSet
   * @return the local URL for {@value #URL}, any other URL unchanged
   */
  String local(String url) {
    return url.equals(URL) ? localUrl : url;
  }

  /**
   * A {@link ManifestSource} that reads {@value #URL} from the local repository.
   *
   * @param git the Git source
   * @return the source
   */
  ManifestSource source(GitSource git) {
    return ref -> git.resolve(new SourceRef(local(ref.repoUrl()), ref.path(),
        ref.targetRevision()));
  }
}
