/**
 * The immutable JSON tree that every manifest is made of.
 *
 * <p>{@link io.gitopskit.core.json.JsonValue} is a sealed interface with six cases: {@link
 * io.gitopskit.core.json.JsonObject}, {@link io.gitopskit.core.json.JsonArray}, {@link
 * io.gitopskit.core.json.JsonString}, {@link io.gitopskit.core.json.JsonNumber}, {@link
 * io.gitopskit.core.json.JsonBoolean} and {@link io.gitopskit.core.json.JsonNull}.
 *
 * <p>Guarantees, for every type in this package:
 *
 * <ul>
 *   <li><b>Deeply immutable.</b> Every "modifying" method returns a new tree that shares the
 *       unchanged subtrees with the old one; nothing is ever changed in place.
 *   <li><b>Deterministic order.</b> Object fields are kept sorted by name (the order {@code
 *       kubectl get -o yaml} prints), so equal trees serialize to identical text and equality
 *       does not depend on insertion order.
 *   <li><b>Content hashes.</b> Every value has a 64-bit {@code contentHash()}, computed once per
 *       container and cached: different hashes prove different content, which makes "unchanged"
 *       checks and the first step of a diff a comparison of two longs.
 *   <li><b>Null-hostile.</b> No method accepts or returns a Java {@code null} except where
 *       documented; JSON {@code null} is {@link io.gitopskit.core.json.JsonNull}.
 *   <li><b>Thread-safe</b>, as a consequence of immutability.
 * </ul>
 *
 * <p>Numbers keep their exact value: integers that fit a {@code long} are stored as such, others
 * as {@link java.math.BigDecimal}; {@code 1} and {@code 1.0} are equal.
 */
@NullMarked
package io.gitopskit.core.json;

import org.jspecify.annotations.NullMarked;
