/**
 * Functions of two variables with exact gradients and Hessians: the classic optimizer test
 * functions by name ({@code rosenbrock(a=1,b=100)}) and any formula in x and y ({@code x^2/20 +
 * y^2}), differentiated automatically.
 */
package dev.descent.function;
