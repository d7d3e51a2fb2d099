package io.gitopskit.core.schema;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A shape resolved on first use and then kept: how the built-in types refer to definitions, so
 * that recursive and rarely used definitions cost nothing until asked for.
 */
final class LazyShape {

  private @Nullable Supplier<Shape> supplier;
  private volatile @Nullable Shape value;

  private LazyShape(@Nullable Supplier<Shape> supplier, @Nullable Shape value) {
    this.supplier = supplier;
    this.value = value;
  }

  static LazyShape of(Supplier<Shape> supplier) {
    return new LazyShape(supplier, null);
  }

  static LazyShape resolved(Shape shape) {
    return new LazyShape(null, shape);
  }

  Shape get() {
    Shape v = value;
    if (v != null) {
      return v;
    }
    synchronized (this) {
      v = value;
      if (v == null) {
        Supplier<Shape> s = supplier;
        if (s == null) {
          throw new IllegalStateException("shape supplier already consumed");
        }
        v = s.get();
        value = v;
        supplier = null;
      }
      return v;
    }
  }
}
