/**
 * The lab: the seeds' experiments run by name ({@link dev.descent.lab.Lab}), their shared pieces
 * (budget, data, parallel runs, artifacts) and the HTML report ({@link
 * dev.descent.lab.report.HtmlReport}).
 */
package dev.descent.lab;
