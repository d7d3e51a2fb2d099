package io.gitopskit.testkit.junit;

import org.junit.jupiter.api.extension.ExtensionContext;

/** Creation and cleanup of per-test resources. */
final class Resources {

  private Resources() {}

  /** A Git repository held by the extension store, closed with it. */
  record CloseableRepo(Object repo) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() throws Exception {
      if (repo instanceof AutoCloseable c) {
        c.close();
      }
    }
  }

  static boolean isGitRepo(Class<?> type) {
    return type == io.gitopskit.testkit.git.TestGitRepo.class;
  }

  static CloseableRepo newGitRepo() {
    return new CloseableRepo(io.gitopskit.testkit.git.TestGitRepo.create());
  }
}
