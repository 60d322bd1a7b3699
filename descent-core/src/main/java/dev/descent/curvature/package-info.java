/**
 * Second-order information about an objective at a point: the Hessian ({@link
 * dev.descent.curvature.Hessians}: exact when the objective knows it, else central differences of
 * the exact gradient), Hessian-vector products, the eigenvalues of a symmetric matrix ({@link
 * dev.descent.curvature.SymmetricEigen}) and the classification of a point by their signs ({@link
 * dev.descent.curvature.Curvature}, {@link dev.descent.curvature.PointAnalysis}).
 */
package dev.descent.curvature;
