package dev.zisk4j.engine.vm;

/**
 * One source line after includes are expanded.
 *
 * @param text the line
 * @param origin the included file it comes from, or null for the top-level source
 * @param line its 1-based line number in that file
 */
record SourceLine(String text, String origin, int line) {}
