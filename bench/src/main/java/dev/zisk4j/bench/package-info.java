/** JMH benchmarks and load drivers for every zisk4j module; run them with {@code bin/bench}. */
package dev.zisk4j.bench;
