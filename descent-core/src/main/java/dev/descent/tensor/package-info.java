/**
 * Dense float32 tensors and the matrix product they run on: {@link dev.descent.tensor.Tensor},
 * {@link dev.descent.tensor.Ops} and the {@link dev.descent.tensor.Blas} interface with its native
 * (OpenBLAS) and pure-Java implementations.
 */
package dev.descent.tensor;
