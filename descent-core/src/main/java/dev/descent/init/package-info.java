/**
 * Seeded weight initializers ({@code zeros}, {@code normal}, Xavier, He, LeCun, …) by factory and
 * by spec name.
 */
package dev.descent.init;
