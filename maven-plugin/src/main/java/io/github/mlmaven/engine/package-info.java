/**
 * Where training and evaluation run: the Spark engine's settings and the job a forked Spark driver is given and
 * reports back. No Spark and no Maven class here: the driver itself is in {@code io.github.mlmaven.spark}.
 */
package io.github.mlmaven.engine;
