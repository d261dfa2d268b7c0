/**
 * The boundary between the Maven layer and the core: one parameters record per goal, the outcome, the log, Maven's
 * artifact repository and {@link io.github.mlmaven.api.CoreGoals}, the interface through which a Mojo runs a goal.
 *
 * <p>JDK types only. The core's class loader takes this package from the plugin's own class loader (parent-first), so
 * the Mojo and the isolated core share these very classes; anything else here would pull Maven, Weka or Jackson across
 * the isolation. Parameters are the goal's settings as the POM and the {@code -Dml.*} properties give them, unparsed:
 * the core parses and checks them, so that every goal words its errors the same way.
 */
package io.github.mlmaven.api;
