/** Charts (XChart) for the lab's experiments, and saving them as PNG or SVG. */
package dev.descent.lab.chart;
