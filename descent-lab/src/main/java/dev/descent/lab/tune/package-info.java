/** Charts of a hyperparameter search ({@code descent tune}). */
package dev.descent.lab.tune;
