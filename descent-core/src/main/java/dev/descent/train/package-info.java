/**
 * Training classifiers: the {@link dev.descent.train.Trainer} (mini-batches, loss, optimizer,
 * schedule or plateau, evaluation, early stopping, divergence guard), its {@link
 * dev.descent.train.History} (JSON and CSV), checkpoints that resume bit for bit, and weights in
 * the {@link dev.descent.train.SafeTensors} format with the {@link dev.descent.train.ModelSpec}
 * architecture in their metadata. Full-batch training with the second-order and line-search methods
 * goes through {@link dev.descent.train.NetworkObjective} and {@link
 * dev.descent.train.FullBatchTrainer}; the meta-strategies of seed 003 are {@link
 * dev.descent.train.BlockCoordinate}, {@link dev.descent.train.Curriculum}, {@link
 * dev.descent.train.Pretraining} and the trainer's weight averaging. Depends only on the packages
 * below it (tensor, nn, loss, init, function, optim, schedule, data) and on the JDK.
 */
package dev.descent.train;
