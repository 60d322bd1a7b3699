package dev.descent.optim;

import java.util.List;

/**
 * One row per registered optimizer (PyTorch's {@code common_optimizers.py} idea): a spec that makes
 * progress on a bowl and an invalid spec with the exact message it must give. {@link
 * OptimizerMatrixTest} checks that every registered name has a row.
 */
final class OptimizerCatalogue {
  private OptimizerCatalogue() {}

  record Row(String name, String bowlSpec, String invalidSpec, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Row> ROWS =
      List.of(
          new Row("sgd", "sgd(lr=0.1)", "sgd(lr=-1)", "lr must be in [0, inf), got -1.0"),
          new Row(
              "momentum",
              "momentum(lr=0.05,dampening=0.1)",
              "momentum(lr=0.1,dampening=2)",
              "dampening must be in [0, 1], got 2.0"),
          new Row(
              "nesterov",
              "nesterov(lr=0.05,weight_decay=0.01)",
              "nesterov(lr=0.1,momentum=0)",
              "nesterov needs momentum in (0, 1) and dampening 0, got momentum=0.0,"
                  + " dampening=0.0"),
          new Row("adam", "adam(lr=0.05)", "adam(beta1=1)", "beta1 must be in [0, 1), got 1.0"),
          new Row(
              "amsgrad", "amsgrad(lr=0.05)", "amsgrad(eps=0)", "eps must be in (0, inf), got 0.0"),
          new Row(
              "adamw",
              "adamw(lr=0.05,weight_decay=0.1)",
              "adamw(weight_decay=-0.1)",
              "weight_decay must be in [0, inf), got -0.1"),
          new Row(
              "nadam",
              "nadam(lr=0.05)",
              "nadam(momentum_decay=-1)",
              "momentum_decay must be in [0, inf), got -1.0"),
          new Row(
              "adamax", "adamax(lr=0.05)", "adamax(beta2=1.5)", "beta2 must be in [0, 1), got 1.5"),
          new Row(
              "radam", "radam(lr=0.05)", "radam(beta2=-0.5)", "beta2 must be in [0, 1), got -0.5"),
          new Row(
              "adagrad",
              "adagrad(lr=0.3,lr_decay=0.001)",
              "adagrad(initial_accumulator=-0.5)",
              "initial_accumulator must be in [0, inf), got -0.5"),
          new Row(
              "rmsprop",
              "rmsprop(lr=0.01,centered=true,momentum=0.5)",
              "rmsprop(rho=1)",
              "rho must be in [0, 1), got 1.0"),
          new Row(
              "adadelta",
              "adadelta(lr=20)",
              "adadelta(eps=-1)",
              "eps must be in (0, inf), got -1.0"),
          new Row("lion", "lion(lr=0.01)", "lion(beta1=1)", "beta1 must be in [0, 1), got 1.0"),
          new Row(
              "momentum_book",
              "momentum_book(lr=0.05)",
              "momentum_book(momentum=1)",
              "momentum must be in [0, 1), got 1.0"),
          new Row(
              "nesterov_book",
              "nesterov_book(lr=0.05)",
              "nesterov_book(lr=-0.5)",
              "lr must be in [0, inf), got -0.5"),
          new Row(
              "adam_book",
              "adam_book(lr=0.05,clip_norm=10)",
              "adam_book(clip_norm=0)",
              "clip_norm must be in (0, inf], got 0.0"));
}
