/**
 * The model registry: which versions of a model exist, which one is in production, and who did what, kept on a git
 * branch of the project's own repository. Core code: no Maven types; the Maven layer passes credentials and settings
 * in as plain values.
 *
 * <h2>Layout</h2>
 *
 * <p>Branch {@code ml-registry} (configurable) holds one file per model, {@code models/<modelName>.json}, and, once
 * ml:monitor has run, the model's monitoring history {@code monitoring/<modelName>.json} (written by {@link
 * io.github.mlmaven.registry.GitModelRegistry#updateMonitoring} with the same compare-and-swap; it never touches the
 * model's document). Every change is one commit whose message says what happened, so {@code git log ml-registry} is the audit
 * trail:
 *
 * <pre>
 * promote credit-risk 1.3.1 (approved by alice: better recall)
 * reserve credit-risk 1.3.1 (approved by alice: better recall)
 * rollback credit-risk from 1.3.1 to 1.3.0 (approved by bob: recall dropped in production)
 * fail credit-risk 1.3.2 (deploy failed: 401 Unauthorized)
 * </pre>
 *
 * <p>Each promoted version also gets an annotated tag {@code ml/<modelName>/<version>} on the project commit the model
 * was trained from (not on a registry commit). Tags are never moved.
 *
 * <h2>The document</h2>
 *
 * <pre>{@code
 * {
 *   "schemaVersion" : 1,
 *   "modelName" : "credit-risk",
 *   "production" : "1.3.0",
 *   "versions" : [ {
 *     "version" : "1.3.0",
 *     "status" : "promoted",
 *     "groupId" : "com.example",
 *     "artifactId" : "credit-risk",
 *     "modelSha256" : "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
 *     "sourceCommit" : "0123456789abcdef0123456789abcdef01234567",
 *     "metrics" : { "accuracy" : 0.91, "recall" : 0.84 },
 *     "approver" : "alice",
 *     "reason" : "better recall",
 *     "promotedAt" : "2024-03-01T12:05:00Z",
 *     "reservedAt" : "2024-03-01T12:00:00Z"
 *   } ],
 *   "events" : [
 *     { "type" : "reserve", "version" : "1.3.0", "approver" : "alice", "reason" : "better recall",
 *       "at" : "2024-03-01T12:00:00Z" },
 *     { "type" : "promote", "version" : "1.3.0", "approver" : "alice", "reason" : "better recall",
 *       "at" : "2024-03-01T12:05:00Z" }
 *   ]
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@code production}: the version in production, {@code null} before the first promotion.
 *   <li>{@code versions[].status}: {@code reserved} (the version is taken, its artifact not deployed yet),
 *       {@code promoted} (deployed and recorded) or {@code failed} (reserved, never deployed). A version in any status
 *       is taken for good: versions are never reused.
 *   <li>{@code events[]}: {@code reserve}, {@code promote}, {@code fail} or {@code rollback}, oldest first, only ever
 *       appended. A rollback names the version production moved to ({@code version}) and the one it left
 *       ({@code from}); {@code from} appears on rollbacks only.
 *   <li>Times are ISO-8601 instants in UTC. Metrics that are not finite numbers are left out.
 *   <li>{@code schemaVersion} changes when a field changes meaning; a reader refuses a newer one and ignores fields it
 *       does not know.
 * </ul>
 *
 * <h2>Writing safely</h2>
 *
 * <p>{@link io.github.mlmaven.registry.GitModelRegistry#update} writes blob, tree and commit straight into the object
 * database (the working tree, index and HEAD are never touched) and pushes with compare-and-swap: the push states the
 * commit it expects the remote branch at (none, for the first). When another writer moved the branch first, the
 * branch is fetched again, the change re-applied to the newer document (so the next version is recomputed) and pushed
 * again, a few times with a growing, jittered pause; then it fails with {@link
 * io.github.mlmaven.registry.RegistryException.Reason#CONFLICT}. Two promotions at once therefore never share a
 * version or overwrite each other's events. Without the remote the registry is the local branch, updated with the same
 * compare-and-swap on the local ref.
 */
package io.github.mlmaven.registry;
