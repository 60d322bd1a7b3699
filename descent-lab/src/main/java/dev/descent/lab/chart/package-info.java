/**
 * Charts (XChart) for the lab's experiments, saved as PNG or SVG: learning-rate schedule curves,
 * and contour plots of 2-D functions with optimizer paths (also as an animated GIF), with one
 * colour palette shared by every figure.
 */
package dev.descent.lab.chart;
