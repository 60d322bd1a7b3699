/**
 * Charts drawn with XChart: contour plots of 2-D functions with optimizer paths, written as PNG,
 * SVG or an animated GIF, with one colour palette shared by every figure.
 */
package dev.descent.lab.chart;
