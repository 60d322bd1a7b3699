/**
 * Data sets: reading the MNIST family's IDX files ({@link dev.descent.data.IdxReader}) and CSV
 * files ({@link dev.descent.data.CsvReader}), the published sets by name with verified checksums
 * ({@link dev.descent.data.Catalog}, {@link dev.descent.data.DataLocator}, {@link
 * dev.descent.data.Datasets}), seeded synthetic problems ({@link dev.descent.data.Synthetic}),
 * train/validation/test splits with normalization from training statistics ({@link
 * dev.descent.data.Splits}) and allocation-free, resumable mini-batches ({@link
 * dev.descent.data.BatchIterator}).
 *
 * <pre>{@code
 * Splits s = DataLocator.system(null, System.err::println)
 *     .load(Catalog.get("fashion-mnist"))
 *     .withValidation(0.1, seed)
 *     .normalized(Normalization.UNIT_RANGE);
 * BatchIterator it = new BatchIterator(s.train(), 128, Sampling.SHUFFLE, seed, false);
 * }</pre>
 */
package dev.descent.data;
