/**
 * Learning-rate schedules as pure functions of the step ({@link dev.descent.schedule.Schedule}),
 * built by name from spec strings ({@link dev.descent.schedule.Schedules}), with values equal to
 * PyTorch's {@code torch.optim.lr_scheduler} after the same number of steps; plus the metric-driven
 * {@link dev.descent.schedule.Plateau}.
 */
package dev.descent.schedule;
