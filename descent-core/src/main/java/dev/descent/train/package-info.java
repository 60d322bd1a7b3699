/**
 * Training classifiers: the {@link dev.descent.train.Trainer} (mini-batches, loss, optimizer,
 * schedule or plateau, evaluation, early stopping, divergence guard), its {@link
 * dev.descent.train.History} (JSON and CSV), checkpoints that resume bit for bit, and weights in
 * the {@link dev.descent.train.SafeTensors} format with the {@link dev.descent.train.ModelSpec}
 * architecture in their metadata. Depends only on the packages below it (tensor, nn, loss, init,
 * optim, schedule, data) and on the JDK.
 */
package dev.descent.train;
