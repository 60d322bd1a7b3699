/** The lab's self-contained HTML report. */
package dev.descent.lab.report;
