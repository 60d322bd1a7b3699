/**
 * Layers and models: {@link dev.descent.nn.Layer} with forward/backward on reusable buffers, {@link
 * dev.descent.nn.Linear}, the activations, {@link dev.descent.nn.BatchNorm}, {@link
 * dev.descent.nn.Dropout}, {@link dev.descent.nn.Sequential} and the {@link dev.descent.nn.Mlp}
 * builder. Train/eval mode travels in a {@link dev.descent.nn.Context}.
 */
package dev.descent.nn;
